// Wilson score interval for a proportion (failures / runs). Procedures are ranked by the interval's
// lower bound so a handful of unlucky runs does not outrank a procedure that fails steadily.
// The default confidence is 99%, chosen on purpose: at 95% a procedure with 1 failure in 2 runs
// (lower bound 0.095) would still outrank one with 40 in 400 (0.074); at 99% it does not
// (0.062 vs 0.068). Matches statsmodels' proportion_confint(method='wilson').
import { normalQuantile } from './distributions';

export interface WilsonInterval {
  /** Observed proportion k / n. */
  estimate: number;
  lower: number;
  upper: number;
  successes: number;
  trials: number;
  confidence: number;
}

export const DEFAULT_WILSON_CONFIDENCE = 0.99;

/** Returns a sentence instead of throwing when the counts cannot form a proportion. */
export function wilsonInterval(k: number, n: number, confidence = DEFAULT_WILSON_CONFIDENCE): WilsonInterval | string {
  if (!Number.isInteger(k) || !Number.isInteger(n)) {
    return `counts must be whole numbers (got ${k} of ${n})`;
  }
  if (n <= 0) {
    return 'no runs: a rate needs at least one';
  }
  if (k < 0 || k > n) {
    return `${k} events out of ${n} runs is impossible`;
  }
  if (!(confidence > 0 && confidence < 1)) {
    return `confidence must be between 0 and 1, got ${confidence}`;
  }
  // From the lower tail: 1 - (1 - c) / 2 rounds to 1 for c within ~1e-16 of 1, and Φ⁻¹(1) = ∞.
  const z = -normalQuantile((1 - confidence) / 2);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // In exact arithmetic lower ≤ p ≤ upper, lower = 0 at k = 0 and upper = 1 at k = n; the clamps
  // only undo rounding (centre - half cancels catastrophically when n is huge).
  return {
    estimate: p,
    lower: k === 0 ? 0 : Math.min(p, Math.max(0, centre - half)),
    upper: k === n ? 1 : Math.max(p, Math.min(1, centre + half)),
    successes: k,
    trials: n,
    confidence,
  };
}

export interface RankedRate<T> {
  item: T;
  interval: WilsonInterval;
}

/** Highest lower bound first; ties broken by more trials (more evidence) then by estimate. */
export function rankByWilsonLowerBound<T>(
  items: T[],
  counts: (item: T) => { k: number; n: number },
  confidence = DEFAULT_WILSON_CONFIDENCE
): Array<RankedRate<T>> {
  const ranked: Array<RankedRate<T>> = [];
  for (const item of items) {
    const { k, n } = counts(item);
    const interval = wilsonInterval(k, n, confidence);
    if (typeof interval !== 'string') {
      ranked.push({ item, interval });
    }
  }
  return ranked.sort(
    (a, b) =>
      b.interval.lower - a.interval.lower ||
      b.interval.trials - a.interval.trials ||
      b.interval.estimate - a.interval.estimate
  );
}
