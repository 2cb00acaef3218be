// A robust in-sample band for seasonal series, used for anomaly detection.
//
// augurs' in-sample prediction is one step ahead: after the first point of an incident its ETS level
// chases the data, so a five-point incident shows as a one-point blip. This band is built from medians
// instead (seasonal shape = per-phase median, trend = rolling median over one cycle, spread = MAD of
// the residuals), so an incident shorter than half a cycle cannot pull the band toward itself.
// The same fit is the first pass of the outlier cleaning before MSTL (see outliers.ts).
import { median } from '../stats/robust';
import { rollingMedian } from '../stats/rollingMedian';
import type { Band } from '../types';

import { emptyBand, regularTimestamps } from './band';

function phaseMedians(values: Float64Array, period: number): Float64Array {
  const seasonal = new Float64Array(period);
  const bucket: number[] = [];
  for (let phase = 0; phase < period; phase++) {
    bucket.length = 0;
    for (let i = phase; i < values.length; i += period) {
      bucket.push(values[i]);
    }
    seasonal[phase] = bucket.length ? median(bucket) : 0;
  }
  const centre = median(seasonal);
  return seasonal.map((s) => s - centre);
}

export interface RobustSeasonalFit {
  /** Robust trend + seasonal shape at each point. */
  mean: Float64Array;
  /** 1.4826·MAD of the residuals (σ of the noise around `mean`). */
  sigma: number;
}

/** Trend (rolling median over one cycle) + seasonal shape (per-phase median), and the residual spread. */
export function robustSeasonalFit(values: Float64Array, period: number): RobustSeasonalFit {
  const n = values.length;
  const window = period % 2 === 1 ? period : period + 1;
  const roughTrend = rollingMedian(values, window);
  const detrended = values.map((v, i) => v - roughTrend[i]);
  const seasonal = phaseMedians(detrended, period);
  const deseasonalised = values.map((v, i) => v - seasonal[i % period]);
  const trend = rollingMedian(deseasonalised, window);
  const mean = new Float64Array(n);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mean[i] = trend[i] + seasonal[i % period];
    residuals[i] = Math.abs(values[i] - mean[i]);
  }
  return { mean, sigma: 1.4826 * median(residuals) };
}

/**
 * The band around a robust fit. `z` is the normal quantile of the band level; `extraVariance` widens it
 * for raw points when the values are bucket means.
 */
export function robustSeasonalBand(
  fit: RobustSeasonalFit,
  startMs: number,
  stepMs: number,
  z: number,
  extraVariance: number
): Band {
  const n = fit.mean.length;
  const half = z * Math.sqrt(fit.sigma * fit.sigma + extraVariance);
  const band = emptyBand(n);
  band.timestamps.set(regularTimestamps(startMs, stepMs, n));
  for (let i = 0; i < n; i++) {
    band.mean[i] = fit.mean[i];
    band.lower[i] = fit.mean[i] - half;
    band.upper[i] = fit.mean[i] + half;
  }
  return band;
}
