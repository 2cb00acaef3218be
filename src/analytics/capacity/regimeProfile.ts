// The daily pattern of a series whose current regime is too short for a seasonal model (a container
// restarted yesterday): estimated from every regime in the window, each detrended by its own line, so
// the short regime's trend is fitted on deseasonalised points and the daily peaks are added back to
// the forecast. Without it, a one-day regime's slope is mostly the daily wobble.
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
export function dailyProfile(values: ArrayLike<number>, startMs: number, stepMs: number, starts: readonly number[]): DailyProfile | undefined {
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
  const raw = bySlot.map((s) => median(s));
  const mean = raw.reduce((x, y) => x + y, 0) / slots;
  const profile = raw.map((v) => v - mean);
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

/** values − profile, for fitting the trend. */
export function deseasonalise(values: Float64Array, startMs: number, stepMs: number, profile: DailyProfile): Float64Array {
  return values.map((v, i) => v - profile.at(startMs + i * stepMs));
}

/** The band with the profile added back at each timestamp. */
export function reseasonalise(band: Band, profile: DailyProfile): Band {
  const add = (a: Float64Array) => a.map((v, i) => v + profile.at(band.timestamps[i]));
  return { timestamps: band.timestamps, mean: add(band.mean), lower: add(band.lower), upper: add(band.upper) };
}
