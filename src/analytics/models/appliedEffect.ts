// Did an applied review change move the numbers? A procedure's runs are split by content hash
// (before = every run under another hash, after = runs under the new one); the failure rates get
// their Wilson interval and the change counts only when the two intervals do not overlap. Shared by
// the `review report` command and the Satellite Health page, so both say the same thing.
import { formatPercent, formatSignedPercent } from '../stats/format';
import { DEFAULT_WILSON_CONFIDENCE, wilsonInterval } from '../stats/wilson';

import { speedChangeAt, type SpeedChange, type Task } from './taskTimes';

export interface Rate {
  estimate: number;
  lower: number;
  upper: number;
}

/** One side of a content change: run outcomes, the median run duration and the feedback on it. */
export interface SideFigures {
  runs: number;
  failures: number;
  aborts: number;
  medianDurationMs: number | null;
  feedback: number;
  clarity: number | null;
}

export interface BeforeAfter {
  before: SideFigures;
  after: SideFigures;
}

export type EffectVerdict = 'fails less' | 'fails more' | 'no clear change' | 'no runs after the change yet';

/** One applied change (a procedure and its new content hash), the items it answered and its effect. */
export interface AppliedEffect {
  procedure: string;
  appliedContentSha: string;
  items: string[];
  reviewers: string[];
  notes: string[];
  before: SideFigures & { failureRate: Rate | null };
  after: SideFigures & { failureRate: Rate | null };
  /** From the failure rates' Wilson intervals: a change only when they do not overlap. */
  verdict: EffectVerdict;
  /** Tasks that used the procedure, before and after its first run with the new text. */
  taskSpeed: SpeedChange | null;
}

/** An applied review item as both readers see it. */
export interface AppliedItem {
  id: string;
  procedure: string;
  appliedContentSha: string;
  reviewer?: string;
  note?: string;
}

/** k of n as a rate with its Wilson interval (the page's and report's confidence), null without runs. */
export function wilsonRate(k: number, n: number, confidence = DEFAULT_WILSON_CONFIDENCE): Rate | null {
  const w = wilsonInterval(k, n, confidence);
  return typeof w === 'string' ? null : { estimate: w.estimate, lower: w.lower, upper: w.upper };
}

export function effectVerdict(before: Rate | null, after: Rate | null): EffectVerdict {
  if (after === null) {
    return 'no runs after the change yet';
  }
  if (before !== null && after.upper < before.lower) {
    return 'fails less';
  }
  if (before !== null && after.lower > before.upper) {
    return 'fails more';
  }
  return 'no clear change';
}

/** The key of one change: a procedure and its new content hash. */
export function changeKey(procedure: string, sha: string): string {
  return JSON.stringify([procedure, sha]);
}

/** Applied items grouped into changes (one per procedure and new hash), in first-seen order. */
export function groupAppliedItems(
  items: readonly AppliedItem[]
): Array<Pick<AppliedEffect, 'procedure' | 'appliedContentSha' | 'items' | 'reviewers' | 'notes'>> {
  const changes = new Map<string, ReturnType<typeof groupAppliedItems>[number]>();
  for (const item of items) {
    const key = changeKey(item.procedure, item.appliedContentSha);
    const c = changes.get(key) ?? {
      procedure: item.procedure,
      appliedContentSha: item.appliedContentSha,
      items: [],
      reviewers: [],
      notes: [],
    };
    c.items.push(item.id);
    if (item.reviewer && !c.reviewers.includes(item.reviewer)) {
      c.reviewers.push(item.reviewer);
    }
    if (item.note && !c.notes.includes(item.note)) {
      c.notes.push(item.note);
    }
    changes.set(key, c);
  }
  return [...changes.values()];
}

/** A grouped change with its before/after figures → its effect. */
export function appliedEffect(
  change: ReturnType<typeof groupAppliedItems>[number],
  figures: BeforeAfter,
  taskSpeed: SpeedChange | null
): AppliedEffect {
  const before = { ...figures.before, failureRate: wilsonRate(figures.before.failures, figures.before.runs) };
  const after = { ...figures.after, failureRate: wilsonRate(figures.after.failures, figures.after.runs) };
  return { ...change, before, after, verdict: effectVerdict(before.failureRate, after.failureRate), taskSpeed };
}

/**
 * Task time before and after a change: the tasks that used the procedure, split at the first run of
 * its new text; null when the new text never ran.
 */
export function taskSpeedAfterChange(
  tasks: readonly Task[],
  touched: ReadonlySet<string>,
  firstNewRunMs: number | null
): SpeedChange | null {
  if (firstNewRunMs === null || !Number.isFinite(firstNewRunMs)) {
    return null;
  }
  return speedChangeAt(
    tasks.filter((t) => touched.has(t.id)),
    firstNewRunMs
  );
}

/** Durations in the unit a reader thinks in: ms, s or min. */
export function formatDurationMs(v: number | null): string {
  if (v === null || !Number.isFinite(v)) {
    return '–';
  }
  if (v >= 120_000) {
    return `${(v / 60_000).toFixed(1)} min`;
  }
  return v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`;
}

/** "21.8 % [15.2 %–30.1 %]", or "–" without runs. */
export function formatRate(r: Rate | null): string {
  return r === null ? '–' : `${formatPercent(r.estimate)} [${formatPercent(r.lower)}–${formatPercent(r.upper)}]`;
}

/**
 * "fails less: failure rate 21.8 % [15.2 %–30.1 %] of 210 runs → 9.8 % [5.1 %–17.9 %] of 96 runs;
 * median run 8.6 min → 5.2 min; median task 12.0 min → 8.1 min (−32.5 %)".
 */
export function describeAppliedEffect(a: AppliedEffect): string {
  const parts = [
    `failure rate ${formatRate(a.before.failureRate)} of ${a.before.runs} runs → ${formatRate(a.after.failureRate)} of ${a.after.runs} runs`,
    `median run ${formatDurationMs(a.before.medianDurationMs)} → ${formatDurationMs(a.after.medianDurationMs)}`,
  ];
  if (a.taskSpeed?.relative != null) {
    parts.push(
      `median task ${formatDurationMs(a.taskSpeed.before.medianMs)} → ${formatDurationMs(a.taskSpeed.after.medianMs)} (${formatSignedPercent(a.taskSpeed.relative)})`
    );
  }
  return `${a.verdict}: ${parts.join('; ')}`;
}
