// Hodges–Lehmann shift (median of all m·n differences canary − baseline) and its distribution-free
// confidence interval [D_(k), D_(mn+1−k)] (Moses 1953; Bauer 1972), where k comes from the null
// distribution of U. With 1,000 + 1,000 samples there are a million differences per metric, so we
// never materialise them: the k-th smallest is found by bisecting on the value and counting
// differences ≤ t in O(m + n) with two pointers over the sorted samples, then picking exactly among
// the few candidates left in the final bracket.
import { normalQuantile } from '../stats/distributions';

import { rankSums } from './ranks';
import type { HodgesLehmannResult, TestOutcome } from './types';
import { uCdf } from './uDistribution';

/** Enumerate the bracket once it holds at most this many differences. */
const ENUMERATE_AT = 512;
const MAX_BISECTIONS = 400;

/** #{(i, j) : xs[i] − ys[j] ≤ t}. fl(x − y) is monotone in x and in y, so two pointers are exact. */
function countAtMost(xs: Float64Array, ys: Float64Array, t: number): number {
  const n = ys.length;
  let p = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (p < n && x - ys[p] > t) {
      p++;
    }
    count += n - p;
  }
  return count;
}

/** #{(i, j) : xs[i] − ys[j] < t} (strictly below). */
function countBelow(xs: Float64Array, ys: Float64Array, t: number): number {
  const n = ys.length;
  let p = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (p < n && x - ys[p] >= t) {
      p++;
    }
    count += n - p;
  }
  return count;
}

/**
 * countAtMost, plus the largest difference ≤ t (row i's is at the first j where it drops to ≤ t)
 * and the smallest one > t (row i's is just before that j): both ends of the gap around t.
 */
function countAround(
  xs: Float64Array,
  ys: Float64Array,
  t: number
): { count: number; largest: number; smallest: number } {
  const n = ys.length;
  let p = 0;
  let count = 0;
  let largest = -Infinity;
  let smallest = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (p < n && x - ys[p] > t) {
      p++;
    }
    count += n - p;
    if (p < n && x - ys[p] > largest) {
      largest = x - ys[p];
    }
    if (p > 0 && x - ys[p - 1] < smallest) {
      smallest = x - ys[p - 1];
    }
  }
  return { count, largest, smallest };
}

/** The differences in (lo, hi], for the final exact pick. */
function differencesBetween(xs: Float64Array, ys: Float64Array, lo: number, hi: number): number[] {
  const n = ys.length;
  const out: number[] = [];
  let pHi = 0;
  let pLo = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (pHi < n && x - ys[pHi] > hi) {
      pHi++;
    }
    while (pLo < n && x - ys[pLo] > lo) {
      pLo++;
    }
    for (let j = pHi; j < pLo; j++) {
      out.push(x - ys[j]);
    }
  }
  return out;
}

interface Bracket {
  lo: number;
  countLo: number;
  hi: number;
  countHi: number;
}

/** The widest bracket: every difference is in (lo, hi] except those equal to the minimum. */
function fullBracket(xs: Float64Array, ys: Float64Array): Bracket {
  const lo = xs[0] - ys[ys.length - 1];
  return { lo, countLo: countAtMost(xs, ys, lo), hi: xs[xs.length - 1] - ys[0], countHi: xs.length * ys.length };
}

/**
 * The k-th smallest (1-based) of all differences xs[i] − ys[j]; both inputs sorted ascending.
 * `start` narrows the search when the caller already knows values around the answer.
 * The split point interpolates on the counts (differences are dense near the middle, so this
 * converges in a handful of passes) but stays inside the middle 90 % of the bracket so a skewed
 * distribution cannot stall it.
 */
export function kthDifference(xs: Float64Array, ys: Float64Array, k: number, start?: Bracket): number {
  let { lo, countLo, hi, countHi } = start ?? fullBracket(xs, ys);
  if (countLo >= k) {
    return lo;
  }
  // Tied data (latencies on a 10 ms grid) piles thousands of equal differences on one value; no
  // bracket can split them, so each time the upper end lands on an actual difference we check
  // whether it is the answer: fewer than k differences strictly below it.
  if (countBelow(xs, ys, hi) < k) {
    return hi;
  }
  // Interpolation stalls where one end never moves: inside a cluster of nearly equal differences
  // (rounded latencies give thousands within a few ulps of 0.01) the clamp shrank the bracket by 10 %
  // a pass, ~190 passes. Two things end that: after the same end moved twice in a row the next
  // split is the midpoint, and both ends snap to actual differences (the largest ≤ the split, the
  // smallest above it), so every pass removes at least one distinct value from the bracket and a
  // cluster of a few distinct values is done in a few passes.
  let sameSide = 0;
  let lastMovedHi = false;
  for (let iter = 0; iter < MAX_BISECTIONS && countHi - countLo > ENUMERATE_AT; iter++) {
    const fraction = sameSide >= 2 ? 0.5 : Math.min(0.9, Math.max(0.1, (k - countLo) / (countHi - countLo)));
    let split = lo + fraction * (hi - lo);
    if (!(split > lo && split < hi)) {
      // hi − lo overflowed or is a few ulps wide.
      split = lo / 2 + hi / 2;
      if (!(split > lo && split < hi)) {
        // lo and hi are adjacent doubles: the k-th difference is hi itself.
        return hi;
      }
    }
    const { count, largest, smallest } = countAround(xs, ys, split);
    const movedHi = count >= k;
    sameSide = movedHi === lastMovedHi ? sameSide + 1 : 1;
    lastMovedHi = movedHi;
    if (movedHi) {
      // largest > lo because count > countLo; same count as split, and an actual difference.
      hi = largest;
      countHi = count;
      if (countBelow(xs, ys, hi) < k) {
        return hi;
      }
    } else {
      // No difference lies in (split, smallest): fewer than k are below `smallest`, so it is the
      // answer as soon as at least k are at or below it. smallest ≤ hi because count < k ≤ countHi.
      const atSmallest = countAtMost(xs, ys, smallest);
      if (atSmallest >= k) {
        return smallest;
      }
      lo = smallest;
      countLo = atSmallest;
    }
  }
  const candidates = differencesBetween(xs, ys, lo, hi);
  candidates.sort((a, b) => a - b);
  return candidates[k - countLo - 1];
}

/** The smallest difference strictly greater than t (Infinity if none). */
function nextDifferenceAbove(xs: Float64Array, ys: Float64Array, t: number): number {
  const n = ys.length;
  let p = 0;
  let best = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (p < n && x - ys[p] > t) {
      p++;
    }
    // Differences in row i above t are at j < p; the smallest of them is at j = p − 1.
    if (p > 0) {
      const d = x - ys[p - 1];
      if (d < best) {
        best = d;
      }
    }
  }
  return best;
}

/** The k-th and (k+1)-th smallest differences with one selection. */
function kthAndNext(xs: Float64Array, ys: Float64Array, k: number): [number, number] {
  const a = kthDifference(xs, ys, k);
  return countAtMost(xs, ys, a) >= k + 1 ? [a, a] : [a, nextDifferenceAbove(xs, ys, a)];
}

function median2(a: number, b: number): number {
  const sum = a + b;
  return Number.isFinite(sum) ? sum / 2 : a / 2 + b / 2;
}

/**
 * Hodges–Lehmann shift of `xs` (canary) over `ys` (baseline), both sorted ascending and finite.
 * `exact`: take k from the exact U distribution (small samples without ties); otherwise from the
 * normal approximation with the tie-corrected variance and a continuity correction,
 * k = ⌊mn/2 − z·σ + ½⌋, i.e. the largest k with the approximated P(U ≤ k − 1) ≤ α/2.
 */
export function hodgesLehmannSorted(
  xs: Float64Array,
  ys: Float64Array,
  confidence = 0.95,
  exact = false
): TestOutcome<HodgesLehmannResult> {
  const m = xs.length;
  const n = ys.length;
  if (m === 0 || n === 0) {
    return { ok: false, reason: `Needs values in both groups (canary ${m}, baseline ${n}).` };
  }
  if (!(confidence > 0 && confidence < 1)) {
    return { ok: false, reason: `Confidence must be between 0 and 1 (got ${confidence}).` };
  }
  const mn = m * n;
  let shift: number;
  if (mn % 2 === 1) {
    shift = kthDifference(xs, ys, (mn + 1) / 2);
  } else {
    const [a, b] = kthAndNext(xs, ys, mn / 2);
    shift = median2(a, b);
  }
  const alpha = 1 - confidence;
  let k: number;
  if (exact) {
    const cdf = uCdf(m, n);
    let u = -1;
    while (u + 1 <= mn && cdf[u + 1] <= alpha / 2) {
      u++;
    }
    k = u + 1;
  } else {
    const N = m + n;
    const { tieTerm } = rankSums(xs, ys);
    const sigma = Math.sqrt((mn / 12) * (N + 1 - tieTerm / (N * (N - 1))));
    const z = normalQuantile(1 - alpha / 2);
    k = Math.floor(mn / 2 - z * sigma + 0.5);
  }
  const method = exact ? 'exact' : 'asymptotic';
  if (k < 1) {
    return { ok: true, shift, confidence, k: 0, method };
  }
  const full = fullBracket(xs, ys);
  const atShift = countAtMost(xs, ys, shift);
  return {
    ok: true,
    shift,
    confidence,
    k,
    method,
    // The interval's ends lie either side of the shift: start each search from there.
    lower: kthDifference(xs, ys, k, { ...full, hi: shift, countHi: atShift }),
    upper: kthDifference(xs, ys, mn + 1 - k, { lo: shift, countLo: atShift, hi: full.hi, countHi: full.countHi }),
  };
}
