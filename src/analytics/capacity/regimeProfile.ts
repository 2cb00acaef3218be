// The daily pattern of a series whose current regime is too short for a seasonal model (a container
// restarted yesterday): estimated from every regime in the window, each detrended by its own line, so
// the short regime's trend is fitted on deseasonalised points and the daily peaks are added back to
// the forecast. Without it, a one-day regime's slope is mostly the daily wobble. A window without a
// reset uses it too (smoothed): a trend under a daily cycle, fitted by OLS on the whole week.
import { fitOls } from '../models/linear';
import { median } from '../stats/robust';
import type { Band } from '../types';

const DAY_MS = 86_400_000;
/** Share of the detrended variance the daily profile must explain to be used. */
export const MIN_PROFILE_STRENGTH = 0.3;

export interface DailyProfile {
  /** Profile value at an epoch ms (mean zero over the day). */
  at: (ms: number) => number;
  /** 1 − Var(residual − profile) / Var(residual). */
  strength: number;
}

/**
 * Median residual per slot of the day over all regimes (boundaries in `starts`, ascending, first 0).
 * Undefined when the window has under two days, a slot has under two samples, or the pattern is weak.
 */
export function dailyProfile(
  values: ArrayLike<number>,
  startMs: number,
  stepMs: number,
  starts: readonly number[],
  options: { smooth?: boolean } = {}
): DailyProfile | undefined {
  const n = values.length;
  const slots = Math.round(DAY_MS / stepMs);
  if (slots < 4 || n * stepMs < 2 * DAY_MS) {
    return undefined;
  }
  const slotOf = (ms: number) => Math.min(slots - 1, Math.floor((((ms % DAY_MS) + DAY_MS) % DAY_MS) / (DAY_MS / slots)));
  const residuals = new Float64Array(n).fill(NaN);
  const bounds = [...starts, n];
  for (let r = 0; r + 1 < bounds.length; r++) {
    const [a, b] = [bounds[r], bounds[r + 1]];
    if (b - a < 3) {
      continue;
    }
    const x = Float64Array.from({ length: b - a }, (_, i) => a + i);
    const fit = fitOls(x, Array.prototype.slice.call(values, a, b));
    for (let i = a; i < b; i++) {
      residuals[i] = values[i] - (fit.intercept + fit.slope * i);
    }
  }
  const bySlot: number[][] = Array.from({ length: slots }, () => []);
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(residuals[i])) {
      bySlot[slotOf(startMs + i * stepMs)].push(residuals[i]);
    }
  }
  if (bySlot.some((s) => s.length < 2)) {
    return undefined;
  }
  const medians = bySlot.map((s) => median(s));
  const profile = options.smooth ? smoothProfile(medians) : centre(medians);
  let total = 0;
  let left = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(residuals[i])) {
      total += residuals[i] ** 2;
      left += (residuals[i] - profile[slotOf(startMs + i * stepMs)]) ** 2;
      count++;
    }
  }
  const strength = count > 0 && total > 0 ? 1 - left / total : 0;
  if (!(strength >= MIN_PROFILE_STRENGTH)) {
    return undefined;
  }
  return { at: (ms) => profile[slotOf(ms)], strength };
}

function centre(values: readonly number[]): number[] {
  const mean = values.reduce((x, y) => x + y, 0) / values.length;
  return values.map((v) => v - mean);
}

/** Harmonics up to this share of the slots may carry the daily shape; those above it measure the noise. */
const SHAPE_HARMONICS_SHARE = 1 / 4;
/** Family-wise false-keep rate of the harmonic test. */
const HARMONIC_ALPHA = 0.05;

/**
 * The slot medians reduced to the daily harmonics that stand out from the noise (mean zero).
 *
 * Why: the first crossing of a forecast is read at the highest slot of the profile, and the highest of
 * 72 noisy slot medians sits above the true peak (the winner's curse): on the backtest's seasonal CPU
 * family at 3 % noise that alone put "likely" a whole day early in a third of the cases. A harmonic's
 * power under white noise is exponential with mean 4v/S (v the slot variance, S the slots), estimated
 * from the harmonics above S/4 (too fast for a daily shape); a low harmonic is kept when its power is
 * above that mean times ln(K/α), i.e. a Bonferroni test over the K candidates. A smooth daily ramp keeps
 * one to three harmonics; a business-hours plateau keeps more.
 */
export function smoothProfile(slotValues: readonly number[]): number[] {
  const slots = slotValues.length;
  const centred = centre(slotValues);
  const candidates = Math.floor(slots * SHAPE_HARMONICS_SHARE);
  const last = Math.floor((slots - 1) / 2);
  if (candidates < 1 || last - candidates < 3) {
    return centred;
  }
  const coefficients: Array<[number, number]> = [];
  for (let k = 1; k <= last; k++) {
    let a = 0;
    let b = 0;
    for (let s = 0; s < slots; s++) {
      const angle = (2 * Math.PI * k * s) / slots;
      a += centred[s] * Math.cos(angle);
      b += centred[s] * Math.sin(angle);
    }
    coefficients.push([(2 * a) / slots, (2 * b) / slots]);
  }
  const power = coefficients.map(([a, b]) => a * a + b * b);
  const noise = power.slice(candidates).reduce((x, y) => x + y, 0) / (last - candidates);
  const bar = noise * Math.log(candidates / HARMONIC_ALPHA);
  const out = new Array<number>(slots).fill(0);
  for (let k = 1; k <= candidates; k++) {
    if (!(power[k - 1] > bar)) {
      continue;
    }
    const [a, b] = coefficients[k - 1];
    for (let s = 0; s < slots; s++) {
      const angle = (2 * Math.PI * k * s) / slots;
      out[s] += a * Math.cos(angle) + b * Math.sin(angle);
    }
  }
  return out;
}

/** values − profile, for fitting the trend. */
export function deseasonalise(values: Float64Array, startMs: number, stepMs: number, profile: DailyProfile): Float64Array {
  return values.map((v, i) => v - profile.at(startMs + i * stepMs));
}

/** The band with the profile added back at each timestamp. */
export function reseasonalise(band: Band, profile: DailyProfile): Band {
  const add = (a: Float64Array) => a.map((v, i) => v + profile.at(band.timestamps[i]));
  return { timestamps: band.timestamps, mean: add(band.mean), lower: add(band.lower), upper: add(band.upper) };
}
