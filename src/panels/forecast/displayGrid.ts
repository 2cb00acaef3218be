// Resampling onto one shared time grid. Every drawn field (history, fit, forecast, band, anomalies,
// for every series) lands on the same timestamps, so the chart is one wide frame and Grafana's
// outer join has nothing to merge; and no series ever draws more points than the panel has pixels.

export interface DisplayGrid {
  startMs: number;
  bucketMs: number;
  buckets: number;
  /** Two slots per bucket, so a bucket can keep both its low and its high point. */
  times: Float64Array;
}

export function makeGrid(fromMs: number, toMs: number, minStepMs: number, maxBuckets: number): DisplayGrid {
  const span = Math.max(1, toMs - fromMs);
  const step = minStepMs > 0 ? minStepMs : span / Math.max(1, maxBuckets);
  const bucketMs = Math.max(step, Math.ceil(span / Math.max(1, maxBuckets)));
  const startMs = Math.floor(fromMs / bucketMs) * bucketMs;
  const buckets = Math.floor((toMs - startMs) / bucketMs) + 1;
  const times = new Float64Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    times[2 * b] = startMs + b * bucketMs;
    times[2 * b + 1] = startMs + b * bucketMs + bucketMs / 2;
  }
  return { startMs, bucketMs, buckets, times };
}

export type Reduce = 'extremes' | 'first-last';

/**
 * `extremes` keeps a bucket's min and max in time order (spikes survive decimation); `first-last`
 * keeps its first and last value (for smooth model output, where extremes would add jitter).
 * Runs over every raw point on the main thread (1M for 100 series × 10k), hence the plain loop:
 * no closures over the loop state, and one division per bucket rather than per point.
 */
export function resample(
  grid: DisplayGrid,
  timestamps: ArrayLike<number>,
  values: ArrayLike<number | null>,
  reduce: Reduce
): Array<number | null> {
  const out: Array<number | null> = new Array(grid.times.length).fill(null);
  const { startMs, bucketMs, buckets } = grid;
  const extremes = reduce === 'extremes';
  let bucket = -1;
  let bucketStart = Infinity;
  let bucketEnd = -Infinity;
  let count = 0;
  let aT = 0;
  let aV = 0;
  let bT = 0;
  let bV = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const v = values[i];
    // `v - v === 0` is false for null, NaN and ±Infinity alike.
    if (v === null || v === undefined || v - v !== 0) {
      continue;
    }
    const t = timestamps[i];
    if (t < bucketStart || t >= bucketEnd) {
      if (count > 0) {
        writeBucket(out, bucket, buckets, count, aT, aV, bT, bV);
      }
      bucket = Math.floor((t - startMs) / bucketMs);
      bucketStart = startMs + bucket * bucketMs;
      bucketEnd = bucketStart + bucketMs;
      aT = bT = t;
      aV = bV = v;
      count = 1;
      continue;
    }
    count++;
    if (!extremes) {
      bT = t;
      bV = v;
    } else if (count === 2) {
      // a = min, b = max once there are two points
      if (v < aV) {
        bT = aT;
        bV = aV;
        aT = t;
        aV = v;
      } else {
        bT = t;
        bV = v;
      }
    } else if (v < aV) {
      aT = t;
      aV = v;
    } else if (v > bV) {
      bT = t;
      bV = v;
    }
  }
  if (count > 0) {
    writeBucket(out, bucket, buckets, count, aT, aV, bT, bV);
  }
  return out;
}

function writeBucket(
  out: Array<number | null>,
  bucket: number,
  buckets: number,
  count: number,
  aT: number,
  aV: number,
  bT: number,
  bV: number
) {
  if (bucket < 0 || bucket >= buckets) {
    return;
  }
  if (count === 1) {
    // Both slots, not one and a gap: alternating gaps would make uPlot clip the line at every
    // bucket and draw each value as an isolated point, which costs more than the line itself.
    out[2 * bucket] = aV;
    out[2 * bucket + 1] = aV;
    return;
  }
  const firstIsA = aT <= bT;
  out[2 * bucket] = firstIsA ? aV : bV;
  out[2 * bucket + 1] = firstIsA ? bV : aV;
}

/**
 * Grafana's "connect null values below threshold": the chart frame skips Grafana's own frame
 * preparation (it is already aligned), so this does what that step would. A run of empty slots
 * between two values closer than `maxGapMs` becomes `undefined`, which uPlot draws through; longer
 * runs stay `null`, a visible gap, as in any Grafana time series.
 */
export function bridgeGaps(grid: DisplayGrid, values: Array<number | null | undefined>, maxGapMs: number) {
  let previous = -1;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) {
      continue;
    }
    if (previous >= 0 && i - previous > 1 && grid.times[i] - grid.times[previous] < maxGapMs) {
      for (let k = previous + 1; k < i; k++) {
        values[k] = undefined;
      }
    }
    previous = i;
  }
  return values;
}
