// The engine's calibrated detector under the benchmark's protocol: refit on the trailing window,
// judge the new points one step ahead, CUSUM state carried from batch to batch.
import { fitAnomalyModel, judgePoint } from '../../src/analytics/anomalies/model';
import { advance, newState, thresholdFor } from '../../src/analytics/anomalies/streaming';

import type { CausalDetector } from './protocol';
import type { Verdict } from './types';

export function engineAfter(sensitivity = 1): CausalDetector {
  return {
    name: 'engine after (calibrated)',
    minRun: 1,
    start(series) {
      const x = Float64Array.from(series.values, (v) => (v === null ? NaN : v));
      const state = newState();
      const threshold = thresholdFor(sensitivity);
      return {
        judge(trainFrom, from, to): Verdict[] {
          // Points at and after `from` are hidden from the fit; the judge reads each only after it.
          const model = fitAnomalyModel(x, trainFrom, from, series.stepMs, series.startMs);
          const out: Verdict[] = [];
          for (let i = from; i < to && model; i++) {
            const j = judgePoint(model, x, i);
            if (j) {
              out.push({ index: i, flagged: advance(state, j, 'both', threshold).flagged });
            }
          }
          return out;
        },
      };
    },
  };
}
