// Two simple detectors run under the same protocol, so the engine's figures have a yardstick.
import { median } from '../../src/analytics/stats/robust';

import { PER_DAY, STEP_MS } from './builder';
import type { CausalDetector } from './protocol';
import type { LabelledSeries, Verdict } from './types';

function recent(series: LabelledSeries, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const v = series.values[i];
    if (v !== null) {
      out.push(v);
    }
  }
  return out;
}

/** Flags the points whose departure from `centre` is past `limit` in the direction the series is watched. */
function verdicts(series: LabelledSeries, from: number, to: number, centre: number, limit: number): Verdict[] {
  const direction = series.watch?.direction ?? 'both';
  const out: Verdict[] = [];
  for (let i = from; i < to; i++) {
    const v = series.values[i];
    if (v !== null) {
      const d = v - centre;
      const flagged = direction === 'above' ? d > limit : direction === 'below' ? -d > limit : Math.abs(d) > limit;
      out.push({ index: i, flagged });
    }
  }
  return out;
}

const DAY_MS = PER_DAY * STEP_MS;

/** Points in `days` at the series' step. */
function pointsIn(series: LabelledSeries, days: number): number {
  return Math.max(2, Math.round((days * DAY_MS) / series.stepMs));
}

/** Mean ± z·sd of the trailing `days` of points. */
export function windowedGaussian(z = 4, days = 1): CausalDetector {
  return {
    name: `windowed Gaussian (z>${z}, ${days}d)`,
    minRun: 1,
    start: (series) => ({
      judge(_trainFrom, from, to) {
        const window = pointsIn(series, days);
        const xs = recent(series, Math.max(0, from - window), from);
        const mean = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
        const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, xs.length - 1));
        return verdicts(series, from, to, mean, z * sd);
      },
    }),
  };
}

/** Median ± k·1.4826·MAD of the trailing `days` of points. */
export function rollingMad(k = 5, days = 1): CausalDetector {
  return {
    name: `rolling MAD (k>${k}, ${days}d)`,
    minRun: 1,
    start: (series) => ({
      judge(_trainFrom, from, to) {
        const window = pointsIn(series, days);
        const xs = recent(series, Math.max(0, from - window), from);
        const centre = median(xs);
        const spread = 1.4826 * median(xs.map((x) => Math.abs(x - centre)));
        return verdicts(series, from, to, centre, k * spread);
      },
    }),
  };
}
