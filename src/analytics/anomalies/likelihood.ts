// Calibrated tail probabilities ("anomaly likelihood"): a new standardised error is ranked against
// the same series' own recent errors, so a threshold on the probability means the same false-alarm
// rate on a smooth series, a bursty one and a quantised one. Inside the reference the rank is the
// conformal p-value (1 + #{r ≥ z}) / (n + 1); past its top few values an exponential tail, fitted
// robustly to those values, keeps the probability falling (a point twice as far out as anything
// seen is rarer than the largest one seen, not equally rare).
import { quickselect } from 'd3-array';

export interface TailModel {
  /** Reference errors, ascending. */
  sorted: Float64Array;
  /** Start of the fitted tail: the k-th largest reference error. */
  threshold: number;
  /** Reference errors at or above the threshold. */
  tailCount: number;
  /** Scale of the exponential tail beyond the threshold. */
  scale: number;
}

/** Values past a tied tail edge that make a scale of their own (tailModel). */
const TIED_TAIL_EVENTS = 3;

/** Smallest scale of the tail, in the errors' own units (standardised errors: a tenth of σ). */
const MIN_TAIL_SCALE = 0.1;

export function tailModel(reference: ArrayLike<number>): TailModel {
  const finite = Array.from(reference).filter(Number.isFinite);
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  if (n === 0) {
    return { sorted, threshold: Infinity, tailCount: 0, scale: 1 };
  }
  const tailCount = tailCountOf(n);
  const threshold = sorted[n - tailCount];
  // Median excess / ln 2 estimates an exponential's scale and ignores one huge past incident.
  const all = Array.from(sorted.subarray(n - tailCount), (x) => x - threshold);
  // With TIED_TAIL_EVENTS values or more past the threshold, the threshold counts once however many
  // values tie with it: on a ratio that is mostly 0 (a few errors an hour) the top values were 0s and
  // three small ratios, the median excess 0, and a ratio seen three times in 240 points read as 1 in
  // 10^17. With fewer, the ties stand: one value far past a quantised series' usual few levels (a
  // judged spike in its own reference) is not a scale.
  const past = all.filter((e) => e > 0);
  const excess = past.length >= TIED_TAIL_EVENTS ? [0, ...past] : all;
  const medianExcess = excess[Math.floor(excess.length / 2)];
  return { sorted, threshold, tailCount, scale: Math.max(MIN_TAIL_SCALE, medianExcess / Math.LN2) };
}

/**
 * Consecutive tail values that make one event: an incident, not noise. Shorter runs (a bursty series'
 * two or three high counts in a row) are how the series is, and stay in its tail. Chosen on the
 * anomaly benchmark (bench/anomaly, seeds 1 and 2): runs of 5 lifted seasonal, quantised,
 * missing-data and drift series (an old incident no longer hid the next one) for a 3-point loss on
 * bursty counts; runs of 1 cost bursty counts 8 points and periodic jobs 10, runs of 8 gave back most
 * of the seasonal and missing-data gain.
 */
export const EVENT_RUN = 5;

/**
 * The reference with each run of EVENT_RUN or more consecutive tail values cut to its largest (runs
 * declustering, as in extreme-value practice): an incident in the window is one rare event, not a
 * dozen, so it can neither fill the tail the next point is ranked against nor stretch its fitted
 * scale. The tail is the values past the top share `tailModel` fits (2 %, at least MIN_TAIL_COUNT
 * values, at most half; ties with its edge, common on quantised data, stay as they are); `index`
 * gives each value's position in the series, so values apart in time are never one run.
 */
export function declustered(values: ArrayLike<number>, index: ArrayLike<number>): number[] {
  const n = values.length;
  const finite = Float64Array.from(Array.from(values).filter(Number.isFinite));
  if (finite.length === 0) {
    return [];
  }
  // The tail's edge by selection, not a sort: tailModel sorts what is left anyway.
  const k = finite.length - tailCountOf(finite.length);
  quickselect(finite as unknown as number[], k);
  const threshold = finite[k];
  const out: number[] = [];
  let run: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  const flush = () => {
    if (run.length >= EVENT_RUN) {
      out.push(Math.max(...run));
    } else {
      out.push(...run);
    }
    run = [];
  };
  for (let k = 0; k < n; k++) {
    const v = values[k];
    if (!Number.isFinite(v)) {
      continue;
    }
    if (!(v > threshold)) {
      flush();
      out.push(v);
    } else {
      if (index[k] !== last + 1) {
        flush();
      }
      run.push(v);
    }
    last = index[k];
  }
  flush();
  return out;
}

/**
 * Fewest reference values the exponential tail is fitted to. Its scale is their median excess, so
 * fewer than half of them may be past incidents: on an hourly week (168 points) three daily error
 * bursts among 5 values made the next burst look ordinary; among 10 they cannot. Never more than
 * half the reference: the tail is its upper half at most.
 */
const MIN_TAIL_COUNT = 10;

function tailCountOf(n: number): number {
  return Math.max(1, Math.min(Math.floor(n / 2), Math.max(MIN_TAIL_COUNT, Math.ceil(0.02 * n))));
}

/** P(error ≥ z) under the reference: in (0, 1], non-increasing in z. */
export function tailProbability(model: TailModel, z: number): number {
  const n = model.sorted.length;
  if (n === 0 || Number.isNaN(z)) {
    return 1;
  }
  const atOrAbove = n - lowerBound(model.sorted, z);
  const conformal = (1 + atOrAbove) / (n + 1);
  if (!(z > model.threshold)) {
    return conformal;
  }
  const tail = ((1 + model.tailCount) / (n + 1)) * Math.exp(-(z - model.threshold) / model.scale);
  return Math.max(Number.MIN_VALUE, Math.min(conformal, tail));
}

/** Surprise in decimal digits: 2 means "a 1-in-100 point". */
export function surprise(p: number): number {
  return Math.max(0, -Math.log10(Math.max(Number.MIN_VALUE, Math.min(1, p))));
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
