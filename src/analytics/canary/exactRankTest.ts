// Exact permutation distribution of the Mann–Whitney statistic given the observed ties.
//
// Under H0 every split of the pooled sample into groups of sizes m and n is equally likely; with
// ties the mid-ranks are fixed by the data, so the null distribution of the canary's rank sum is
// conditional on the tie pattern. The normal approximation is anti-conservative for small samples
// (3 vs 3 fully separated: p = 0.023 one-sided against the exact 0.05), and the tie-free exact
// distribution (uDistribution.ts) does not apply once values repeat.
//
// Counting: walk the distinct values (groups of t tied values with mid-rank r); choosing c of a
// group for the smaller sample adds c·2r to the doubled rank sum (an integer) and multiplies the
// count by C(t, c). A knapsack over (items chosen, doubled rank sum) costs O(N · a · S) for a the
// smaller sample size and S the largest doubled rank sum. scipy.stats.permutation_test with
// n_resamples=inf enumerates the same C(N, m) splits; the goldens check the two agree.
import { forEachTieGroup } from './ranks';
import type { Alternative } from './types';
import { uCdf, uSf } from './uDistribution';

/** Above this the exact count is not worth it: both samples are large enough for the approximation. */
export const EXACT_TIES_MAX_WORK = 2e6;
/** Exact p-values are used when the smaller sample has at most this many values. */
export const EXACT_SMALL_SAMPLE = 20;

interface Pooled {
  /** Doubled mid-rank of each distinct value, ascending. */
  doubledRanks: number[];
  /** How many of each distinct value are in the pooled sample. */
  sizes: number[];
  /** Doubled rank sum of the first sample (xs). */
  doubledR1: number;
}

function pool(xs: ArrayLike<number>, ys: ArrayLike<number>): Pooled {
  const doubledRanks: number[] = [];
  const sizes: number[] = [];
  let used = 0;
  let doubledR1 = 0;
  forEachTieGroup(xs, ys, (cx, cy) => {
    const t = cx + cy;
    // Mid-rank (used + 1 + used + t) / 2, doubled: always an integer.
    const doubled = 2 * used + t + 1;
    doubledRanks.push(doubled);
    sizes.push(t);
    doubledR1 += cx * doubled;
    used += t;
  });
  return { doubledRanks, sizes, doubledR1 };
}

/** Whether the exact tie-aware distribution is used for samples of sizes m and n. */
export function exactTiesFeasible(m: number, n: number): boolean {
  const a = Math.min(m, n);
  const total = m + n;
  return a >= 1 && a <= EXACT_SMALL_SAMPLE && total * a * (2 * total * a) <= EXACT_TIES_MAX_WORK;
}

function binomialRow(t: number): number[] {
  const row = [1];
  for (let c = 1; c <= t; c++) {
    row.push((row[c - 1] * (t - c + 1)) / c);
  }
  return row;
}

/**
 * Counts of the smaller sample's doubled rank sum over all C(N, a) splits: index s holds the
 * number of splits whose doubled rank sum is s.
 */
function doubledRankSumCounts(p: Pooled, a: number): Float64Array {
  // No a values have a larger (doubled) rank sum than the top a ranks, mid-ranks included.
  const total = p.sizes.reduce((s, t) => s + t, 0);
  const maxSum = a * (2 * total - a + 1);
  const width = maxSum + 1;
  // f[j * width + s]: ways to pick j values with doubled rank sum s.
  let f = new Float64Array((a + 1) * width);
  let next = new Float64Array((a + 1) * width);
  f[0] = 1;
  let reach = 0;
  let seen = 0;
  for (let g = 0; g < p.sizes.length; g++) {
    const t = p.sizes[g];
    const r = p.doubledRanks[g];
    const ways = binomialRow(t);
    next.fill(0);
    const newReach = Math.min(maxSum, reach + t * r);
    // Only j ≤ the values seen so far can have been picked; the rest of f is zero.
    const jMax = Math.min(a, seen);
    for (let j = 0; j <= jMax; j++) {
      for (let s = 0; s <= reach; s++) {
        const v = f[j * width + s];
        if (v === 0) {
          continue;
        }
        const most = Math.min(t, a - j);
        for (let c = 0; c <= most; c++) {
          next[(j + c) * width + s + c * r] += v * ways[c];
        }
      }
    }
    [f, next] = [next, f];
    reach = newReach;
    seen += t;
  }
  return f.subarray(a * width, (a + 1) * width);
}

export interface ExactRankResult {
  /** U of the first sample: #(x > y) + ½·#(x = y). */
  u1: number;
  pValue: number;
}

/**
 * Exact permutation p-value of the Mann–Whitney test of `xs` against `ys` (both sorted ascending,
 * finite), ties included: 'greater' asks whether xs tends to be larger. Two-sided is twice the
 * smaller one-sided p (capped at 1), as scipy.stats.permutation_test reports it. Undefined when the
 * samples are too large for exact counting (see exactTiesFeasible).
 */
export function exactRankTest(
  xs: Float64Array,
  ys: Float64Array,
  alternative: Alternative
): ExactRankResult | undefined {
  const m = xs.length;
  const n = ys.length;
  if (!exactTiesFeasible(m, n)) {
    return undefined;
  }
  const p = pool(xs, ys);
  const u1 = p.doubledR1 / 2 - (m * (m + 1)) / 2;
  if (p.sizes.length === m + n) {
    // No ties: the tie-free distribution is the same one, and it is memoised per (m, n).
    const greater = uSf(u1, m, n);
    const less = uCdf(m, n)[u1];
    const pValue =
      alternative === 'greater' ? greater : alternative === 'less' ? less : Math.min(1, 2 * Math.min(greater, less));
    return { u1, pValue: Math.min(1, pValue) };
  }
  const total = m + n;
  // Count over the smaller sample; the other's rank sum is the rest of N(N+1).
  const a = Math.min(m, n);
  const counts = doubledRankSumCounts(p, a);
  const all = total * (total + 1);
  const observedSmall = m <= n ? p.doubledR1 : all - p.doubledR1;
  let sum = 0;
  let atLeast = 0;
  let atMost = 0;
  for (let s = 0; s < counts.length; s++) {
    const v = counts[s];
    if (v === 0) {
      continue;
    }
    sum += v;
    if (s >= observedSmall) {
      atLeast += v;
    }
    if (s <= observedSmall) {
      atMost += v;
    }
  }
  // P(canary rank sum ≥ observed): when the canary is the smaller sample that is `atLeast`; when it
  // is the larger one, a large canary sum is a small baseline sum.
  const greater = (m <= n ? atLeast : atMost) / sum;
  const less = (m <= n ? atMost : atLeast) / sum;
  const pValue =
    alternative === 'greater' ? greater : alternative === 'less' ? less : Math.min(1, 2 * Math.min(greater, less));
  return { u1, pValue: Math.min(1, pValue) };
}
