// Very large or very small values are fitted at a magnitude near 1 and the bands scaled back.
// augurs' MSTL loses the fit (NaN, then an error) once values pass ~1e38, the single-precision
// range, and the linear fits square values (overflow past ~1e154). Forecasts are equivariant under
// scaling, so fitting v / s and multiplying the bands by s gives the same answer without overflow.
import type { Band, PreparedSeries } from '../types';

import { sanitiseBand } from './band';

/** Magnitudes fitted as they are; the series is rescaled only outside this range. */
const SAFE_MAX = 1e30;
const SAFE_MIN = 1e-30;

/**
 * The divisor that brings the largest |value| near 1, or 1 when the values are in the safe range.
 * A power of two, so dividing and multiplying back is exact (no rounding added to normal data).
 */
export function fitScale(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    max = Math.max(max, Math.abs(values[i]));
  }
  if (max === 0 || !Number.isFinite(max) || (max <= SAFE_MAX && max >= SAFE_MIN)) {
    return 1;
  }
  return 2 ** Math.round(Math.log2(max));
}

export function scaleSeries(series: PreparedSeries, divisor: number): PreparedSeries {
  return { ...series, values: series.values.map((v) => v / divisor) };
}

/** The band in the original units; an entry that overflows on the way back gets zero width. */
export function unscaleBand(band: Band, divisor: number): Band {
  return sanitiseBand({
    timestamps: band.timestamps,
    mean: band.mean.map((v) => v * divisor),
    lower: band.lower.map((v) => v * divisor),
    upper: band.upper.map((v) => v * divisor),
  });
}
