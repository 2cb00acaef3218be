// The panel's door into src/analytics: the front door's client loads the engine (and, behind it, the
// WASM) lazily, so nothing is fetched until a panel has data to model. Kept as a named seam so
// useForecasts can be tested with a fake runner.
import { analyseBatch, type AnalysisRequest, type AnalysisResult } from '../../analytics';

export interface EngineRunHandlers {
  signal: AbortSignal;
  onResult: (result: AnalysisResult) => void;
  onProgress?: (done: number, total: number) => void;
}

export type RunAnalyses = (requests: AnalysisRequest[], handlers: EngineRunHandlers) => Promise<void>;

export const runAnalyses: RunAnalyses = analyseBatch;
