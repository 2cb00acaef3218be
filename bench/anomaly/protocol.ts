// The causal protocol: step through the judged part `every` points at a time; at each step the
// detector sees only the trailing `trainPoints` before the step and judges the next points out of
// sample. Per-point verdicts become alerts by one streaming rule shared by every detector.
import { PER_HOUR } from './builder';
import type { Alert, LabelledSeries, Verdict } from './types';

export interface Protocol {
  /** History a refit may use, in points (the panel's range). */
  trainPoints: number;
  /** Refit every this many points and judge them. */
  every: number;
  /** Unflagged points an open alert may span before it closes (one incident, one alert). */
  mergeGap: number;
}

export const DEFAULT_PROTOCOL: Protocol = { trainPoints: 7 * 144, every: 2 * PER_HOUR, mergeGap: 3 };

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
  const judge = detector.start(series);
  const verdicts: Verdict[] = [];
  const n = series.values.length;
  for (let from = series.judgeFrom; from < n; from += protocol.every) {
    const to = Math.min(n, from + protocol.every);
    const batch = await judge.judge(Math.max(0, from - protocol.trainPoints), from, to);
    verdicts.push(...batch.filter((v) => v.index >= from && v.index < to));
  }
  return alertsFrom(verdicts, detector.minRun, protocol.mergeGap);
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
