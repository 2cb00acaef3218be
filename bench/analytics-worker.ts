// worker_threads stand-in for src/analytics/worker.ts (the browser Worker entry), for the benchmark.
import { parentPort } from 'node:worker_threads';

import { runAnalysisInThread } from '../src/analytics/analyse';
import type { WorkerReply, WorkerRequest } from '../src/analytics/workerProtocol';

parentPort?.on('message', (message: WorkerRequest) => {
  if (message?.type !== 'analyse') {
    return;
  }
  void runAnalysisInThread(message.request).then((result) => {
    const reply: WorkerReply = { type: 'result', jobId: message.jobId, result };
    parentPort?.postMessage(reply);
  });
});
