// Cuts a prepared series to its current regime for a capacity fit (see regimes.ts for the detector).
import { formatDuration } from '../models/describe';
import { MIN_CYCLES } from '../models/seasonal';
import { cannotModel } from '../prepare/prepare';
import type { CannotModel, PreparedSeries, RegimeReport } from '../types';

import { type DailyProfile, dailyProfile, deseasonalise } from './regimeProfile';
import { detectRegimes, MIN_REGIME_MS, MIN_REGIME_POINTS, regimeLongEnough } from './regimes';
import { slopeSpread } from './slopeSpread';

export interface CurrentRegime {
  ok: true;
  prepared: PreparedSeries;
  regime: RegimeReport;
  /**
   * The daily pattern from the whole window, when the pattern is strong and either the window has no
   * change or the current regime is too short for a seasonal model of its own: the trend is fitted
   * with it removed.
   */
  profile?: DailyProfile;
  /** Between-window slope variance per step² at the current regime's length (see slopeSpread.ts). */
  slopeVariance: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z');
}

/** The points since the last change, or 'regime-too-short' naming the change and how long to wait. */
export function currentRegime(prepared: PreparedSeries): CurrentRegime | CannotModel {
  const { changes, start } = detectRegimes(prepared.values, prepared.startMs, prepared.stepMs);
  const last = changes[changes.length - 1];
  const regime: RegimeReport = {
    sinceMs: prepared.startMs + start * prepared.stepMs,
    ...(last ? { change: { atMs: last.atMs, before: last.before, after: last.after, direction: last.direction } } : {}),
    earlierChanges: Math.max(0, changes.length - 1),
  };
  if (!last) {
    // A daily cycle on a trend (CPU): the trend by OLS on the deseasonalised window, the cycle added
    // back, so "likely" is when the daily peak crosses. MSTL's ETS level follows the last few noisy
    // points and put the crossing a whole day off in a third of the backtest's noisy CPU cases.
    // Smoothed (see smoothProfile): the forecast crosses at the profile's highest slot.
    const whole = dailyProfile(prepared.values, prepared.startMs, prepared.stepMs, [0], { smooth: true });
    return { ok: true, prepared, regime, slopeVariance: 0, ...(whole ? { profile: whole } : {}) };
  }
  const points = prepared.values.length - start;
  if (!regimeLongEnough(points, prepared.stepMs)) {
    const needed = Math.max(MIN_REGIME_POINTS, Math.ceil(MIN_REGIME_MS / prepared.stepMs));
    const wait = formatDuration((needed - points) * prepared.stepMs);
    const outcome = cannotModel(
      'regime-too-short',
      `The series ${last.direction === 'drop' ? 'dropped' : 'jumped'} from ${last.before.toPrecision(3)} to ${last.after.toPrecision(3)} at ${iso(last.atMs)} ` +
        `(a reset or level shift): ${points} point${points === 1 ? '' : 's'} since, ${needed} needed to fit a trend. ` +
        `The regime before it is not extrapolated; try again in ${wait}.`,
      needed
    );
    return { ...outcome, regime };
  }
  const daySteps = Math.round(86_400_000 / prepared.stepMs);
  // Slot medians as they are here: smoothed, a short regime's deseasonalised points kept a daily
  // remainder in which 'auto' found 80-minute "periods" (the demo's memory coverage fell 87.5 → 75 %).
  const profile =
    points < MIN_CYCLES * daySteps + 1
      ? dailyProfile(prepared.values, prepared.startMs, prepared.stepMs, [0, ...changes.map((c) => c.index)])
      : undefined;
  const starts = [0, ...changes.map((c) => c.index)];
  const spreadOn = profile ? deseasonalise(prepared.values, prepared.startMs, prepared.stepMs, profile) : prepared.values;
  const { tau2 } = slopeSpread(spreadOn, starts, points);
  const values = prepared.values.slice(start);
  const imputed = prepared.imputed.slice(start);
  const note = `Fitted on the ${points} points since the ${last.direction} at ${iso(last.atMs)}; ${start} earlier points (${changes.length} change${changes.length === 1 ? '' : 's'}) left out.`;
  return {
    ok: true,
    prepared: {
      startMs: regime.sinceMs,
      stepMs: prepared.stepMs,
      values,
      imputed,
      report: { ...prepared.report, outputPoints: points, notes: [...(prepared.report.notes ?? []), note] },
    },
    regime,
    slopeVariance: tau2,
    ...(profile ? { profile } : {}),
  };
}
