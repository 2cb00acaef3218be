// A small worker_threads pool for the benchmark: the engine's refits dominate the run time.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import type { BenchSize } from './generator';
import type { Protocol } from './protocol';
import type { SeriesScore } from './scoring';
import type { Job } from './worker';

export async function scoreInWorkers(
  detector: string,
  size: BenchSize,
  families: string[],
  count: number,
  threads: number,
  protocol: Protocol
): Promise<{ scores: SeriesScore[]; seconds: number }> {
  const started = Date.now();
  // `--import tsx` does not reach worker_threads on Node 20: the worker registers tsx's hook itself.
  const entry = JSON.stringify(join(__dirname, 'worker.ts'));
  const workers = Array.from(
    { length: Math.max(1, Math.min(threads, count)) },
    () => new Worker(`require('tsx/cjs'); require(${entry});`, { eval: true })
  );
  const scores: SeriesScore[] = new Array(count);
  let next = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= count) {
                resolve();
                return;
              }
              const job: Job = { jobId: next, detector, size, families, index: next, protocol };
              next++;
              worker.postMessage(job);
            };
            worker.on('message', (reply: { jobId: number; score?: SeriesScore; error?: string }) => {
              if (!reply.score) {
                reject(new Error(reply.error));
                return;
              }
              scores[reply.jobId] = reply.score;
              send();
            });
            worker.on('error', reject);
            send();
          })
      )
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { scores, seconds: (Date.now() - started) / 1000 };
}
