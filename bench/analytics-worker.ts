// worker_threads stand-in for src/analytics/runtime/worker.ts (the browser Worker entry), for the benchmark.
import { parentPort } from 'node:worker_threads';

import '../tests/support/analytics/nodeWasm';
import { handleRequest } from '../src/analytics/runtime/handle';
import type { WorkerReply, WorkerRequest } from '../src/analytics/runtime/protocol';

parentPort?.on('message', (message: WorkerRequest) => {
  if (message?.type !== 'run') {
    return;
  }
  void handleRequest(message.request).then((result) => {
    const reply: WorkerReply = { type: 'result', jobId: message.jobId, result };
    parentPort?.postMessage(reply);
  });
});
