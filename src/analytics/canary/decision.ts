// Practical significance: the verdict asks whether the canary is worse by more than the metric's
// allowed change, not whether it differs at all. A very stable series makes a 1 % shift highly
// significant (Cliff's δ near 1) without it mattering; heavily tied latencies can hide a real +20 %
// behind a small δ. So each metric's shift is tested against its allowed change (an equivalence /
// non-inferiority design): "worse" only when the one-sided bound lies beyond the allowed change,
// "no relevant change" when it lies inside. Testing the canary shifted by the allowed change is the
// rank test's own inversion of the Hodges–Lehmann interval, so the interval the table shows and
// the decision agree. One-sided questions ("is it worse?") are tested one-sided at α.
import { binomCdf, binomSf } from '../stats/distributions';

import { exactRankTest } from './exactRankTest';
import { mannWhitneySorted } from './mannWhitney';
import { type PooledHistogram, pQuantileGreater, pooledQuantile } from './pooledQuantile';
import type { Alternative, Direction, PracticalDecision, SidedTest } from './types';

type RankP = (
  xs: Float64Array,
  ys: Float64Array,
  side: Alternative
) => { pValue: number; method: 'exact' | 'asymptotic' };

/** Exact (ties included) when the smaller sample is small, else the normal approximation. */
export const rankTestP: RankP = (xs, ys, side) => {
  const exact = exactRankTest(xs, ys, side);
  if (exact) {
    return { pValue: exact.pValue, method: 'exact' };
  }
  const mw = mannWhitneySorted(xs, ys, { method: 'asymptotic', alternative: side });
  return { pValue: mw.ok ? mw.pValue : 1, method: 'asymptotic' };
};

function shifted(xs: Float64Array, by: number): Float64Array {
  if (by === 0) {
    return xs;
  }
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    out[i] = xs[i] - by;
  }
  return out;
}

/** The bad side of a one-sided metric: 'greater' when an increase is bad. */
function badSide(direction: Direction): 'greater' | 'less' {
  return direction === 'decrease-is-bad' ? 'less' : 'greater';
}

const flip = (side: 'greater' | 'less'): 'greater' | 'less' => (side === 'greater' ? 'less' : 'greater');

/**
 * One sided question per test, each at α. `test(shiftBy, side)` tests the canary minus `shiftBy`
 * against the baseline; the four questions differ only in shift and side, so counts and samples
 * share this logic (see decideCount).
 */
function decide(
  direction: Direction,
  allowed: number,
  alpha: number,
  test: (shiftBy: number, side: 'greater' | 'less') => { pValue: number; method: 'exact' | 'asymptotic' }
): Omit<PracticalDecision, 'allowedRelative' | 'allowedAbsolute'> {
  const run = (question: SidedTest['question'], shiftBy: number, side: 'greater' | 'less'): SidedTest => ({
    question,
    side,
    ...test(shiftBy, side),
  });
  if (direction === 'either') {
    // Two-sided question: each side at α/2, and "inside" needs both one-sided bounds inside.
    const up = run('worse-than-allowed', allowed, 'greater');
    const down = run('worse-than-allowed', -allowed, 'less');
    const tests = [up, down];
    if (up.pValue < alpha / 2 || down.pValue < alpha / 2) {
      return { decision: 'worse', rule: 'beyond-allowed', deciding: up.pValue <= down.pValue ? up : down, tests };
    }
    const belowTop = run('within-allowed', allowed, 'less');
    const aboveBottom = run('within-allowed', -allowed, 'greater');
    tests.push(belowTop, aboveBottom);
    if (belowTop.pValue < alpha && aboveBottom.pValue < alpha) {
      return {
        decision: 'no-relevant-change',
        rule: 'within-allowed',
        deciding: belowTop.pValue >= aboveBottom.pValue ? belowTop : aboveBottom,
        tests,
      };
    }
    const change = { ...run('any-change', 0, 'greater'), side: 'two-sided' as const };
    const changeLess = run('any-change', 0, 'less');
    change.pValue = Math.min(1, 2 * Math.min(change.pValue, changeLess.pValue));
    tests.push(change);
    return change.pValue < alpha
      ? { decision: 'inconclusive', rule: 'significant-uncertain', deciding: change, tests }
      : { decision: 'not-significant', rule: 'not-significant', deciding: change, tests };
  }
  const bad = badSide(direction);
  // Moving the canary towards the good side by the allowed change: what remains is relevant.
  const towardsGood = bad === 'greater' ? allowed : -allowed;
  const worse = run('worse-than-allowed', towardsGood, bad);
  const tests = [worse];
  if (worse.pValue < alpha) {
    return { decision: 'worse', rule: 'beyond-allowed', deciding: worse, tests };
  }
  const better = run('better-than-allowed', -towardsGood, flip(bad));
  tests.push(better);
  if (better.pValue < alpha) {
    return { decision: 'better', rule: 'better-beyond-allowed', deciding: better, tests };
  }
  const within = run('within-allowed', towardsGood, flip(bad));
  tests.push(within);
  if (within.pValue < alpha) {
    return { decision: 'no-relevant-change', rule: 'within-allowed', deciding: within, tests };
  }
  const change = run('any-change', 0, bad);
  tests.push(change);
  return change.pValue < alpha
    ? { decision: 'inconclusive', rule: 'significant-uncertain', deciding: change, tests }
    : { decision: 'not-significant', rule: 'not-significant', deciding: change, tests };
}

/**
 * Continuous samples (sorted, finite): the allowed change is `allowedRelative` of the baseline's
 * median, in the metric's units.
 */
export function decideSamples(
  xs: Float64Array,
  ys: Float64Array,
  baselineMedian: number,
  direction: Direction,
  allowedRelative: number,
  alpha: number,
  rankP: RankP = rankTestP
): PracticalDecision {
  const allowedAbsolute = allowedRelative * Math.abs(baselineMedian);
  // The "worse" and "within" questions test the same shifted sample: shift it once.
  const cache = new Map<number, Float64Array>();
  const at = (by: number) => {
    let v = cache.get(by);
    if (!v) {
      v = shifted(xs, by);
      cache.set(by, v);
    }
    return v;
  };
  const d = decide(direction, Number.isFinite(allowedAbsolute) ? allowedAbsolute : 0, alpha, (by, side) =>
    rankP(at(by), ys, side)
  );
  return { ...d, allowedRelative, allowedAbsolute };
}

/**
 * Event counts over exposure (errors over requests): the allowed change is a rate ratio of
 * 1 ± `allowedRelative`. Given n = c₁ + c₂ events, the canary's share is Binomial(n, p₀) with
 * p₀ = r·e₁ / (r·e₁ + e₂) when the true rate ratio is r (the exact conditional test of
 * poissonRate.ts, moved to the allowed ratio).
 */
export function decideCounts(
  canaryCount: number,
  canaryExposure: number,
  baselineCount: number,
  baselineExposure: number,
  direction: Direction,
  allowedRelative: number,
  alpha: number
): PracticalDecision {
  const n = canaryCount + baselineCount;
  const d = decide(direction, allowedRelative, alpha, (by, side) => {
    const ratio = 1 + by;
    if (!(ratio > 0) || n === 0) {
      return { pValue: 1, method: 'exact' };
    }
    const p0 = (ratio * canaryExposure) / (ratio * canaryExposure + baselineExposure);
    const pValue = side === 'greater' ? binomSf(canaryCount - 1, n, p0) : binomCdf(canaryCount, n, p0);
    return { pValue: Math.min(1, Math.max(0, pValue)), method: 'exact' };
  });
  return { ...d, allowedRelative, allowedAbsolute: allowedRelative };
}

/**
 * Latency quantiles from pooled bucket counts: the allowed change is a quantile ratio of
 * 1 ± `allowedRelative` (canary over baseline), each question answered by the order-statistic
 * bounds of pooledQuantile.ts; "canary lower" is "baseline higher" at the inverse ratio.
 */
export function decideQuantiles(
  canary: PooledHistogram,
  baseline: PooledHistogram,
  q: number,
  direction: Direction,
  allowedRelative: number,
  alpha: number
): PracticalDecision {
  const d = decide(direction, allowedRelative, alpha, (by, side) => {
    const ratio = 1 + by;
    if (!(ratio > 0)) {
      return { pValue: 1, method: 'exact' };
    }
    const pValue =
      side === 'greater'
        ? pQuantileGreater(canary, baseline, q, ratio)
        : pQuantileGreater(baseline, canary, q, 1 / ratio);
    return { pValue, method: 'exact' };
  });
  const allowedAbsolute = allowedRelative * Math.abs(pooledQuantile(baseline, q));
  return { ...d, allowedRelative, allowedAbsolute: Number.isFinite(allowedAbsolute) ? allowedAbsolute : 0 };
}

/** The p at which `tail(p)` crosses `target`, by bisection (tail increasing in p). */
function solveIncreasing(tail: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-16; i++) {
    const mid = (lo + hi) / 2;
    if (tail(mid) < target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

/**
 * Clopper–Pearson interval (two-sided, `confidence`) of the canary's rate relative to the
 * baseline's: the exact interval of the canary's share of the events, turned into a rate ratio.
 * The upper end is Infinity when the baseline saw no events.
 */
export function rateRatioInterval(
  canaryCount: number,
  canaryExposure: number,
  baselineCount: number,
  baselineExposure: number,
  confidence: number
): { lower: number; upper: number } | undefined {
  const n = canaryCount + baselineCount;
  if (n === 0) {
    return undefined;
  }
  const tail = (1 - confidence) / 2;
  // Lower end of the share: P(X ≥ c₁ | p) = tail; upper: P(X ≤ c₁ | p) = tail.
  const lowerShare = canaryCount === 0 ? 0 : solveIncreasing((p) => binomSf(canaryCount - 1, n, p), tail);
  const upperShare = canaryCount === n ? 1 : solveIncreasing((p) => 1 - binomCdf(canaryCount, n, p), 1 - tail);
  const toRatio = (share: number) =>
    share >= 1 ? Infinity : (share / (1 - share)) * (baselineExposure / canaryExposure);
  return { lower: toRatio(lowerShare), upper: toRatio(upperShare) };
}
