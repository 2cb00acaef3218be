// Is agent task speed changing? An OLS line through the mean duration per interval, with a
// t-based confidence interval on the slope: the verdict says "faster" or "slower" only when the
// whole interval is on one side of zero.
import { studentTQuantile } from '../stats/distributions';

import { fitOls } from './linear';

const DAY_MS = 86_400_000;

export interface TaskSpeedTrend {
  /** Change in mean duration per day, in ms (negative = getting faster). */
  slopeMsPerDay: number;
  slopeLowerMsPerDay: number;
  slopeUpperMsPerDay: number;
  /** Change over 7 days relative to the mean duration, e.g. -0.12 = 12% faster per week. */
  relativeChangePerWeek: number;
  meanDurationMs: number;
  points: number;
  verdict: 'faster' | 'slower' | 'no clear trend';
  confidence: number;
}

export function taskSpeedTrend(
  timestampsMs: ArrayLike<number>,
  durationsMs: ArrayLike<number | null | undefined>,
  confidence = 0.95
): TaskSpeedTrend | string {
  if (!(confidence > 0 && confidence < 1)) {
    return `confidence must be between 0 and 1 (got ${confidence}); 0.95 is the usual choice`;
  }
  if (timestampsMs.length !== durationsMs.length) {
    return 'timestamps and durations have different lengths';
  }
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < timestampsMs.length; i++) {
    const t = timestampsMs[i];
    const d = durationsMs[i];
    // Empty intervals (no successful run) come back as null: they are gaps, not zero-duration runs.
    if (d !== null && d !== undefined && Number.isFinite(d) && Number.isFinite(t) && d >= 0) {
      x.push(t / DAY_MS);
      y.push(d);
    }
  }
  if (x.length < 3) {
    return `a trend needs at least 3 intervals with successful runs, found ${x.length}: widen the time range`;
  }
  if (x.every((v) => v === x[0])) {
    return 'all runs fall in one interval: widen the time range';
  }
  const fit = fitOls(x, y);
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  const se = Math.sqrt(fit.residualVariance / fit.sxx);
  const t = studentTQuantile(1 - (1 - confidence) / 2, fit.n - 2);
  const lower = fit.slope - t * se;
  const upper = fit.slope + t * se;
  const trend: TaskSpeedTrend = {
    slopeMsPerDay: fit.slope,
    slopeLowerMsPerDay: lower,
    slopeUpperMsPerDay: upper,
    relativeChangePerWeek: mean > 0 ? (7 * fit.slope) / mean : 0,
    meanDurationMs: mean,
    points: fit.n,
    verdict: upper < 0 ? 'faster' : lower > 0 ? 'slower' : 'no clear trend',
    confidence,
  };
  // Durations near the largest double overflow the sums of squares; say so rather than show NaN.
  const numbers = [lower, upper, trend.slopeMsPerDay, trend.relativeChangePerWeek, mean];
  if (!numbers.every(Number.isFinite)) {
    return 'the durations are too large to compute a trend (they overflow); check the duration unit';
  }
  return trend;
}
