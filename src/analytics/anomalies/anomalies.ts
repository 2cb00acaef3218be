// Anomaly detection: points outside a model's in-sample band (with user rules), a rolling
// median ± k·MAD detector for series too short or irregular to model, and interval building.
import { bandAt } from '../models/band';
import { formatPercent } from '../stats/format';
import { median, scaledMad } from '../stats/robust';
import type { AnomalyInterval, AnomalyRules, Band, PreparedSeries } from '../types';

interface Flag {
  index: number;
  direction: 'above' | 'below';
  /** Distance outside the centre in band half-widths (>1 means outside the band). */
  score: number;
}

const MAX_SCORE = 1e6;

function ratio(distance: number, halfWidth: number): number {
  if (halfWidth > 0) {
    return Math.min(MAX_SCORE, distance / halfWidth);
  }
  return distance > 0 ? MAX_SCORE : 0;
}

function sensitivityOf(rules: AnomalyRules): number {
  const s = rules.sensitivity ?? 1;
  return Number.isFinite(s) && s > 0 ? s : 1;
}

function minDeviationOf(rules: AnomalyRules): number {
  const m = rules.minDeviation ?? 0;
  return Number.isFinite(m) && m > 0 ? m : 0;
}

/** "the 95 % band", "2× the 95 % band", "2× the 95 % band and at least 5 % off": what a flag is outside of. */
function limitName(base: string, sensitivity: number, minDeviation: number): string {
  const widened = sensitivity === 1 ? base : `${Number((1 / sensitivity).toPrecision(2))}× ${base}`;
  return minDeviation > 0 ? `${widened} and at least ${formatPercent(minDeviation)} off` : widened;
}

/** Points of `series` outside `band` (the model's in-sample band), grouped into intervals by the rules. */
export function detectAnomalies(
  series: PreparedSeries,
  band: Band,
  rules: AnomalyRules,
  confidence = 0.95
): AnomalyInterval[] {
  if (band.timestamps.length === 0) {
    return [];
  }
  const sensitivity = sensitivityOf(rules);
  const minDeviation = minDeviationOf(rules);
  const flags: Flag[] = [];
  for (let i = 0; i < series.values.length; i++) {
    if (series.imputed[i]) {
      continue; // an invented point cannot be an anomaly
    }
    const b = bandAt(band, series.startMs + i * series.stepMs);
    const v = series.values[i];
    // Higher sensitivity narrows the band: sensitivity 2 flags points beyond half the band width.
    // The floor keeps a hair-thin band (a smooth series) from flagging departures nobody would notice.
    const floor = minDeviation * Math.abs(b.mean);
    const above = v - b.mean;
    const below = b.mean - v;
    if (above > floor && ratio(above, (b.upper - b.mean) / sensitivity) > 1) {
      flags.push({ index: i, direction: 'above', score: ratio(above, b.upper - b.mean) });
    } else if (below > floor && ratio(below, (b.mean - b.lower) / sensitivity) > 1) {
      flags.push({ index: i, direction: 'below', score: ratio(below, b.mean - b.lower) });
    }
  }
  return toIntervals(
    series,
    flags,
    rules,
    limitName(`the ${formatPercent(confidence)} band`, sensitivity, minDeviation)
  );
}

/** Rolling median ± k·MAD, k = 3 / sensitivity, over a centred window of `window` points. */
export function detectMadAnomalies(series: PreparedSeries, rules: AnomalyRules, window = 15): AnomalyInterval[] {
  const n = series.values.length;
  const half = Math.max(2, Math.floor(window / 2));
  const k = 3 / sensitivityOf(rules);
  const minDeviation = minDeviationOf(rules);
  const flags: Flag[] = [];
  const globalSpread = madScale(series.values, median(series.values));
  for (let i = 0; i < n; i++) {
    if (series.imputed[i]) {
      continue;
    }
    const from = Math.max(0, Math.min(i - half, n - 2 * half - 1));
    const slice = series.values.subarray(from, Math.min(n, from + 2 * half + 1));
    const centre = median(slice);
    // A flat window has MAD 0; fall back to the whole series' spread so one blip is not infinite.
    const spread = madScale(slice, centre) || globalSpread;
    const halfWidth = k * spread;
    const v = series.values[i];
    const score = ratio(Math.abs(v - centre), halfWidth);
    if (score > 1 && Math.abs(v - centre) > minDeviation * Math.abs(centre)) {
      flags.push({ index: i, direction: v > centre ? 'above' : 'below', score: (score * k) / 3 });
    }
  }
  const limit = `the rolling median ± ${k.toPrecision(2)}·MAD`;
  return toIntervals(
    series,
    flags,
    rules,
    minDeviation > 0 ? `${limit} and at least ${formatPercent(minDeviation)} off` : limit
  );
}

const madScale = scaledMad;

/**
 * Group flags into intervals: consecutive flags in one direction form a run; with `minFraction`, runs
 * separated by unflagged points merge while flagged points stay at least that fraction of the span.
 */
function toIntervals(series: PreparedSeries, flags: Flag[], rules: AnomalyRules, bandName: string): AnomalyInterval[] {
  const wanted = (d: 'above' | 'below') => rules.direction === 'both' || rules.direction === d;
  const minDuration = Math.max(1, Math.floor(rules.minDurationPoints ?? 1));
  const minFraction =
    rules.minFraction !== undefined && rules.minFraction > 0 && rules.minFraction <= 1 ? rules.minFraction : undefined;
  const groups: Flag[][] = [];
  for (const flag of flags) {
    if (!wanted(flag.direction)) {
      continue;
    }
    const current = groups[groups.length - 1];
    const last = current?.[current.length - 1];
    const adjacent = last && last.direction === flag.direction && flag.index === last.index + 1;
    const mergeable =
      last &&
      minFraction !== undefined &&
      last.direction === flag.direction &&
      (current.length + 1) / (flag.index - current[0].index + 1) >= minFraction;
    if (current && (adjacent || mergeable)) {
      current.push(flag);
    } else {
      groups.push([flag]);
    }
  }
  const intervals: AnomalyInterval[] = [];
  for (const group of groups) {
    const first = group[0].index;
    const last = group[group.length - 1].index;
    const span = last - first + 1;
    if (span < minDuration) {
      continue;
    }
    const peak = Math.max(...group.map((f) => f.score));
    const direction = group[0].direction;
    const count = group.length;
    const spanText = count < span ? ` within ${span} points` : '';
    intervals.push({
      startMs: series.startMs + first * series.stepMs,
      endMs: series.startMs + last * series.stepMs,
      direction,
      score: peak,
      reason: `${count} point${count === 1 ? '' : 's'}${spanText} ${direction} ${bandName}, peak ${peak.toFixed(1)}x the band half-width`,
      points: group.map((f) => f.index),
    });
  }
  return intervals;
}
