// Web Worker entry: one analysis at a time, WASM loaded lazily by the first request that needs it.
// Built as its own webpack entry (see createBrowserWorker in pool.ts for the entry options).
import { runAnalysisInThread } from './analyse';
import type { WorkerReply, WorkerRequest } from './workerProtocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const message = event.data;
  if (message?.type !== 'analyse') {
    return;
  }
  void runAnalysisInThread(message.request).then((result) => scope.postMessage({ type: 'result', jobId: message.jobId, result }));
};
