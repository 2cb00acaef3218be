// One-off incidents, told apart from the pattern a seasonal model should learn.
//
// MSTL estimates each phase of the season from every cycle, so a one-day incident (a 10-point spike to
// twice the level) is learned as part of "what happens at 09:45" and forecast to recur tomorrow, and the
// ETS band, fitted to residuals that now carry the spike, balloons. The fix is the classic robust
// two-pass fit: residuals against a robust fit, points beyond k·MAD replaced by the fitted value, then
// the model is refitted. Only *isolated, short* runs count: a run longer than a quarter of the period is
// more likely a real change in shape or level (which the model must learn, and which a median-based fit
// follows within half a cycle anyway), and a run that reaches the last point may be a level shift still
// in progress, so both are kept. The anomaly detector still sees the original points.
import { sortedMedian } from '../stats/robust';

/**
 * Residuals beyond this many robust σ are outliers. Under Gaussian noise 5σ is ~0.6 per million points;
 * not lower, because residuals from a median fit are slightly smaller than the noise (each point is
 * one of the few that set its phase's median), so the MAD underestimates σ by ~10 %.
 */
export const OUTLIER_K = 5;
/** The longest run replaced, as a share of the period. */
const MAX_RUN_SHARE = 0.25;
/** Above this share of replaced points the series is not "regular with incidents": leave it alone. */
const MAX_REPLACED_SHARE = 0.1;

/**
 * Mask (1 = isolated outlier) of the points whose residual lies beyond `k` robust σ of all residuals,
 * keeping only runs short relative to `period` that end before the last point; undefined when none.
 * Non-finite residuals are never flagged.
 */
export function isolatedOutliers(residuals: ArrayLike<number>, period: number, k = OUTLIER_K): Uint8Array | undefined {
  const n = residuals.length;
  // Typed arrays throughout: this runs on every raw point of every seasonal fit (see seasonal.ts).
  const buffer = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(residuals[i])) {
      buffer[count++] = residuals[i];
    }
  }
  if (count < 4) {
    return undefined;
  }
  const finite = buffer.subarray(0, count).sort();
  const centre = sortedMedian(finite);
  const threshold = k * robustSigma(finite, centre);
  if (!(threshold > 0)) {
    return undefined;
  }
  const maxRun = Math.max(1, Math.floor(period * MAX_RUN_SHARE));
  // ±Infinity is "beyond" any threshold, but a non-finite residual says nothing about an incident.
  const beyond = (r: number) => Number.isFinite(r) && Math.abs(r - centre) > threshold;
  const mask = new Uint8Array(n);
  let replaced = 0;
  let i = 0;
  while (i < n) {
    if (!beyond(residuals[i])) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < n && beyond(residuals[end + 1])) {
      end++;
    }
    if (end - i + 1 <= maxRun && end < n - 1) {
      mask.fill(1, i, end + 1);
      replaced += end - i + 1;
    }
    i = end + 1;
  }
  return replaced > 0 && replaced <= MAX_REPLACED_SHARE * n ? mask : undefined;
}

/**
 * 1.4826·MAD, or — when more than half the residuals are exactly equal (quantised counts fitted
 * exactly) and the MAD is 0 — the Gaussian-consistent mean absolute deviation, so one spike among
 * exact fits is still an outlier and not "infinitely" far from everything else.
 */
function robustSigma(values: Float64Array, centre: number): number {
  const deviations = values.map((v) => Math.abs(v - centre)).sort();
  const mad = 1.4826 * sortedMedian(deviations);
  if (mad > 0) {
    return mad;
  }
  return Math.sqrt(Math.PI / 2) * (deviations.reduce((a, b) => a + b, 0) / deviations.length);
}

/** A copy of `values` with masked points replaced by `fitted` (the robust fit's value at that point). */
export function replaceMasked(values: Float64Array, fitted: Float64Array, mask: Uint8Array): Float64Array {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (mask[i]) {
      out[i] = fitted[i];
    }
  }
  return out;
}
