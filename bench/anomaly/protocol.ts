// The causal protocol: step through the judged part `every` points at a time; at each step the
// detector sees only the trailing `trainPoints` before the step and judges the next points out of
// sample. Per-point verdicts become alerts by one streaming rule shared by every detector.
import { PER_DAY, PER_HOUR } from './builder';
import type { Alert, LabelledSeries, Verdict } from './types';

export interface Protocol {
  /** History a refit may use, in points (the panel's range). */
  trainPoints: number;
  /** Refit every this many points and judge them. */
  every: number;
  /** Unflagged points an open alert may span before it closes (one incident, one alert). */
  mergeGap: number;
  /**
   * Detectors see the series at this many times its step (each value the mean of that many points,
   * as a query over a longer range returns it: a week at 10 min, a month at an hour). Counts above
   * are in the series' own points; alerts are mapped back to them, at the time they could fire.
   */
  coarsen?: number;
}

export const DEFAULT_PROTOCOL: Protocol = { trainPoints: 7 * PER_DAY, every: 2 * PER_HOUR, mergeGap: 3 };

export interface SeriesJudge {
  /** Verdicts for points [from, to), fitted on [trainFrom, from) only. */
  judge(trainFrom: number, from: number, to: number): Verdict[] | Promise<Verdict[]>;
}

export interface CausalDetector {
  name: string;
  /** Consecutive flagged points before an alert is raised (1 = at once). */
  minRun: number;
  /** A fresh judge per series: whatever it remembers between refits stays with that series. */
  start(series: LabelledSeries): SeriesJudge;
}

export async function runCausal(
  detector: CausalDetector,
  series: LabelledSeries,
  protocol = DEFAULT_PROTOCOL
): Promise<Alert[]> {
  const factor = Math.max(1, Math.round(protocol.coarsen ?? 1));
  const view = factor > 1 ? coarsened(series, factor) : series;
  const every = Math.max(1, Math.round(protocol.every / factor));
  const trainPoints = Math.round(protocol.trainPoints / factor);
  const judge = detector.start(view);
  const verdicts: Verdict[] = [];
  const n = view.values.length;
  for (let from = view.judgeFrom; from < n; from += every) {
    const to = Math.min(n, from + every);
    const batch = await judge.judge(Math.max(0, from - trainPoints), from, to);
    verdicts.push(...batch.filter((v) => v.index >= from && v.index < to));
  }
  const alerts = alertsFrom(verdicts, detector.minRun, Math.max(1, Math.round(protocol.mergeGap / factor)));
  // A coarse point is known when its last fine point is.
  return alerts.map((a) => ({
    firedAt: a.firedAt * factor + factor - 1,
    start: a.start * factor,
    end: a.end * factor + factor - 1,
  }));
}

/**
 * The series at `factor` times its step: each value the mean of the points it covers (missing when
 * all are), labels on the coarse points they touch; judging starts at the first whole coarse point.
 */
export function coarsened(series: LabelledSeries, factor: number): LabelledSeries {
  const n = Math.floor(series.values.length / factor);
  const values: Array<number | null> = [];
  for (let k = 0; k < n; k++) {
    let sum = 0;
    let count = 0;
    for (let i = k * factor; i < (k + 1) * factor; i++) {
      const v = series.values[i];
      if (v !== null) {
        sum += v;
        count++;
      }
    }
    values.push(count ? sum / count : null);
  }
  return {
    ...series,
    values,
    stepMs: series.stepMs * factor,
    judgeFrom: Math.ceil(series.judgeFrom / factor),
    labels: series.labels.map((l) => ({ ...l, start: Math.floor(l.start / factor), end: Math.floor(l.end / factor) })),
  };
}

/**
 * Streaming alert rule: an alert is raised when `minRun` consecutive points are flagged (or at once
 * on an `immediate` flag); it stays open across gaps of up to `mergeGap` unflagged points, so one
 * incident raises one alert.
 */
export function alertsFrom(verdicts: Verdict[], minRun: number, mergeGap: number): Alert[] {
  const sorted = [...verdicts].sort((a, b) => a.index - b.index);
  const alerts: Alert[] = [];
  let open: Alert | undefined;
  let runStart = -1;
  let runLength = 0;
  for (const v of sorted) {
    if (open && v.index - open.end > mergeGap + 1) {
      open = undefined;
    }
    if (!v.flagged) {
      runLength = 0;
      continue;
    }
    if (open) {
      open.end = v.index;
      continue;
    }
    // Missing points (no verdict) do not break a run; an unflagged verdict does.
    if (runLength > 0) {
      runLength++;
    } else {
      runStart = v.index;
      runLength = 1;
    }
    if (runLength >= minRun || v.immediate) {
      open = { firedAt: v.index, start: runStart, end: v.index };
      alerts.push(open);
      runLength = 0;
    }
  }
  return alerts;
}
