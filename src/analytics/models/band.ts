// Small helpers for building and reading `Band`s.
import type { Band } from '../types';

export function emptyBand(length: number): Band {
  return {
    timestamps: new Float64Array(length),
    mean: new Float64Array(length),
    lower: new Float64Array(length),
    upper: new Float64Array(length),
  };
}

/** Linear interpolation of a band at `t` (clamped to its ends); bands have regular timestamps. */
export function bandAt(band: Band, t: number): { mean: number; lower: number; upper: number } {
  const n = band.timestamps.length;
  if (n === 1 || t <= band.timestamps[0]) {
    return { mean: band.mean[0], lower: band.lower[0], upper: band.upper[0] };
  }
  if (t >= band.timestamps[n - 1]) {
    return { mean: band.mean[n - 1], lower: band.lower[n - 1], upper: band.upper[n - 1] };
  }
  const step = band.timestamps[1] - band.timestamps[0];
  const pos = (t - band.timestamps[0]) / step;
  const i = Math.min(n - 2, Math.floor(pos));
  const f = pos - i;
  const lerp = (a: Float64Array) => a[i] + (a[i + 1] - a[i]) * f;
  return { mean: lerp(band.mean), lower: lerp(band.lower), upper: lerp(band.upper) };
}

/** Replace any non-finite entry by the mean (zero width) so a band never carries NaN to the UI. */
export function sanitiseBand(band: Band): Band {
  for (let i = 0; i < band.mean.length; i++) {
    if (!Number.isFinite(band.mean[i])) {
      band.mean[i] = i > 0 ? band.mean[i - 1] : 0;
    }
    if (!Number.isFinite(band.lower[i]) || band.lower[i] > band.mean[i]) {
      band.lower[i] = band.mean[i];
    }
    if (!Number.isFinite(band.upper[i]) || band.upper[i] < band.mean[i]) {
      band.upper[i] = band.mean[i];
    }
  }
  return band;
}

export function regularTimestamps(startMs: number, stepMs: number, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    out[i] = startMs + i * stepMs;
  }
  return out;
}
