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
import { median, scaledMad } from '../stats/robust';
import type { RegimeChange } from '../types';

/** Points either side whose medians are compared: 3 is robust to one outlier and places a jump to the step; 9 sees through heavy noise. */
export const JUMP_WINDOWS = [3, 9] as const;
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
 * trend plus noise plus the seasonal ramp; a reset makes it an outlier among all J. Two window sizes:
 * W = 3 places a clean jump to the step, W = 9 sees a smaller jump through heavy noise (the median of
 * 9 has ~0.4σ spread). Consecutive flagged points are one change, placed where J peaks and moved to the
 * largest single-step move next to it. The last point is never a change on its own (one sample may be
 * a scrape glitch; the next refresh confirms it).
 */
export function detectRegimes(values: ArrayLike<number>, startMs: number, stepMs: number): Regimes {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const floor = MIN_JUMP_SHARE_OF_RANGE * (hi - lo);
  if (!(floor > 0)) {
    return { changes: [], start: 0 };
  }
  const changes: DetectedChange[] = [];
  for (const w of JUMP_WINDOWS) {
    for (const c of scan(values, startMs, stepMs, w, floor)) {
      // The same jump seen by the wider window: keep the narrower window's placement.
      if (!changes.some((d) => d.direction === c.direction && Math.abs(d.index - c.index) <= w)) {
        changes.push(c);
      }
    }
  }
  changes.sort((a, b) => a.index - b.index);
  return { changes, start: changes.length ? changes[changes.length - 1].index : 0 };
}

function scan(values: ArrayLike<number>, startMs: number, stepMs: number, w: number, floor: number): DetectedChange[] {
  const n = values.length;
  if (n < 2 * w + 2) {
    return [];
  }
  const jumps = new Float64Array(n);
  const inner: number[] = [];
  // The window before a point must be whole: at i < w it holds fewer points, so J is far noisier
  // there and pure noise "jumped" at index 1 (3 of 2,000 flat noisy series). A reset in the first
  // few points changes a fit on hundreds of points too little to matter.
  const first = w;
  for (let i = first; i < n - 1; i++) {
    jumps[i] = windowMedian(values, i, i + w) - windowMedian(values, i - w, i);
    inner.push(jumps[i]);
  }
  const centre = median(inner);
  const globalScale = scaledMad(inner, centre);
  // The scale is also taken locally (a day either side at 20 min): noise is often larger by day than
  // by night, and a quiet stretch must not make every busy-hour wobble look like a jump.
  // Computed per block of points (the scale moves slowly), which keeps this O(n · window / block).
  const thresholds = new Float64Array(n);
  const block = 12;
  for (let b = first; b < n - 1; b += block) {
    const mid = b + block / 2;
    const local = scaledMad(
      inner.slice(
        Math.max(0, mid - first - LOCAL_SCALE_POINTS),
        Math.min(inner.length, mid - first + LOCAL_SCALE_POINTS)
      )
    );
    thresholds.fill(Math.max(floor, JUMP_SIGMAS * Math.max(globalScale, local)), b, Math.min(n - 1, b + block));
  }
  const flagged = (k: number) => Math.abs(jumps[k] - centre) > thresholds[k];
  const changes: DetectedChange[] = [];
  let i = first;
  while (i < n - 1) {
    if (!flagged(i)) {
      i++;
      continue;
    }
    const sign = Math.sign(jumps[i] - centre);
    let end = i;
    let peak = i;
    while (end + 1 < n - 1 && Math.sign(jumps[end + 1] - centre) === sign && flagged(end + 1)) {
      end++;
      if (sign * jumps[end] > sign * jumps[peak]) {
        peak = end;
      }
    }
    changes.push(changeAt(values, startMs, stepMs, peak, sign, w));
    i = end + 1;
  }
  return changes;
}

/** Near the peak of J, the new regime starts after the largest move and any same-way moves right after it. */
function changeAt(
  values: ArrayLike<number>,
  startMs: number,
  stepMs: number,
  peak: number,
  sign: number,
  w: number
): DetectedChange {
  const lo = Math.max(1, peak - 1);
  const hi = Math.min(values.length - 1, peak + 1);
  let best = lo;
  for (let k = lo; k <= hi; k++) {
    if (sign * (values[k] - values[k - 1]) > sign * (values[best] - values[best - 1])) {
      best = k;
    }
  }
  const biggest = sign * (values[best] - values[best - 1]);
  let index = best;
  while (
    index + 1 <= Math.min(values.length - 1, peak + w) &&
    sign * (values[index + 1] - values[index]) > 0.3 * biggest
  ) {
    index++;
  }
  const before = windowMedian(values, best - w, best);
  const after = windowMedian(values, index, index + w);
  return { index, atMs: startMs + index * stepMs, before, after, direction: sign < 0 ? 'drop' : 'rise' };
}

/** Whether the current regime is long enough to fit a trend through. */
export function regimeLongEnough(points: number, stepMs: number): boolean {
  return points >= MIN_REGIME_POINTS && points * stepMs >= MIN_REGIME_MS;
}
