import { studentTSf } from '../stats/distributions';

import type { TestOutcome, WelchResult } from './types';

function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i];
  }
  const mean = sum / n;
  // Two-pass variance, as numpy's var(ddof=1): no catastrophic cancellation on large offsets.
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  return { mean, variance: ss / (n - 1) };
}

/**
 * Welch's unequal-variance t-test of `x` (canary) against `y` (baseline), two-sided, matching
 * scipy.stats.ttest_ind(x, y, equal_var=False). A second opinion next to Mann–Whitney: it compares
 * means, so a few huge outliers move it where the rank test stays put — the disagreement is itself
 * worth showing.
 */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>): TestOutcome<WelchResult> {
  if (x.length < 2 || y.length < 2) {
    return {
      ok: false,
      reason: `Welch's t-test needs at least 2 values per group (canary ${x.length}, baseline ${y.length}).`,
    };
  }
  const a = meanAndVariance(x);
  const b = meanAndVariance(y);
  if (!Number.isFinite(a.variance) || !Number.isFinite(b.variance)) {
    return { ok: false, reason: 'Values too large for a variance; use the rank test.' };
  }
  const va = a.variance / x.length;
  const vb = b.variance / y.length;
  const se2 = va + vb;
  const meanDifference = a.mean - b.mean;
  if (se2 === 0) {
    return {
      ok: false,
      reason:
        meanDifference === 0
          ? 'Both groups are constant and equal: nothing to test.'
          : 'Both groups are constant but differ: the t statistic is infinite; use the rank test.',
    };
  }
  const t = meanDifference / Math.sqrt(se2);
  // Welch–Satterthwaite df is scale-free; computing it on va, vb scaled to ≤ 1 keeps tiny variances
  // (1e-160 and below) from underflowing to 0 / 0.
  const scale = Math.max(va, vb);
  const ra = va / scale;
  const rb = vb / scale;
  const df = ((ra + rb) * (ra + rb)) / ((ra * ra) / (x.length - 1) + (rb * rb) / (y.length - 1));
  if (!Number.isFinite(t) || !Number.isFinite(df)) {
    return { ok: false, reason: 'The values are too extreme for a t statistic; use the rank test.' };
  }
  const pValue = Math.min(1, 2 * studentTSf(Math.abs(t), df));
  return { ok: true, t, df, pValue, meanDifference };
}
