// A robust in-sample band for seasonal series, used for anomaly detection.
//
// augurs' in-sample prediction is one step ahead: after the first point of an incident its ETS level
// chases the data, so a five-point incident shows as a one-point blip. This band is built from medians
// instead (seasonal shape = per-phase median, trend = rolling median over one cycle, spread = MAD of
// the residuals), so an incident shorter than half a cycle cannot pull the band toward itself.
import { emptyBand, regularTimestamps } from './band';
import { median } from './stats/robust';
import type { Band } from './types';

function rollingMedian(values: Float64Array, window: number): Float64Array {
  const n = values.length;
  const half = Math.floor(window / 2);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = median(values.subarray(Math.max(0, i - half), Math.min(n, i + half + 1)));
  }
  return out;
}

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

/**
 * `z` is the normal quantile of the band level; `extraVariance` widens it for raw points when the
 * values are bucket means.
 */
export function robustSeasonalBand(values: Float64Array, startMs: number, stepMs: number, period: number, z: number, extraVariance: number): Band {
  const n = values.length;
  const window = period % 2 === 1 ? period : period + 1;
  const roughTrend = rollingMedian(values, window);
  const detrended = values.map((v, i) => v - roughTrend[i]);
  const seasonal = phaseMedians(detrended, period);
  const deseasonalised = values.map((v, i) => v - seasonal[i % period]);
  const trend = rollingMedian(deseasonalised, window);
  const residuals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    residuals[i] = Math.abs(values[i] - trend[i] - seasonal[i % period]);
  }
  const sigma = 1.4826 * median(residuals);
  const half = z * Math.sqrt(sigma * sigma + extraVariance);
  const band = emptyBand(n);
  band.timestamps.set(regularTimestamps(startMs, stepMs, n));
  for (let i = 0; i < n; i++) {
    const mean = trend[i] + seasonal[i % period];
    band.mean[i] = mean;
    band.lower[i] = mean - half;
    band.upper[i] = mean + half;
  }
  return band;
}
