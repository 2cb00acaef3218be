// Seasonal forecasts: MSTL decomposition with an ETS trend, from augurs (WASM).
//
// Three things are added around augurs:
// - Resolution. The fit runs on bucket means at the resolution the panel shows (a bucket size that
//   divides every period, so periods stay whole). The band is then widened by the within-bucket spread
//   so it still describes raw points, not bucket means.
// - Calibration. augurs' interval comes from the ETS fit to the deseasonalised series, which misses the
//   noise the seasonal estimate absorbed; measured here it covers ~90 % at a nominal 95 %. A holdout fit
//   measures the real forecast errors and scales the band so its coverage matches the nominal level.
// - The in-sample band comes from robustBand.ts (medians), not augurs' one-step-ahead interval.
// - One-off incidents. MSTL would learn an isolated spike as part of the season and forecast it to
//   recur; points that the robust fit calls isolated outliers (outliers.ts) are replaced by the robust
//   fit before augurs sees them. The in-sample band and the anomaly detector still see the originals.
import { isolatedOutliers, replaceMasked } from '../anomalies/outliers';
import { aggregate } from '../prepare/prepare';
import { loadMstl } from '../runtime/wasm';
import { normalQuantile } from '../stats/distributions';
import type { Band, PreparedSeries } from '../types';

import { bandAt, emptyBand, regularTimestamps, sanitiseBand } from './band';
import { robustSeasonalBand, robustSeasonalFit, type RobustSeasonalFit } from './robustBand';

export interface SeasonalFit {
  fitted: Band;
  forecast: Band;
  /** Bucket size in raw steps (1 = full resolution). */
  factor: number;
  /** Band scale applied (1 = augurs' band as is). */
  scale: number;
  /** Points (at the fitted resolution) replaced as one-off outliers before the fit. */
  replaced: number;
}

export interface SeasonalHoldout {
  /** Factor by which augurs' band (widened for buckets) was too narrow on the holdout. */
  scale: number;
  /** Mean absolute error of the holdout forecast against the raw points. */
  mae: number;
  /** How many raw points at the end formed the holdout. */
  rawPoints: number;
}

export interface SeasonalOptions {
  periods: number[];
  horizon: number;
  confidence: number;
  maxPoints?: number;
}

/** Cycles of the longest period MSTL needs to separate seasonality from trend. */
export const MIN_CYCLES = 2;

/** The smallest bucket size ≥ n / maxPoints that divides every period (periods must stay whole). */
export function chooseFactor(n: number, periods: number[], maxPoints: number | undefined): number {
  if (!maxPoints || n <= maxPoints) {
    return 1;
  }
  const wanted = Math.ceil(n / maxPoints);
  const g = periods.reduce((a, b) => gcd(a, b), periods[0] ?? 1);
  const shortest = Math.min(...periods);
  // Keep at least 4 buckets per cycle so the seasonal shape survives aggregation.
  for (let k = wanted; k <= g; k++) {
    if (g % k === 0 && shortest / k >= 4) {
      return k;
    }
  }
  // No divisor that large keeps the shape: take the largest that does (accuracy over speed).
  for (let k = Math.min(wanted, g); k > 1; k--) {
    if (g % k === 0 && shortest / k >= 4) {
      return k;
    }
  }
  return 1;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

interface RawPart {
  point: number[];
  lower: number[];
  upper: number[];
}

interface RawFit {
  ahead: RawPart;
}

async function mstl(values: Float64Array, periods: number[], horizon: number, confidence: number): Promise<RawFit> {
  const { MSTL } = await loadMstl();
  const model = MSTL.ets(periods);
  try {
    model.fit(values);
    const ahead = model.predict(horizon, confidence);
    return {
      ahead: {
        point: ahead.point,
        lower: ahead.intervals?.lower ?? ahead.point,
        upper: ahead.intervals?.upper ?? ahead.point,
      },
    };
  } finally {
    // WASM memory is not garbage-collected; a long-lived worker would leak one model per fit.
    model.free();
  }
}

/**
 * Variance of raw points around the line through neighbouring bucket means — what a bucket-level band
 * does not see. The line, not the flat bucket mean, so the seasonal slope inside a bucket is not
 * mistaken for noise (the forecast is read between buckets the same way, see `bandAt`). `coarse` is
 * the cleaned bucket series and isolated outliers among the raw deviations are left out: a one-off
 * incident is an anomaly to flag, not noise that should widen every future band.
 */
function withinBucketVariance(raw: PreparedSeries, coarse: Float64Array, factor: number, rawPeriod: number): number {
  if (factor <= 1 || coarse.length < 2) {
    return 0;
  }
  const n = raw.values.length;
  const offset = n - coarse.length * factor;
  const deviations = new Float64Array(n - offset);
  for (let i = offset; i < n; i++) {
    // Position of raw point i on the bucket-centre axis.
    const pos = (i - offset - (factor - 1) / 2) / factor;
    const j = Math.min(coarse.length - 2, Math.max(0, Math.floor(pos)));
    const f = pos - j;
    const line = coarse[j] + (coarse[j + 1] - coarse[j]) * f;
    deviations[i - offset] = raw.values[i] - line;
  }
  const outliers = isolatedOutliers(deviations, rawPeriod);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < deviations.length; i++) {
    if (!outliers?.[i]) {
      sum += deviations[i] * deviations[i];
      count++;
    }
  }
  return count > 0 ? sum / count : 0;
}

interface Resolution {
  factor: number;
  /** Bucket means of the original points (what the in-sample band and anomalies describe). */
  series: PreparedSeries;
  /** The same with isolated outliers replaced by the robust fit (what augurs is fitted on). */
  cleaned: Float64Array;
  replaced: number;
  robust: RobustSeasonalFit;
  periods: number[];
  /** The shortest period in raw steps (the robust fit's period, see robustBand.ts). */
  rawPeriod: number;
  z: number;
  within: number;
}

// The holdout fits and the final fit of one forecast share a resolution; computing the robust fit
// once per series keeps the cleaning nearly free (keyed weakly, so nothing outlives the series).
const resolutions = new WeakMap<PreparedSeries, Map<string, Omit<Resolution, 'z'>>>();

function atResolution(raw: PreparedSeries, options: SeasonalOptions): Resolution {
  const factor = chooseFactor(raw.values.length, options.periods, options.maxPoints);
  const periods = options.periods.map((p) => p / factor);
  const shortest = Math.min(...periods);
  const z = normalQuantile(1 - (1 - options.confidence) / 2);
  const key = `${factor}:${shortest}`;
  const known = resolutions.get(raw)?.get(key);
  if (known) {
    return { ...known, periods, z };
  }
  const series = aggregate(raw, factor);
  const robust = robustSeasonalFit(series.values, shortest);
  const residuals = series.values.map((v, i) => v - robust.mean[i]);
  const outliers = isolatedOutliers(residuals, shortest);
  const cleaned = outliers ? replaceMasked(series.values, robust.mean, outliers) : series.values;
  const replaced = outliers ? outliers.reduce((a, b) => a + b, 0) : 0;
  const rawPeriod = shortest * factor;
  const within = withinBucketVariance(raw, cleaned, factor, rawPeriod);
  const resolution = { factor, series, cleaned, replaced, robust, periods, rawPeriod, within };
  const byKey = resolutions.get(raw) ?? new Map<string, Omit<Resolution, 'z'>>();
  byKey.set(key, resolution);
  resolutions.set(raw, byKey);
  return { ...resolution, z };
}

export async function fitSeasonal(raw: PreparedSeries, options: SeasonalOptions, scale: number): Promise<SeasonalFit> {
  const { factor, series, cleaned, replaced, robust, periods, z, within } = atResolution(raw, options);
  const horizon = Math.max(1, Math.ceil(options.horizon / factor));
  const fit = await mstl(cleaned, periods, horizon, options.confidence);
  const n = series.values.length;
  // The shortest period carries most of the shape at the fitted resolution; see robustBand.ts for why
  // the in-sample band is not augurs' one-step-ahead interval.
  const fitted = robustSeasonalBand(robust, series.startMs, series.stepMs, z, within);
  const forecast = toBand(
    fit.ahead,
    regularTimestamps(series.startMs + n * series.stepMs, series.stepMs, horizon),
    z,
    within,
    scale
  );
  return { fitted: sanitiseBand(fitted), forecast: sanitiseBand(forecast), factor, scale, replaced };
}

function toBand(part: RawPart, timestamps: Float64Array, z: number, within: number, scale: number): Band {
  const band = emptyBand(timestamps.length);
  band.timestamps.set(timestamps);
  for (let i = 0; i < timestamps.length; i++) {
    const mean = part.point[i];
    const sigmaLow = (mean - part.lower[i]) / z;
    const sigmaHigh = (part.upper[i] - mean) / z;
    band.mean[i] = mean;
    band.lower[i] = mean - scale * z * Math.sqrt(sigmaLow * sigmaLow + within);
    band.upper[i] = mean + scale * z * Math.sqrt(sigmaHigh * sigmaHigh + within);
  }
  return band;
}

/**
 * Fit on all but the last stretch, forecast it, and compare with the raw points there: the RMS of the
 * standardised errors is the factor by which the band is too narrow (or too wide). The holdout's
 * error also lets 'auto' compare seasonal against linear. undefined when history is too short.
 */
export async function seasonalHoldout(
  raw: PreparedSeries,
  options: SeasonalOptions
): Promise<SeasonalHoldout | undefined> {
  const { factor, series, cleaned, periods, rawPeriod, z, within } = atResolution(raw, options);
  const longest = Math.max(...periods);
  const n = series.values.length;
  const holdout = Math.min(Math.max(longest, 8), Math.floor(n / 4));
  if (holdout < 8 || n - holdout < MIN_CYCLES * longest) {
    return undefined;
  }
  const fit = await mstl(cleaned.subarray(0, n - holdout), periods, holdout, options.confidence);
  const start = series.startMs + (n - holdout) * series.stepMs;
  const band = toBand(fit.ahead, regularTimestamps(start, series.stepMs, holdout), z, within, 1);
  const firstRaw = raw.values.length - holdout * factor;
  const errors = new Float64Array(raw.values.length - firstRaw);
  const sigmas = new Float64Array(errors.length);
  for (let i = firstRaw; i < raw.values.length; i++) {
    const b = bandAt(band, raw.startMs + i * raw.stepMs);
    errors[i - firstRaw] = raw.values[i] - b.mean;
    sigmas[i - firstRaw] = (b.upper - b.lower) / (2 * z);
  }
  // A one-off incident inside the holdout would otherwise widen every future band (×2.4 for one
  // 10-point spike in a day of 5-minute points); it is left out of the scale, not of the MAE, which
  // 'auto' compares with linear on the very same points.
  const outliers = isolatedOutliers(errors, rawPeriod);
  let sumZ2 = 0;
  let scored = 0;
  let sumAbs = 0;
  let count = 0;
  for (let i = 0; i < errors.length; i++) {
    if (sigmas[i] > 0 && Number.isFinite(errors[i])) {
      sumAbs += Math.abs(errors[i]);
      count++;
      if (!outliers?.[i]) {
        sumZ2 += (errors[i] / sigmas[i]) ** 2;
        scored++;
      }
    }
  }
  if (count === 0 || scored === 0) {
    return undefined;
  }
  const scale = Math.min(4, Math.max(0.5, Math.sqrt(sumZ2 / scored)));
  return { scale, mae: sumAbs / count, rawPoints: errors.length };
}
