// Turns the linear fits into `Band`s over the training window and the horizon.
import { aggregate } from '../prepare/prepare';
import type { Band, PreparedSeries } from '../types';

import { regularTimestamps, sanitiseBand, emptyBand } from './band';
import { fitOls, fitTheilSen, olsPredict, theilSenPredict, theilSenResidualBand, type Interval } from './linear';

/** Theil–Sen is O(n²) in pairs; above this it fits bucket means (the median slope barely moves). */
export const THEIL_SEN_MAX_POINTS = 1000;

export interface LinearBands {
  fitted: Band;
  forecast: Band;
  slopePerStep: number;
}

function indexArray(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i;
  }
  return x;
}

function bands(series: PreparedSeries, horizon: number, at: (x: number) => Interval): { fitted: Band; forecast: Band } {
  const n = series.values.length;
  const fitted = emptyBand(n);
  fitted.timestamps.set(regularTimestamps(series.startMs, series.stepMs, n));
  for (let i = 0; i < n; i++) {
    const p = at(i);
    fitted.mean[i] = p.mean;
    fitted.lower[i] = p.lower;
    fitted.upper[i] = p.upper;
  }
  const forecast = emptyBand(horizon);
  forecast.timestamps.set(regularTimestamps(series.startMs + n * series.stepMs, series.stepMs, horizon));
  for (let h = 0; h < horizon; h++) {
    const p = at(n + h);
    forecast.mean[h] = p.mean;
    forecast.lower[h] = p.lower;
    forecast.upper[h] = p.upper;
  }
  return { fitted: sanitiseBand(fitted), forecast: sanitiseBand(forecast) };
}

/** `slopeVariance`: extra variance of the slope per step² (a capacity fit's between-window spread). */
export function olsBands(series: PreparedSeries, horizon: number, confidence: number, slopeVariance = 0): LinearBands {
  const fit = fitOls(indexArray(series.values.length), series.values);
  return { ...bands(series, horizon, (x0) => olsPredict(fit, x0, confidence, slopeVariance)), slopePerStep: fit.slope };
}

export function theilSenBands(series: PreparedSeries, horizon: number, confidence: number): LinearBands {
  const n = series.values.length;
  const factor = Math.ceil(n / THEIL_SEN_MAX_POINTS);
  const coarse = aggregate(series, factor);
  // Bucket means sit at bucket centres: express their x in raw steps so slope and intercept are raw.
  const offset = (coarse.startMs - series.startMs) / series.stepMs;
  const x = new Float64Array(coarse.values.length);
  for (let i = 0; i < x.length; i++) {
    x[i] = offset + i * factor;
  }
  const fit = fitTheilSen(x, coarse.values, confidence);
  const residualBand = theilSenResidualBand(fit, indexArray(n), series.values, confidence);
  return { ...bands(series, horizon, (x0) => theilSenPredict(fit, residualBand, x0)), slopePerStep: fit.slope };
}
