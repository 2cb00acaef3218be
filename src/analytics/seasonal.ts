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
import { bandAt, emptyBand, regularTimestamps, sanitiseBand } from './band';
import { aggregate } from './prepare';
import { robustSeasonalBand } from './robustBand';
import { normalQuantile } from './stats/distributions';
import type { Band, PreparedSeries } from './types';
import { loadMstl } from './wasm/augurs';

export interface SeasonalFit {
  fitted: Band;
  forecast: Band;
  /** Bucket size in raw steps (1 = full resolution). */
  factor: number;
  /** Band scale applied (1 = augurs' band as is). */
  scale: number;
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
    return { ahead: { point: ahead.point, lower: ahead.intervals?.lower ?? ahead.point, upper: ahead.intervals?.upper ?? ahead.point } };
  } finally {
    // WASM memory is not garbage-collected; a long-lived worker would leak one model per fit.
    model.free();
  }
}

/**
 * Variance of raw points around the line through neighbouring bucket means — what a bucket-level band
 * does not see. The line, not the flat bucket mean, so the seasonal slope inside a bucket is not
 * mistaken for noise (the forecast is read between buckets the same way, see `bandAt`).
 */
function withinBucketVariance(raw: PreparedSeries, coarse: PreparedSeries, factor: number): number {
  if (factor <= 1 || coarse.values.length < 2) {
    return 0;
  }
  const n = raw.values.length;
  const offset = n - coarse.values.length * factor;
  let sum = 0;
  let count = 0;
  for (let i = offset; i < n; i++) {
    // Position of raw point i on the bucket-centre axis.
    const pos = (i - offset - (factor - 1) / 2) / factor;
    const j = Math.min(coarse.values.length - 2, Math.max(0, Math.floor(pos)));
    const f = pos - j;
    const line = coarse.values[j] + (coarse.values[j + 1] - coarse.values[j]) * f;
    const d = raw.values[i] - line;
    sum += d * d;
    count++;
  }
  return sum / count;
}

interface Resolution {
  factor: number;
  series: PreparedSeries;
  periods: number[];
  z: number;
  within: number;
}

function atResolution(raw: PreparedSeries, options: SeasonalOptions): Resolution {
  const factor = chooseFactor(raw.values.length, options.periods, options.maxPoints);
  const series = aggregate(raw, factor);
  return {
    factor,
    series,
    periods: options.periods.map((p) => p / factor),
    z: normalQuantile(1 - (1 - options.confidence) / 2),
    within: withinBucketVariance(raw, series, factor),
  };
}

export async function fitSeasonal(raw: PreparedSeries, options: SeasonalOptions, scale: number): Promise<SeasonalFit> {
  const { factor, series, periods, z, within } = atResolution(raw, options);
  const horizon = Math.max(1, Math.ceil(options.horizon / factor));
  const fit = await mstl(series.values, periods, horizon, options.confidence);
  const n = series.values.length;
  // The shortest period carries most of the shape at the fitted resolution; see robustBand.ts for why
  // the in-sample band is not augurs' one-step-ahead interval.
  const fitted = robustSeasonalBand(series.values, series.startMs, series.stepMs, Math.min(...periods), z, within);
  const forecast = toBand(fit.ahead, regularTimestamps(series.startMs + n * series.stepMs, series.stepMs, horizon), z, within, scale);
  return { fitted: sanitiseBand(fitted), forecast: sanitiseBand(forecast), factor, scale };
}

function toBand(
  part: RawPart,
  timestamps: Float64Array,
  z: number,
  within: number,
  scale: number
): Band {
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
export async function seasonalHoldout(raw: PreparedSeries, options: SeasonalOptions): Promise<SeasonalHoldout | undefined> {
  const { factor, series, periods, z, within } = atResolution(raw, options);
  const longest = Math.max(...periods);
  const n = series.values.length;
  const holdout = Math.min(Math.max(longest, 8), Math.floor(n / 4));
  if (holdout < 8 || n - holdout < MIN_CYCLES * longest) {
    return undefined;
  }
  const fit = await mstl(series.values.subarray(0, n - holdout), periods, holdout, options.confidence);
  const start = series.startMs + (n - holdout) * series.stepMs;
  const band = toBand(fit.ahead, regularTimestamps(start, series.stepMs, holdout), z, within, 1);
  let sumZ2 = 0;
  let sumAbs = 0;
  let count = 0;
  const firstRaw = raw.values.length - holdout * factor;
  for (let i = firstRaw; i < raw.values.length; i++) {
    const t = raw.startMs + i * raw.stepMs;
    const b = bandAt(band, t);
    const sigma = (b.upper - b.lower) / (2 * z);
    const err = raw.values[i] - b.mean;
    if (sigma > 0 && Number.isFinite(err)) {
      sumZ2 += (err / sigma) ** 2;
      sumAbs += Math.abs(err);
      count++;
    }
  }
  if (count === 0) {
    return undefined;
  }
  const scale = Math.min(4, Math.max(0.5, Math.sqrt(sumZ2 / count)));
  return { scale, mae: sumAbs / count, rawPoints: raw.values.length - firstRaw };
}
