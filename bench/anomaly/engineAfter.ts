// The engine's calibrated detector under the benchmark's protocol, at the forecast panel's default
// rules: refit on the trailing window, judge the new points one step ahead, CUSUM state carried
// from batch to batch (as the live view carries it from refresh to refresh).
import { withMinDeviation } from '../../src/analytics/anomalies/calibrated';
import { fitAnomalyModel, judgePoint } from '../../src/analytics/anomalies/model';
import { advance, newState, slowThresholdFor, thresholdFor } from '../../src/analytics/anomalies/streaming';

import { PANEL_DEFAULTS } from './engineBefore';
import type { CausalDetector } from './protocol';
import type { Verdict } from './types';

export function engineAfter(
  sensitivity = PANEL_DEFAULTS.sensitivity,
  minDeviation = PANEL_DEFAULTS.minDeviation
): CausalDetector {
  return {
    name: 'engine after (calibrated, panel defaults)',
    minRun: 1,
    start(series) {
      const x = Float64Array.from(series.values, (v) => (v === null ? NaN : v));
      // What the panel has: its range, nothing before it (a predictor reading a day back at the
      // window's start sees no data, as in the browser). trainFrom only grows.
      let hiddenTo = 0;
      const state = newState();
      const threshold = thresholdFor(sensitivity, series.stepMs);
      const slow = slowThresholdFor(sensitivity);
      const direction = series.watch?.direction ?? 'both';
      const deviation = series.watch?.minDeviation ?? minDeviation;
      return {
        judge(trainFrom, from, to): Verdict[] {
          // The fit sees [trainFrom, from) only; each judged point's prediction reads points before it.
          x.fill(NaN, hiddenTo, Math.max(hiddenTo, trainFrom));
          hiddenTo = Math.max(hiddenTo, trainFrom);
          const model = fitAnomalyModel(x, trainFrom, from, series.stepMs, series.startMs);
          const out: Verdict[] = [];
          for (let i = from; i < to && model; i++) {
            const j = judgePoint(model, x, i);
            if (j) {
              out.push({
                index: i,
                flagged: advance(state, withMinDeviation(j, x[i], deviation), direction, threshold, slow).flagged,
              });
            }
          }
          return out;
        },
      };
    },
  };
}
