// How much a trend's slope moves between stretches of the same length, beyond what the noise explains.
//
// A short regime (a container restarted a day ago) is fitted over L points; anything slower than L —
// a weekly cycle, a slow drift in the daily peak — is indistinguishable from the trend inside it, and
// the OLS interval (independent noise around one true line) does not know. The window shows the same
// resource over other stretches of length L: their slopes differ by noise (each with its own standard
// error) plus that slow movement. The between-window variance τ² is the method-of-moments
// (DerSimonian–Laird) estimate, var(slopes) − mean(se²), floored at zero: a series whose slope truly
// holds still gets τ² ≈ 0 and keeps the exact interval.
import { fitOls } from '../models/linear';

/** Fewer windows than this say nothing about the spread (τ² = 0). */
export const MIN_SLOPE_WINDOWS = 3;

export interface SlopeSpread {
  /** Between-window slope variance per step² (0 when it cannot be told). */
  tau2: number;
  windows: number;
}

/**
 * Windows of `length` points tiled back from the end of every regime (boundaries in `starts`,
 * ascending, first 0), never across a boundary; so the current regime is one window of its own.
 */
export function slopeSpread(values: ArrayLike<number>, starts: readonly number[], length: number): SlopeSpread {
  const n = values.length;
  if (!(length >= 3)) {
    return { tau2: 0, windows: 0 };
  }
  const bounds = [...starts, n];
  const slopes: number[] = [];
  const variances: number[] = [];
  const x = Float64Array.from({ length }, (_, i) => i);
  for (let r = 0; r + 1 < bounds.length; r++) {
    for (let end = bounds[r + 1]; end - length >= bounds[r]; end -= length) {
      const y = Float64Array.from({ length }, (_, i) => values[end - length + i]);
      const fit = fitOls(x, y);
      if (Number.isFinite(fit.slope) && Number.isFinite(fit.residualVariance)) {
        slopes.push(fit.slope);
        variances.push(fit.residualVariance / fit.sxx);
      }
    }
  }
  const m = slopes.length;
  if (m < MIN_SLOPE_WINDOWS) {
    return { tau2: 0, windows: m };
  }
  const mean = slopes.reduce((a, b) => a + b, 0) / m;
  const spread = slopes.reduce((a, b) => a + (b - mean) ** 2, 0) / (m - 1);
  const noise = variances.reduce((a, b) => a + b, 0) / m;
  return { tau2: Math.max(0, spread - noise), windows: m };
}
