import { normalSf } from '../stats/distributions';

import { rankSums, sortedCopy } from './ranks';
import type { Alternative, MannWhitneyResult, TestOutcome } from './types';
import { exactFeasible, uSf } from './uDistribution';

export type MannWhitneyMethod = 'auto' | 'exact' | 'asymptotic';

export interface MannWhitneyOptions {
  method?: MannWhitneyMethod;
  alternative?: Alternative;
}

/**
 * Mann–Whitney U test of the canary sample `x` against the baseline `y`, numerically matching
 * scipy.stats.mannwhitneyu(x, y, use_continuity=True, method=…) (scipy 1.10).
 * 'auto' follows scipy: exact when either sample has at most 8 values and there are no ties,
 * otherwise the normal approximation with tie and continuity correction.
 */
export function mannWhitneyU(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: MannWhitneyOptions = {}
): TestOutcome<MannWhitneyResult> {
  for (const v of [x, y]) {
    for (let i = 0; i < v.length; i++) {
      if (!Number.isFinite(v[i])) {
        return { ok: false, reason: 'Samples must be finite numbers; apply the NaN policy first.' };
      }
    }
  }
  return mannWhitneySorted(sortedCopy(x), sortedCopy(y), options);
}

/** The same test on samples already sorted ascending and finite (the scorer's fast path). */
export function mannWhitneySorted(
  xs: Float64Array,
  ys: Float64Array,
  { method = 'auto', alternative = 'two-sided' }: MannWhitneyOptions = {}
): TestOutcome<MannWhitneyResult> {
  const n1 = xs.length;
  const n2 = ys.length;
  if (n1 === 0 || n2 === 0) {
    return { ok: false, reason: `Needs values in both groups (canary ${n1}, baseline ${n2}).` };
  }
  const { r1, tieTerm, hasTies } = rankSums(xs, ys);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const [u, factor] = alternative === 'greater' ? [u1, 1] : alternative === 'less' ? [u2, 1] : [Math.max(u1, u2), 2];

  let chosen: 'exact' | 'asymptotic';
  let methodReason: string;
  if (method === 'exact') {
    if (!exactFeasible(n1, n2)) {
      chosen = 'asymptotic';
      methodReason = `samples too large for the exact distribution (${n1} × ${n2}); normal approximation`;
    } else {
      chosen = 'exact';
      methodReason = hasTies ? 'exact distribution as requested (it ignores ties)' : 'exact distribution';
    }
  } else if (method === 'asymptotic') {
    chosen = 'asymptotic';
    methodReason = 'normal approximation with tie and continuity correction';
  } else if ((n1 > 8 && n2 > 8) || hasTies || !exactFeasible(n1, n2)) {
    chosen = 'asymptotic';
    methodReason = hasTies
      ? 'ties present: normal approximation with tie and continuity correction'
      : 'normal approximation with continuity correction (both samples larger than 8)';
  } else {
    chosen = 'exact';
    methodReason = 'small samples without ties: exact distribution';
  }

  if (chosen === 'exact') {
    const p = Math.min(1, Math.max(0, factor * uSf(Math.trunc(u), n1, n2)));
    return { ok: true, u1, pValue: p, method: 'exact', methodReason };
  }
  const n = n1 + n2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // scipy always takes the upper tail of U, so the continuity correction is always −½.
  const numerator = u - (n1 * n2) / 2 - 0.5;
  let p: number;
  let z: number;
  if (sigma > 0) {
    z = numerator / sigma;
    p = factor * normalSf(z);
  } else {
    // Every value is identical: no evidence of any difference.
    z = 0;
    p = 1;
  }
  return { ok: true, u1, pValue: Math.min(1, Math.max(0, p)), method: 'asymptotic', methodReason, z };
}
