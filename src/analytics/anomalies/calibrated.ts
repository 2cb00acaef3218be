// Calibrated anomaly intervals for one prepared series, in two views:
// - "in the range": every past point judged by a model fitted on the whole range (the pattern as
//   the range shows it), its error ranked against the range's own errors;
// - "live": the newest points judged causally, by a model fitted only on the points before them.
// Both go through the same streaming rules (streaming.ts), so both mean the same false-alarm rate.
import { formatPercent } from '../stats/format';
import type { AnomalyInterval, AnomalyRules, PreparedSeries } from '../types';

import { type AnomalyModel, type Judgement, fitAnomalyModel, judgePoint } from './model';
import {
  ALLOWANCE,
  type PointVerdict,
  SLOW_ALLOWANCE,
  type StreamState,
  advance,
  newState,
  slowThresholdFor,
  thresholdFor,
} from './streaming';

/** Unflagged points an open interval may span (one incident, one interval). */
const MERGE_GAP = 3;
/** The newest points judged live: at least this many, or this share of the range. */
const LIVE_MIN_POINTS = 12;
const LIVE_SHARE = 0.02;

export type AnomalyView = 'live' | 'range';

/** The rules' minimum departure: a point closer than that to its expectation is not surprising. */
export function withMinDeviation(j: Judgement, value: number, minDeviation: number): Judgement {
  if (minDeviation > 0 && Math.abs(value - j.expected) < minDeviation * Math.abs(j.expected)) {
    return { ...j, pAbove: 1, pBelow: 1 };
  }
  return j;
}

function observed(series: PreparedSeries): Float64Array {
  // An imputed point is invented: it is neither judged nor used as evidence.
  return Float64Array.from(series.values, (v, i) => (series.imputed[i] ? NaN : v));
}

interface Judged extends PointVerdict {
  view: AnomalyView;
  /** The cycle's routine departed here (model.ts Judgement.routine): a job that did not run. */
  routine?: true;
}

/**
 * Judges x[from, to) with predictions read from `history` (x with past incidents blanked); the
 * judged point itself is always its observed value.
 */
function pass(
  model: AnomalyModel,
  x: Float64Array,
  history: Float64Array,
  from: number,
  to: number,
  rules: AnomalyRules,
  state: StreamState,
  view: AnomalyView,
  stepMs: number
): Judged[] {
  const threshold = thresholdFor(rules.sensitivity, stepMs);
  const slow = slowThresholdFor(rules.sensitivity);
  const minDeviation = rules.minDeviation && rules.minDeviation > 0 ? rules.minDeviation : 0;
  const out: Judged[] = [];
  for (let i = from; i < to; i++) {
    const saved = history[i];
    history[i] = x[i];
    const j = judgePoint(model, history, i);
    history[i] = saved;
    if (!j) {
      continue;
    }
    const v = advance(state, withMinDeviation(j, x[i], minDeviation), rules.direction, threshold, slow);
    out.push({ index: i, view, expected: j.expected, ...v, ...(j.routine ? { routine: true as const } : {}) });
  }
  return out;
}

function judgeBoth(
  x: Float64Array,
  history: Float64Array,
  cut: number,
  series: PreparedSeries,
  rules: AnomalyRules
): Judged[] | undefined {
  const n = x.length;
  const whole = fitAnomalyModel(history, 0, n, series.stepMs, series.startMs);
  const before = cut > 0 ? fitAnomalyModel(history, 0, cut, series.stepMs, series.startMs) : undefined;
  if (!whole) {
    return undefined;
  }
  const state = newState();
  const judged = pass(whole, x, history, 0, before ? cut : n, rules, state, 'range', series.stepMs);
  if (before) {
    judged.push(...pass(before, x, history, cut, n, rules, state, 'live', series.stepMs));
  }
  return judged;
}

/**
 * Both views' intervals; [] when the series is too short to learn what is normal. Two passes: the
 * points the first flags are left out of the second's fit and of its predictions, so an incident
 * neither hides in the reference it is ranked against (a contaminated tail) nor teaches the recent
 * level to expect it (flagged at its onset only): the second pass marks the whole incident.
 */
export function calibratedAnomalies(series: PreparedSeries, rules: AnomalyRules): AnomalyInterval[] {
  const x = observed(series);
  const n = x.length;
  const live = Math.max(LIVE_MIN_POINTS, Math.round(LIVE_SHARE * n));
  const cut = n - live;
  const first = judgeBoth(x, Float64Array.from(x), cut, series, rules);
  if (!first) {
    return [];
  }
  const cleaned = Float64Array.from(x);
  for (const v of first) {
    // A job that did not run is the new normal once reported: "as one cycle ago" must see it.
    if (v.flagged && !v.routine) {
      cleaned[v.index] = NaN;
    }
  }
  const second = first.some((v) => v.flagged) ? judgeBoth(x, cleaned, cut, series, rules) : undefined;
  // Left out of the second pass's level, a drift's points stand out on their own; they are still a drift.
  const drifts = new Set(first.flatMap((v) => (v.drift ? [v.index] : [])));
  const routines = new Set(first.flatMap((v) => (v.routine ? [v.index] : [])));
  const final = second?.map((v) =>
    v.flagged && (drifts.has(v.index) || routines.has(v.index))
      ? {
          ...v,
          ...(drifts.has(v.index) ? { drift: true as const } : {}),
          ...(routines.has(v.index) ? { routine: true as const } : {}),
        }
      : v
  );
  return toIntervals(series, x, final ?? first);
}

function toIntervals(series: PreparedSeries, x: Float64Array, judged: Judged[]): AnomalyInterval[] {
  const groups: Judged[][] = [];
  for (const v of judged) {
    if (!v.flagged) {
      continue;
    }
    const current = groups[groups.length - 1];
    const last = current?.[current.length - 1];
    if (last && v.index - last.index <= MERGE_GAP + 1 && v.direction === last.direction && v.view === last.view) {
      current.push(v);
    } else {
      groups.push([v]);
    }
  }
  return groups.map(endAtLastDeparture).map((group) => {
    const first = group[0];
    const peak = group.reduce((a, b) => (b.surprise > a.surprise ? b : a));
    const direction = first.direction ?? 'above';
    const interval: AnomalyInterval = {
      startMs: series.startMs + first.index * series.stepMs,
      endMs: series.startMs + group[group.length - 1].index * series.stepMs,
      direction,
      score: peak.surprise,
      reason: describe(group, x, peak, direction),
      points: group.map((v) => v.index),
      view: first.view,
      severity: peak.surprise,
    };
    return interval;
  });
}

/**
 * The CUSUM carries an alert one point past an incident when that point is mildly unusual (rarer than
 * about 1 in 3); the interval ends at its last point that departs on its own (rarer than 1 in 10, the
 * allowance), so a 10-point incident reads as 10 points, not 11. A drift's points only lean (rarer
 * than 1 in 4): it ends at its last leaning point.
 */
function endAtLastDeparture(group: Judged[]): Judged[] {
  const departs = group.some((v) => v.drift) ? SLOW_ALLOWANCE : ALLOWANCE;
  let end = group.length;
  while (end > 1 && group[end - 1].surprise < departs) {
    end--;
  }
  return end === group.length ? group : group.slice(0, end);
}

/** Added to the reason of an interval the slow sums raised. */
export const SLOW_DRIFT_REASON =
  'A slow drift: each point is close to what the recent level predicts, but they all lean the same way.';

/** Added to the reason of an interval where the series' repeating job departed from its cycle. */
export const ROUTINE_REASON = {
  below: 'The job that repeats at this time of its cycle did not run (or ran small); judged once, then learned.',
  above: "A departure from the repeating job's recent cycle: it ran where it had stopped, or off its time.",
} as const;

/** "1 in 2,500" for a surprise of 3.4 decimal digits. */
export function rarity(surprise: number): string {
  const odds = Math.pow(10, Math.min(surprise, 12));
  return odds >= 1e6 ? 'under 1 in a million' : `1 in ${Math.round(odds).toLocaleString('en-US')}`;
}

function describe(group: Judged[], x: Float64Array, peak: Judged, direction: 'above' | 'below'): string {
  const view =
    group[0].view === 'live'
      ? 'Live (judged on the points before it)'
      : 'In the range (judged against the whole range)';
  const count = `${group.length} point${group.length === 1 ? '' : 's'}`;
  const value = x[peak.index];
  const off =
    peak.expected !== 0 ? ` (${formatPercent(Math.abs(value - peak.expected) / Math.abs(peak.expected))} off)` : '';
  const drift = group.some((v) => v.drift) ? ` ${SLOW_DRIFT_REASON}` : '';
  const routine = group.some((v) => v.routine) ? ` ${ROUTINE_REASON[direction]}` : '';
  return `${view}: ${count} ${direction} expected; peak ${formatNumber(value)} vs ${formatNumber(peak.expected)} expected${off}, as rare as ${rarity(peak.surprise)} points of this series.${drift}${routine}`;
}

function formatNumber(x: number): string {
  const abs = Math.abs(x);
  return abs >= 1000 ? x.toFixed(0) : abs >= 1 ? x.toPrecision(3) : x.toPrecision(2);
}
