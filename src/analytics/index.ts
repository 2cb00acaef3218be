// Public surface of the analytics engine (pure TypeScript; WASM loads lazily on first use).
import { runAnalysisInThread } from './analyse';
import type { AnalysisRequest, AnalysisResult } from './types';

export { prepareSeries, isCannotModel } from './prepare';
export { forecast } from './forecast';
export { detectAnomalies, detectMadAnomalies } from './anomalies';
export { detectGroupOutliers } from './groupOutliers';
export { estimateCapacity } from './capacity';
export { seasonalityProfile } from './seasonality';
export { detectPeriods } from './periods';
export { modelLabel } from './describe';
export { bandAt } from './band';
export type * from './types';

/** Runs one request in the calling thread; pages should prefer `getAnalyticsPool()` for batches. */
export function analyse(request: AnalysisRequest): Promise<AnalysisResult> {
  return runAnalysisInThread(request);
}
