// Latency quantiles from histogram bucket counts pooled over the whole judging window, with
// distribution-free intervals. Why pooled: a per-step histogram_quantile of a low-traffic canary
// (a handful of requests per step) reads high — p95 of five requests is the slowest of them,
// interpolated towards its bucket's top — so per-step samples of an identical build compare worse
// than the busy baseline's. Pooling the window's counts per `le` first estimates each group's
// quantile from all its requests, with one estimator for both groups.
//
// The interval is the order-statistic one: the number of requests below the true q-quantile is
// Binomial(n, q), so the k-th smallest request lies below it with probability P(Bin(n, q) ≥ k)
// (Conover, Practical Nonparametric Statistics, §3.2). An order statistic's value is placed in its
// bucket by histogram_quantile's own linear interpolation; one past the last finite bucket has no
// upper bound (+Inf). Comparing two groups combines one-sided bounds of each (Bonferroni: α/2 per
// group), so "canary worse by more than allowed" needs the canary's lower bound above the
// baseline's upper bound times (1 + allowed): conservative, never anti-conservative.
import { binomCdf, binomSf } from '../stats/distributions';

import type { HistogramBucket, NotApplicable, QuantileBounds, QuantileComparison } from './types';

/** A group's pooled histogram, cleaned: ascending finite bounds, whole monotone counts, n at +Inf. */
export interface PooledHistogram {
  /** Finite upper bounds, ascending. */
  bounds: Float64Array;
  /** Cumulative counts at each finite bound. */
  cumulative: Float64Array;
  /** Requests in the window (the +Inf bucket). */
  n: number;
}

export type HistogramProblem = 'no-inf-bucket' | 'no-finite-bucket';

/**
 * Cleans one group's buckets: sums duplicate bounds, drops non-finite counts, rounds counts to whole
 * requests (increase() extrapolates) and keeps them monotone (as histogram_quantile does), since
 * bucket series are scraped and extrapolated independently.
 */
export function poolHistogram(
  buckets: readonly HistogramBucket[]
): PooledHistogram | (NotApplicable & { problem: HistogramProblem }) {
  const byBound = new Map<number, number>();
  for (const b of buckets) {
    if (!Number.isNaN(b.le) && Number.isFinite(b.count)) {
      byBound.set(b.le, (byBound.get(b.le) ?? 0) + Math.max(0, b.count));
    }
  }
  const total = byBound.get(Infinity);
  if (total === undefined) {
    return { ok: false, problem: 'no-inf-bucket', reason: 'the histogram has no +Inf bucket (the request total)' };
  }
  const finite = [...byBound.keys()].filter((le) => Number.isFinite(le)).sort((a, b) => a - b);
  if (finite.length === 0) {
    return { ok: false, problem: 'no-finite-bucket', reason: 'the histogram has no finite bucket bound' };
  }
  const bounds = Float64Array.from(finite);
  const cumulative = new Float64Array(finite.length);
  let running = 0;
  finite.forEach((le, i) => {
    running = Math.max(running, Math.round(byBound.get(le) ?? 0));
    cumulative[i] = running;
  });
  return { bounds, cumulative, n: Math.max(running, Math.round(total)) };
}

/**
 * The latency at `rank` (1..n, fractional allowed) by histogram_quantile's interpolation: linear
 * inside the bucket, the first bucket starting at 0. Past the last finite bound the value is that
 * bound for an estimate or a lower end (`beyond: 'last-bound'`), and unknown (+∞) for an upper end.
 */
export function valueAtRank(h: PooledHistogram, rank: number, beyond: 'last-bound' | 'infinity'): number {
  const { bounds, cumulative } = h;
  const last = bounds.length - 1;
  if (rank > cumulative[last]) {
    return beyond === 'infinity' ? Infinity : bounds[last];
  }
  // First bucket whose cumulative count reaches the rank.
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] >= rank) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  const upper = bounds[lo];
  if (lo === 0 && upper <= 0) {
    return upper;
  }
  const start = lo === 0 ? 0 : bounds[lo - 1];
  const below = lo === 0 ? 0 : cumulative[lo - 1];
  const inBucket = cumulative[lo] - below;
  return inBucket > 0 ? start + (upper - start) * ((rank - below) / inBucket) : upper;
}

/** histogram_quantile on the pooled counts (the point estimate the table shows). */
export function pooledQuantile(h: PooledHistogram, q: number): number {
  return h.n === 0 ? NaN : valueAtRank(h, q * h.n, 'last-bound');
}

/** P(k-th order statistic > the q-quantile) = P(Bin(n, q) ≤ k − 1): the error of X(k) as a lower bound. */
const lowerError = (k: number, n: number, q: number) => binomCdf(k - 1, n, q);
/** P(j-th order statistic < the q-quantile) = P(Bin(n, q) ≥ j): the error of X(j) as an upper bound. */
const upperError = (j: number, n: number, q: number) => binomSf(j - 1, n, q);

/** Largest k in [0, n] with `ok(k)`, for `ok` true at 0 and monotone (true…true false…false). */
function lastTrue(n: number, ok: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * The q-quantile with one-sided bounds, each wrong with probability at most `level`: the lower end is
 * the largest order statistic X(k) with P(Bin(n, q) ≤ k − 1) ≤ level (0, the histogram's start, when
 * none qualifies), the upper end the smallest X(j) with P(Bin(n, q) ≥ j) ≤ level (+∞ when none does).
 */
export function quantileBounds(h: PooledHistogram, q: number, level: number): QuantileBounds {
  const { n } = h;
  const k = lastTrue(n, (i) => i === 0 || lowerError(i, n, q) <= level);
  // j = first i with upperError(i) ≤ level; upperError falls with i.
  const j = lastTrue(n, (i) => i === 0 || upperError(i, n, q) > level) + 1;
  return {
    estimate: pooledQuantile(h, q),
    lower: k === 0 ? Math.min(0, h.bounds[0]) : valueAtRank(h, k, 'last-bound'),
    upper: j > n ? Infinity : valueAtRank(h, j, 'infinity'),
    level,
    n,
  };
}

/**
 * One-sided p-value of "`hi`'s q-quantile > ratio × `lo`'s q-quantile": the smallest 2·max(e₁, e₂)
 * over a lower bound of `hi` (error e₁) and an upper bound of `lo` (error e₂) that are separated by
 * the ratio — i.e. the smallest α at which both α/2 bounds exclude the null. The error of `hi`'s
 * bound rises with its rank while the best bound of `lo` it clears gets tighter, so the optimum is
 * where the two errors cross: a binary search over `hi`'s ranks.
 */
export function pQuantileGreater(hi: PooledHistogram, lo: PooledHistogram, q: number, ratio: number): number {
  if (hi.n === 0 || lo.n === 0 || !(ratio > 0)) {
    return 1;
  }
  // For the lower bound X(k) of `hi`: the tightest upper bound Y(j) of `lo` that stays below X(k) / ratio.
  const errorOfLo = (x: number): number => {
    const j = lastTrue(lo.n, (i) => i === 0 || ratio * valueAtRank(lo, i, 'infinity') < x);
    return j === 0 ? 1 : upperError(j, lo.n, q);
  };
  const cost = (k: number) => {
    const e1 = lowerError(k, hi.n, q);
    const e2 = errorOfLo(valueAtRank(hi, k, 'last-bound'));
    return { e1, e2 };
  };
  // Smallest k with e1 ≥ e2 (e1 rises with k, e2 falls); the optimum is there or one rank below.
  let a = 1;
  let b = hi.n;
  while (a < b) {
    const mid = (a + b) >> 1;
    const c = cost(mid);
    if (c.e1 >= c.e2) {
      b = mid;
    } else {
      a = mid + 1;
    }
  }
  let best = 1;
  for (const k of [a - 1, a]) {
    if (k >= 1 && k <= hi.n) {
      const c = cost(k);
      best = Math.min(best, 2 * Math.max(c.e1, c.e2));
    }
  }
  return Math.min(1, Math.max(0, best));
}

/**
 * Both groups' quantiles and the interval of their ratio at `confidence`: each end combines one
 * bound per group at (1 − confidence) / 4, so a one-sided end holds at (1 − confidence) / 2 — the
 * same bounds the decision's tests use, so the interval and the decision agree.
 */
export function compareQuantiles(
  canary: PooledHistogram,
  baseline: PooledHistogram,
  q: number,
  confidence: number
): QuantileComparison {
  const level = (1 - confidence) / 4;
  const c = quantileBounds(canary, q, level);
  const b = quantileBounds(baseline, q, level);
  const div = (x: number, y: number) => (y > 0 ? x / y : x > 0 ? Infinity : NaN);
  return {
    q,
    canary: c,
    baseline: b,
    ratio: {
      estimate: div(c.estimate, b.estimate),
      lower: div(c.lower, b.upper),
      upper: div(c.upper, b.lower),
      confidence,
    },
  };
}
