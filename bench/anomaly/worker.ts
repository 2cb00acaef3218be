// worker_threads entry for bench:anomaly: scores one (detector, series) pair per message.
import { parentPort } from 'node:worker_threads';

import { DETECTORS } from './detectors';
import { type BenchSize, generateBench } from './generator';
import { type Protocol, runCausal } from './protocol';
import { scoreSeries } from './scoring';
import type { LabelledSeries } from './types';

export interface Job {
  jobId: number;
  detector: string;
  size: BenchSize;
  families: string[];
  index: number;
  protocol: Protocol;
}

let cached: { key: string; set: LabelledSeries[] } | undefined;

parentPort?.on('message', (job: Job) => {
  const key = JSON.stringify([job.size, job.families]);
  if (cached?.key !== key) {
    cached = { key, set: generateBench(job.size, job.families) };
  }
  const series = cached.set[job.index];
  const started = Date.now();
  void runCausal(DETECTORS[job.detector](), series, job.protocol).then(
    (alerts) =>
      parentPort?.postMessage({ jobId: job.jobId, score: scoreSeries(series, alerts), ms: Date.now() - started }),
    (error: unknown) => parentPort?.postMessage({ jobId: job.jobId, error: String(error) })
  );
});
