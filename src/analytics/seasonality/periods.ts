// Seasonal-period detection: augurs' periodogram proposes, autocorrelation decides. The periodogram's
// frequency grid is coarse at long periods (measured: 256 reported for a true 288, 254 for 24), so each
// proposal is snapped to the autocorrelation peak near it, and to 1 h / 1 d / 1 w at the data's step
// when one of those is as well supported — human schedules produce exactly those periods.
import { fitOls } from '../models/linear';
import { loadSeasons } from '../runtime/wasm';
import { autocorrelation } from '../stats/autocorrelation';

const HOUR = 3_600_000;
/** Periods people and cron jobs produce, in ms. */
export const COMMON_PERIODS_MS = [HOUR, 24 * HOUR, 7 * 24 * HOUR];

export interface DetectedPeriods {
  /** Periods in steps, shortest first. */
  periods: number[];
  /** Autocorrelation at each period. */
  strength: number[];
}

/** Correlation a period needs to count as seasonality. */
const MIN_STRENGTH = 0.3;

export async function detectPeriods(values: Float64Array, stepMs: number): Promise<DetectedPeriods> {
  let proposals: number[] = [];
  if (values.length < 16) {
    // augurs panics (and logs the panic) on very short input; nothing periodic fits there anyway.
    return { periods: [], strength: [] };
  }
  try {
    const seasons = await loadSeasons();
    proposals = Array.from(seasons.seasonalities(values));
  } catch {
    // The ACF scan below still finds periods; the periodogram only adds proposals.
  }
  return refinePeriods(values, stepMs, proposals);
}

/** Pure part of detection (no WASM): exported for tests. */
export function refinePeriods(values: Float64Array, stepMs: number, proposals: number[]): DetectedPeriods {
  const n = values.length;
  const maxLag = Math.floor(n / 2);
  if (maxLag < 4) {
    return { periods: [], strength: [] };
  }
  const acf = autocorrelation(detrend(values), maxLag);
  const common = COMMON_PERIODS_MS.map((ms) => ms / stepMs).filter((p) => Number.isInteger(p) && p >= 2 && p <= maxLag);

  const candidates = new Set<number>();
  for (const p of [...proposals, ...common, ...topPeaks(acf, 3)]) {
    if (p >= 2 && p <= maxLag) {
      candidates.add(snap(acf, Math.round(p), common));
    }
  }
  const scored = Array.from(candidates)
    .map((p) => ({ p, r: acf[p] }))
    .filter((c) => c.r >= MIN_STRENGTH && isPeak(acf, c.p))
    .sort((a, b) => b.r - a.r);
  if (scored.length === 0) {
    return { periods: [], strength: [] };
  }
  // Multiples of a period correlate as well as the period itself; take the shortest of the near-best.
  // "Near" allows for the ACF's sampling noise, ~1/√n, which is large for short series.
  const best = scored[0].r;
  const near = 0.05 + 2 / Math.sqrt(n);
  const fundamental = scored.filter((c) => c.r >= best - near).sort((a, b) => a.p - b.p)[0];
  const periods = [fundamental.p];
  const strength = [fundamental.r];
  // A week of office hours: the weekly lag wins, but the daily lag is a clear peak of its own and
  // MSTL models both better than the week alone.
  const shorter = scored
    .filter((c) => c.p < fundamental.p && fundamental.p % c.p === 0 && c.r >= 0.5)
    .sort((a, b) => b.r - a.r)[0];
  if (shorter) {
    periods.unshift(shorter.p);
    strength.unshift(shorter.r);
    return { periods, strength };
  }
  // A longer common period (a week over a day) is a second seasonality only if it explains clearly more.
  for (const p of common) {
    if (p > fundamental.p && p % fundamental.p === 0 && p * 2 <= n && acf[p] >= fundamental.r + 0.05) {
      periods.push(p);
      strength.push(acf[p]);
      break;
    }
  }
  return { periods, strength };
}

/**
 * A period is a peak with a trough before it: lag 12 of a daily pattern at 5-minute steps correlates
 * at 0.97 of the daily peak but only because the ACF has not yet fallen, so it is no period.
 */
function isPeak(acf: Float64Array, lag: number): boolean {
  const radius = Math.max(1, Math.round(lag * 0.1));
  let trough = Infinity;
  for (let l = 1; l < lag; l++) {
    trough = Math.min(trough, acf[l]);
  }
  if (trough > acf[lag] / 2) {
    return false;
  }
  for (let l = Math.max(1, lag - radius); l <= Math.min(acf.length - 1, lag + radius); l++) {
    if (acf[l] > acf[lag] + 0.01 + 2 / Math.sqrt(acf.length * 2)) {
      return false;
    }
  }
  return true;
}

function detrend(values: Float64Array): Float64Array {
  const x = new Float64Array(values.length);
  for (let i = 0; i < x.length; i++) {
    x[i] = i;
  }
  const fit = fitOls(x, values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < out.length; i++) {
    out[i] = values[i] - (fit.intercept + fit.slope * i);
  }
  return out;
}

/** Lags of the highest local maxima of the ACF after its first descent below zero. */
function topPeaks(acf: Float64Array, count: number): number[] {
  let start = 1;
  while (start < acf.length && acf[start] > 0) {
    start++;
  }
  const peaks: number[] = [];
  for (let lag = Math.max(2, start); lag < acf.length - 1; lag++) {
    if (acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1]) {
      peaks.push(lag);
    }
  }
  return peaks.sort((a, b) => acf[b] - acf[a]).slice(0, count);
}

/** The ACF maximum within ±10 % of `candidate`, replaced by a common period in that window when it is as strong. */
function snap(acf: Float64Array, candidate: number, common: number[]): number {
  const radius = Math.max(2, Math.round(candidate * 0.1));
  let bestLag = candidate;
  for (let lag = Math.max(2, candidate - radius); lag <= Math.min(acf.length - 1, candidate + radius); lag++) {
    if (acf[lag] > acf[bestLag]) {
      bestLag = lag;
    }
  }
  // Neighbouring lags differ by less than the ACF's sampling noise (~1/√n) at long periods.
  const tolerance = 0.01 + 2 / Math.sqrt(acf.length * 2);
  for (const p of common) {
    if (Math.abs(p - bestLag) <= radius && acf[p] >= acf[bestLag] - tolerance) {
      return p;
    }
  }
  return bestLag;
}
