// Web Worker entry: one request at a time, WASM loaded lazily by the first request that needs it.
// Built as its own webpack entry (see browserWorker.ts for the entry options).
import { handleRequest } from './handle';
import type { WorkerReply, WorkerRequest } from './protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const message = event.data;
  if (message?.type !== 'run') {
    return;
  }
  void handleRequest(message.request).then((result) =>
    scope.postMessage({ type: 'result', jobId: message.jobId, result })
  );
};
