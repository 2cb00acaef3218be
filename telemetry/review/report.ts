// `review report`: the quarterly review of every satellite and procedure. Built from the counts of
// reportData.ts with the engine's Wilson interval (one implementation, shared with the Satellite
// Health page), then written as Markdown for people or JSON for scripts.
import {
  describeTaskSpeed,
  speedChangeAt,
  taskSpeedByType,
  tasksFromRuns,
  type SpeedChange,
  type TaskTypeSpeed,
} from '../../src/analytics/models/taskTimes';
import { DEFAULT_WILSON_CONFIDENCE, wilsonInterval } from '../../src/analytics/stats/wilson';
import { parseProcedureId, type FeedbackEvent } from '../schema';

import { previousQuarter, type Quarter } from './quarter';
import type { BeforeAfter, FeedbackFigures, Outcomes, RunWithTask, SideFigures } from './reportData';
import { OPEN_STATUSES } from './transition';

export interface Rate {
  estimate: number;
  lower: number;
  upper: number;
}

export interface Figures {
  runs: number;
  failures: number;
  aborts: number;
  /** null when there were no runs. */
  failureRate: Rate | null;
  abortRate: Rate | null;
  previousRuns: number;
  feedback: number;
  clarity: number | null;
  usefulness: number | null;
  previousClarity: number | null;
  previousUsefulness: number | null;
  /** This quarter minus the last, null when either has no feedback. */
  clarityChange: number | null;
  usefulnessChange: number | null;
  openItems: number;
  appliedItems: number;
}

export interface ProcedureFigures extends Figures {
  procedure: string;
  title?: string;
}

export interface SatelliteFigures extends Figures {
  satellite: string;
  procedures: ProcedureFigures[];
}

/** One applied change (a procedure and its new content hash) and the items it answered. */
export interface AppliedEffect {
  procedure: string;
  appliedContentSha: string;
  items: string[];
  reviewers: string[];
  notes: string[];
  before: SideFigures & { failureRate: Rate | null };
  after: SideFigures & { failureRate: Rate | null };
  /** From the failure rates' Wilson intervals: a change only when they do not overlap. */
  verdict: 'fails less' | 'fails more' | 'no clear change' | 'no runs after the change yet';
  /** Tasks that used the procedure, before and after its first run with the new text (this quarter). */
  taskSpeed: SpeedChange | null;
}

export interface TaskSpeedSection extends TaskTypeSpeed {
  summary: string;
}

export interface ReviewReport {
  quarter: string;
  previousQuarter: string;
  from: string;
  to: string;
  confidence: number;
  satellites: SatelliteFigures[];
  applied: AppliedEffect[];
  taskSpeed: TaskSpeedSection[];
}

export interface ReportInput {
  quarter: Quarter;
  invocations: [Map<string, Outcomes>, Map<string, Outcomes>];
  feedback: [Map<string, FeedbackFigures>, Map<string, FeedbackFigures>];
  titles: Map<string, string>;
  /** Applied items, each with the before/after figures of its change. */
  applied: Array<{ item: FeedbackEvent; effect: BeforeAfter }>;
  taskRuns: RunWithTask[];
}

/** Tasks that used a procedure, split at the first run of its new text; null if it never ran. */
function taskSpeedAfterChange(runs: RunWithTask[], procedure: string, sha: string): SpeedChange | null {
  const first = runs.find((r) => r.procedure === procedure && r.contentSha === sha);
  if (!first) {
    return null;
  }
  const touched = new Set(runs.filter((r) => r.procedure === procedure).map((r) => r.taskId));
  return speedChangeAt(tasksFromRuns(runs.filter((r) => touched.has(r.taskId))), first.startMs);
}

function rate(k: number, n: number): Rate | null {
  const w = wilsonInterval(k, n, DEFAULT_WILSON_CONFIDENCE);
  return typeof w === 'string' ? null : { estimate: w.estimate, lower: w.lower, upper: w.upper };
}

function change(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : now - before;
}

function count(statuses: Record<string, number> | undefined, which: readonly string[]): number {
  return which.reduce((s, k) => s + (statuses?.[k] ?? 0), 0);
}

/** Averages weighted by feedback count: the same number as an Elasticsearch avg over all of them. */
function weighted(parts: Array<{ n: number; v: number | null }>): number | null {
  const n = parts.reduce((s, p) => s + (p.v === null ? 0 : p.n), 0);
  return n === 0 ? null : parts.reduce((s, p) => s + (p.v === null ? 0 : p.n * p.v), 0) / n;
}

function figures(
  o: Outcomes,
  prevRuns: number,
  fb: FeedbackFigures | undefined,
  prevFb: FeedbackFigures | undefined
): Figures {
  const clarity = fb?.clarity ?? null;
  const usefulness = fb?.usefulness ?? null;
  const previousClarity = prevFb?.clarity ?? null;
  const previousUsefulness = prevFb?.usefulness ?? null;
  return {
    ...o,
    failureRate: rate(o.failures, o.runs),
    abortRate: rate(o.aborts, o.runs),
    previousRuns: prevRuns,
    feedback: fb?.count ?? 0,
    clarity,
    usefulness,
    previousClarity,
    previousUsefulness,
    clarityChange: change(clarity, previousClarity),
    usefulnessChange: change(usefulness, previousUsefulness),
    openItems: count(fb?.statuses, OPEN_STATUSES),
    appliedItems: count(fb?.statuses, ['applied']),
  };
}

const NONE: Outcomes = { runs: 0, failures: 0, aborts: 0 };

function verdict(before: Rate | null, after: Rate | null): AppliedEffect['verdict'] {
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

export function buildReport(input: ReportInput): ReviewReport {
  const [now, prev] = input.invocations;
  const [fbNow, fbPrev] = input.feedback;
  const ids = new Set([...input.titles.keys(), ...now.keys(), ...prev.keys(), ...fbNow.keys(), ...fbPrev.keys()]);
  const bySatellite = new Map<string, ProcedureFigures[]>();
  for (const id of [...ids].sort()) {
    const parsed = parseProcedureId(id);
    const satellite = typeof parsed === 'string' ? '(unknown)' : parsed.satelliteId;
    const title = input.titles.get(id);
    const row: ProcedureFigures = {
      procedure: id,
      ...(title ? { title } : {}),
      ...figures(now.get(id) ?? NONE, prev.get(id)?.runs ?? 0, fbNow.get(id), fbPrev.get(id)),
    };
    bySatellite.set(satellite, [...(bySatellite.get(satellite) ?? []), row]);
  }
  const satellites = [...bySatellite.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([satellite, procedures]): SatelliteFigures => {
      const sum = (f: (p: ProcedureFigures) => number) => procedures.reduce((s, p) => s + f(p), 0);
      const ids = procedures.map((p) => p.procedure);
      const fbOf = (m: Map<string, FeedbackFigures>, key: 'clarity' | 'usefulness') =>
        weighted(ids.map((id) => ({ n: m.get(id)?.count ?? 0, v: m.get(id)?.[key] ?? null })));
      const totals: Figures = {
        ...figures(
          { runs: sum((p) => p.runs), failures: sum((p) => p.failures), aborts: sum((p) => p.aborts) },
          sum((p) => p.previousRuns),
          undefined,
          undefined
        ),
        feedback: sum((p) => p.feedback),
        clarity: fbOf(fbNow, 'clarity'),
        usefulness: fbOf(fbNow, 'usefulness'),
        previousClarity: fbOf(fbPrev, 'clarity'),
        previousUsefulness: fbOf(fbPrev, 'usefulness'),
        clarityChange: null,
        usefulnessChange: null,
        openItems: sum((p) => p.openItems),
        appliedItems: sum((p) => p.appliedItems),
      };
      totals.clarityChange = change(totals.clarity, totals.previousClarity);
      totals.usefulnessChange = change(totals.usefulness, totals.previousUsefulness);
      return { satellite, ...totals, procedures };
    });
  const changes = new Map<string, AppliedEffect>();
  for (const { item, effect } of input.applied) {
    const sha = item.review.applied_content_sha ?? '';
    const key = JSON.stringify([item.procedure.id, sha]);
    const known = changes.get(key);
    if (known) {
      known.items.push(item.event.id);
      const { reviewer, note } = item.review;
      if (reviewer && !known.reviewers.includes(reviewer)) {
        known.reviewers.push(reviewer);
      }
      if (note && !known.notes.includes(note)) {
        known.notes.push(note);
      }
      continue;
    }
    const before = { ...effect.before, failureRate: rate(effect.before.failures, effect.before.runs) };
    const after = { ...effect.after, failureRate: rate(effect.after.failures, effect.after.runs) };
    changes.set(key, {
      procedure: item.procedure.id,
      appliedContentSha: sha,
      items: [item.event.id],
      reviewers: item.review.reviewer ? [item.review.reviewer] : [],
      notes: item.review.note ? [item.review.note] : [],
      before,
      after,
      verdict: verdict(before.failureRate, after.failureRate),
      taskSpeed: taskSpeedAfterChange(input.taskRuns, item.procedure.id, sha),
    });
  }
  const applied = [...changes.values()];
  return {
    quarter: input.quarter.label,
    previousQuarter: previousQuarter(input.quarter).label,
    from: new Date(input.quarter.from).toISOString(),
    to: new Date(input.quarter.to).toISOString(),
    confidence: DEFAULT_WILSON_CONFIDENCE,
    satellites,
    applied,
    taskSpeed: taskSpeedByType(tasksFromRuns(input.taskRuns)).map((t) => ({ ...t, summary: describeTaskSpeed(t) })),
  };
}
