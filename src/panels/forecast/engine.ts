// The panel's only door into src/analytics. Importing the pool lazily keeps the engine (and, behind
// it, the WASM) out of the panel's first bundle: nothing is fetched until a panel has data to model.
import type { AnalysisRequest, AnalysisResult } from '../../analytics/types';

export interface EngineRunHandlers {
  signal: AbortSignal;
  onResult: (result: AnalysisResult) => void;
  onProgress?: (done: number, total: number) => void;
}

export type RunAnalyses = (requests: AnalysisRequest[], handlers: EngineRunHandlers) => Promise<void>;

export const runAnalyses: RunAnalyses = async (requests, handlers) => {
  const { getAnalyticsPool } = await import(/* webpackChunkName: "analytics-engine" */ '../../analytics/pool');
  if (handlers.signal.aborted) {
    return;
  }
  await getAnalyticsPool().run(requests, handlers);
};
