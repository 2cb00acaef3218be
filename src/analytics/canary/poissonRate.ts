// Exact conditional test for two Poisson rates (Przyborowski & Wilenski 1940): given n = c₁ + c₂
// events in total, the canary's count is Binomial(n, e₁ / (e₁ + e₂)) under equal rates. Matches
// statsmodels.stats.rates.test_poisson_2indep(method='exact-cond') and, two-sided,
// scipy.stats.binomtest. This is what judges sparse errors: 0 vs 3 errors has no median shift for a
// rank test to see, but 3 events where 10 % of the traffic went is a p = 0.001 surprise.
import { binomCdf, binomPmf, binomSf } from '../stats/distributions';

import type { PoissonRateResult, TestOutcome } from './types';

/** 'larger': canary rate larger than the baseline's; 'smaller': the reverse (statsmodels' names). */
export type RateAlternative = 'two-sided' | 'larger' | 'smaller';

/** scipy's _binary_search_for_binom_tst: index i in [lo, hi] with a(i) ≤ d < a(i + 1). */
function binarySearch(a: (i: number) => number, d: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const v = a(mid);
    if (v < d) {
      lo = mid + 1;
    } else if (v > d) {
      hi = mid - 1;
    } else {
      return mid;
    }
  }
  return a(lo) <= d ? lo : lo - 1;
}

/** Two-sided exact binomial test p-value, scipy.stats.binomtest's "minlike" rule. */
export function binomTestTwoSided(k: number, n: number, p: number): number {
  const d = binomPmf(k, n, p);
  const rerr = 1 + 1e-7;
  let pval: number;
  if (k === p * n) {
    pval = 1;
  } else if (k < p * n) {
    const ix = binarySearch((i) => -binomPmf(i, n, p), -d * rerr, Math.ceil(p * n), n);
    const y = n - ix + (d * rerr === binomPmf(ix, n, p) ? 1 : 0);
    pval = binomCdf(k, n, p) + binomSf(n - y, n, p);
  } else {
    const ix = binarySearch((i) => binomPmf(i, n, p), d * rerr, 0, Math.floor(p * n));
    const y = ix + 1;
    pval = binomCdf(y - 1, n, p) + binomSf(k - 1, n, p);
  }
  return Math.min(1, pval);
}

function validCount(v: number): boolean {
  return Number.isInteger(v) && v >= 0;
}

export function poissonRateTest(
  canaryCount: number,
  canaryExposure: number,
  baselineCount: number,
  baselineExposure: number,
  alternative: RateAlternative = 'two-sided'
): TestOutcome<PoissonRateResult> {
  if (!validCount(canaryCount) || !validCount(baselineCount)) {
    return {
      ok: false,
      reason: `Event counts must be whole numbers ≥ 0 (canary ${canaryCount}, baseline ${baselineCount}).`,
    };
  }
  if (!(canaryExposure > 0 && baselineExposure > 0) || !Number.isFinite(canaryExposure + baselineExposure)) {
    return {
      ok: false,
      reason: `Both groups need traffic to compare rates (canary exposure ${canaryExposure}, baseline ${baselineExposure}).`,
    };
  }
  const canaryRate = canaryCount / canaryExposure;
  const baselineRate = baselineCount / baselineExposure;
  const rateRatio = baselineRate === 0 ? (canaryRate === 0 ? 1 : Infinity) : canaryRate / baselineRate;
  const n = canaryCount + baselineCount;
  if (n === 0) {
    return { ok: true, pValue: 1, canaryRate, baselineRate, rateRatio };
  }
  const p = canaryExposure / (canaryExposure + baselineExposure);
  let pValue: number;
  if (alternative === 'larger') {
    pValue = binomSf(canaryCount - 1, n, p);
  } else if (alternative === 'smaller') {
    pValue = binomCdf(canaryCount, n, p);
  } else {
    pValue = binomTestTwoSided(canaryCount, n, p);
  }
  return { ok: true, pValue: Math.min(1, Math.max(0, pValue)), canaryRate, baselineRate, rateRatio };
}
