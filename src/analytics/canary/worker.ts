// Web Worker entry for the canary judgement (see offThread.ts).
import type { CanaryWorkerReply, CanaryWorkerRequest } from './offThread';
import { judgeCanary } from './scorer';

interface WorkerScope {
  onmessage: ((event: MessageEvent<CanaryWorkerRequest>) => void) | null;
  postMessage(message: CanaryWorkerReply): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { jobId, job } = event.data;
  try {
    scope.postMessage({ jobId, result: judgeCanary(job.metrics, job.data, job.thresholds) });
  } catch (e) {
    scope.postMessage({ jobId, error: e instanceof Error ? e.message : String(e) });
  }
};
