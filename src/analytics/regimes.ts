// Resets and level shifts in a saturation series (a compaction, a restart, a counter reset, a
// scale-out, a limit change), so a capacity fit uses only the current regime.
//
// Why not augurs' changepoint detector: it is Bayesian online changepoint detection with a
// Normal-Gamma prior (or an autoregressive GP), i.e. a model of a piecewise-*constant* mean. A filling
// volume is a ramp, so under that model every few points is a "change" (we would have to tune the
// hazard per series to stop it), and on first differences a reset is a single outlier rather than a
// new regime. The question here is narrower: "where did the level jump?" A jump test on the level
// either side of each point answers it directly, is O(n), needs no WASM, and its false-alarm rate is
// set by one number (JUMP_SIGMAS) against a robust scale that already contains the noise, the trend
// and the daily ramps of the series itself.
import { median, scaledMad } from './stats/robust';
import type { RegimeChange } from './types';

/** Points either side whose median is compared: robust to one outlier, quick to see a jump. */
export const JUMP_WINDOW = 3;
/** A jump is this many robust standard deviations of the window statistic away from its median. */
export const JUMP_SIGMAS = 6;
/** …and at least this share of the series' own range (ignores jumps in a nearly flat series). */
export const MIN_JUMP_SHARE_OF_RANGE = 0.1;
/** Points either side for the local scale of the jump statistic. */
export const LOCAL_SCALE_POINTS = 72;
/** A regime needs this many points, and this long, before a line through it means anything. */
export const MIN_REGIME_POINTS = 12;
export const MIN_REGIME_MS = 3 * 3_600_000;

export interface DetectedChange extends RegimeChange {
  /** Index of the first point of the new regime. */
  index: number;
}

export interface Regimes {
  changes: DetectedChange[];
  /** Index where the current (last) regime starts: 0 when there was no change. */
  start: number;
}

function windowMedian(values: ArrayLike<number>, from: number, to: number): number {
  const slice: number[] = [];
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) {
    slice.push(values[i]);
  }
  return median(slice);
}

/**
 * Changes in level: J(i) = median(next W points) − median(previous W points) is, away from a jump,
 * trend plus noise plus the seasonal ramp; a reset makes it an outlier among all J. Consecutive flagged
 * points are one change, placed at the largest single-step move. The last point is never a change on
 * its own (one sample may be a scrape glitch; the next refresh confirms it).
 */
export function detectRegimes(values: ArrayLike<number>, startMs: number, stepMs: number): Regimes {
  const n = values.length;
  const w = JUMP_WINDOW;
  if (n < 2 * w + 2) {
    return { changes: [], start: 0 };
  }
  const jumps = new Float64Array(n);
  const inner: number[] = [];
  for (let i = 1; i < n - 1; i++) {
    jumps[i] = windowMedian(values, i, i + w) - windowMedian(values, i - w, i);
    inner.push(jumps[i]);
  }
  const centre = median(inner);
  const globalScale = scaledMad(inner, centre);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const floor = MIN_JUMP_SHARE_OF_RANGE * (hi - lo);
  if (!(floor > 0)) {
    return { changes: [], start: 0 };
  }
  // The scale is also taken locally (a day either side at 20 min): noise is often larger by day than
  // by night, and a quiet stretch must not make every busy-hour wobble look like a jump.
  // Computed per block of points (the scale moves slowly), which keeps this O(n · window / block).
  const thresholds = new Float64Array(n);
  const block = 12;
  for (let b = 1; b < n - 1; b += block) {
    const mid = b + block / 2;
    const local = scaledMad(inner.slice(Math.max(0, mid - 1 - LOCAL_SCALE_POINTS), Math.min(inner.length, mid + LOCAL_SCALE_POINTS)));
    thresholds.fill(Math.max(floor, JUMP_SIGMAS * Math.max(globalScale, local)), b, Math.min(n - 1, b + block));
  }
  const flagged = (k: number) => Math.abs(jumps[k] - centre) > thresholds[k];
  const changes: DetectedChange[] = [];
  let i = 1;
  while (i < n - 1) {
    if (!flagged(i)) {
      i++;
      continue;
    }
    const sign = Math.sign(jumps[i] - centre);
    let end = i;
    while (end + 1 < n - 1 && Math.sign(jumps[end + 1] - centre) === sign && flagged(end + 1)) {
      end++;
    }
    changes.push(changeAt(values, startMs, stepMs, i, end, sign));
    i = end + 1;
  }
  return { changes, start: changes.length ? changes[changes.length - 1].index : 0 };
}

/** Within flagged run [from, to], the new regime starts after the largest move and any same-way moves right after it. */
function changeAt(values: ArrayLike<number>, startMs: number, stepMs: number, from: number, to: number, sign: number): DetectedChange {
  const lo = Math.max(1, from - 1);
  const hi = Math.min(values.length - 1, to + 1);
  let best = lo;
  for (let k = lo; k <= hi; k++) {
    if (sign * (values[k] - values[k - 1]) > sign * (values[best] - values[best - 1])) {
      best = k;
    }
  }
  const biggest = sign * (values[best] - values[best - 1]);
  let index = best;
  while (index + 1 <= hi && sign * (values[index + 1] - values[index]) > 0.3 * biggest) {
    index++;
  }
  const before = windowMedian(values, best - JUMP_WINDOW, best);
  const after = windowMedian(values, index, index + JUMP_WINDOW);
  return { index, atMs: startMs + index * stepMs, before, after, direction: sign < 0 ? 'drop' : 'rise' };
}

/** Whether the current regime is long enough to fit a trend through. */
export function regimeLongEnough(points: number, stepMs: number): boolean {
  return points >= MIN_REGIME_POINTS && points * stepMs >= MIN_REGIME_MS;
}
