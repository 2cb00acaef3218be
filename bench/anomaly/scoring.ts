// Event-based scoring. A labelled window is detected once, by the first alert raised inside it
// (or within a short tolerance after it), with credit falling from 1 to 0.5 as the alert comes
// later. Alerts raised outside every window, after the judged part starts, are false alarms; they
// are counted as alerts (intervals), not points, and reported per series per week of time free of
// labels. After a regime change the detector gets REGIME_GRACE points to learn the new normal.
import { PER_DAY, PER_HOUR } from './builder';
import { REGIME_GRACE } from './events';
import type { Alert, Label, LabelledSeries } from './types';

/** An alert up to this many points after a window still detects it (the event's tail). */
export const TOLERANCE = PER_HOUR;

export interface SeriesScore {
  id: string;
  family: string;
  windows: number;
  regimeWindows: number;
  /** Sum of credits (0 missed, 0.5–1 detected) over anomaly and regime windows. */
  credit: number;
  detected: number;
  regimeDetected: number;
  falseAlerts: number;
  /** Alerts that detected a window (the first in each). */
  trueAlerts: number;
  /** Weeks of judged time outside every window and grace period. */
  cleanWeeks: number;
}

function scoredWindow(label: Label): { from: number; to: number } {
  const to = label.end + TOLERANCE;
  return { from: label.start, to: label.kind === 'regime' ? Math.max(to, label.start + REGIME_GRACE) : to };
}

export function scoreSeries(series: LabelledSeries, alerts: Alert[]): SeriesScore {
  const judged = series.labels.filter((l) => l.end >= series.judgeFrom);
  const scored = judged.filter((l) => l.kind !== 'ignore');
  const n = series.values.length;
  // Points excused from false-alarm counting: every labelled window (with its tolerance/grace).
  const excused = new Uint8Array(n);
  for (const label of judged) {
    const w = scoredWindow(label);
    excused.fill(1, Math.max(series.judgeFrom, w.from), Math.min(n, w.to + 1));
  }
  let clean = 0;
  for (let i = series.judgeFrom; i < n; i++) {
    clean += excused[i] ? 0 : 1;
  }
  const score: SeriesScore = {
    id: series.id,
    family: series.family,
    windows: 0,
    regimeWindows: 0,
    credit: 0,
    detected: 0,
    regimeDetected: 0,
    falseAlerts: 0,
    trueAlerts: 0,
    cleanWeeks: clean / (7 * PER_DAY),
  };
  const judgedAlerts = alerts.filter((a) => a.firedAt >= series.judgeFrom).sort((a, b) => a.firedAt - b.firedAt);
  for (const label of scored) {
    const w = scoredWindow(label);
    const first = judgedAlerts.find((a) => a.firedAt >= w.from && a.firedAt <= w.to);
    score.windows += label.kind === 'anomaly' ? 1 : 0;
    score.regimeWindows += label.kind === 'regime' ? 1 : 0;
    if (first) {
      const delay = first.firedAt - label.start;
      score.credit += delayCredit(delay, w.to - w.from + 1);
      score.detected += label.kind === 'anomaly' ? 1 : 0;
      score.regimeDetected += label.kind === 'regime' ? 1 : 0;
      score.trueAlerts++;
    }
  }
  for (const alert of judgedAlerts) {
    if (!excused[alert.firedAt]) {
      score.falseAlerts++;
    }
  }
  return score;
}

/** 1 for an alert on the first point, falling linearly to 0.5 at the end of the window. */
export function delayCredit(delay: number, windowLength: number): number {
  if (delay < 0 || delay >= windowLength) {
    return 0;
  }
  return 1 - (0.5 * delay) / Math.max(1, windowLength - 1);
}

export interface Summary {
  series: number;
  windows: number;
  /** Detected anomaly windows / anomaly windows. */
  recall: number;
  /** Detected regime changes / regime changes (NaN when there were none). */
  regimeRecall: number;
  /** Mean delay-weighted credit over all windows. */
  weightedRecall: number;
  falseAlertsPerWeek: number;
  /** True alerts / (true + false alerts). */
  precision: number;
  /** 100 × F1 of weighted recall and precision; 0 when nothing was detected. */
  score: number;
}

export function summarise(scores: SeriesScore[]): Summary {
  const sum = (f: (s: SeriesScore) => number) => scores.reduce((acc, s) => acc + f(s), 0);
  const windows = sum((s) => s.windows);
  const regime = sum((s) => s.regimeWindows);
  const all = windows + regime;
  const weightedRecall = all > 0 ? sum((s) => s.credit) / all : NaN;
  const trueAlerts = sum((s) => s.trueAlerts);
  const falseAlerts = sum((s) => s.falseAlerts);
  const precision = trueAlerts + falseAlerts > 0 ? trueAlerts / (trueAlerts + falseAlerts) : all > 0 ? 0 : 1;
  const weeks = sum((s) => s.cleanWeeks);
  const f1 = (a: number, b: number) => (a + b > 0 ? (2 * a * b) / (a + b) : 0);
  return {
    series: scores.length,
    windows: all,
    recall: windows > 0 ? sum((s) => s.detected) / windows : NaN,
    regimeRecall: regime > 0 ? sum((s) => s.regimeDetected) / regime : NaN,
    weightedRecall,
    falseAlertsPerWeek: weeks > 0 ? falseAlerts / weeks : 0,
    precision,
    // A family with no windows (all quiet) is scored on false alarms alone: 100 at none, halving per alert/week.
    score: all > 0 ? 100 * f1(weightedRecall, precision) : 100 / (1 + (weeks > 0 ? falseAlerts / weeks : 0)),
  };
}
