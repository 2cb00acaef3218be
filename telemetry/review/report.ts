// `review report`: the quarterly review of every satellite and procedure. Built from the counts of
// reportData.ts with the engine's Wilson interval (one implementation, shared with the Satellite
// Health page), then written as Markdown for people or JSON for scripts.
import {
  appliedEffect,
  changeKey,
  groupAppliedItems,
  taskSpeedAfterChange,
  wilsonRate as rate,
  type AppliedEffect,
  type BeforeAfter,
  type Rate,
} from '../../src/analytics/models/appliedEffect';
import {
  describeTaskSpeed,
  taskSpeedByType,
  tasksFromRuns,
  type SpeedChange,
  type Task,
  type TaskTypeSpeed,
} from '../../src/analytics/models/taskTimes';
import { DEFAULT_WILSON_CONFIDENCE } from '../../src/analytics/stats/wilson';
import { parseProcedureId, type FeedbackEvent } from '../schema';

import { previousQuarter, type Quarter } from './quarter';
import type { FeedbackFigures, Outcomes, RunWithTask } from './reportData';
import { OPEN_STATUSES } from './transition';

export type { AppliedEffect, Rate };

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
function taskSpeedOf(runs: RunWithTask[], tasks: Task[], procedure: string, sha: string): SpeedChange | null {
  const first = runs.find((r) => r.procedure === procedure && r.contentSha === sha);
  const touched = new Set(runs.filter((r) => r.procedure === procedure).map((r) => r.taskId));
  return taskSpeedAfterChange(tasks, touched, first ? first.startMs : null);
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
  const tasks = tasksFromRuns(input.taskRuns);
  const figuresOf = new Map(
    input.applied.map(({ item, effect }) => [
      changeKey(item.procedure.id, item.review.applied_content_sha ?? ''),
      effect,
    ])
  );
  const applied = groupAppliedItems(
    input.applied.map(({ item }) => ({
      id: item.event.id,
      procedure: item.procedure.id,
      appliedContentSha: item.review.applied_content_sha ?? '',
      reviewer: item.review.reviewer,
      note: item.review.note,
    }))
  ).map((c) =>
    appliedEffect(
      c,
      figuresOf.get(changeKey(c.procedure, c.appliedContentSha))!,
      taskSpeedOf(input.taskRuns, tasks, c.procedure, c.appliedContentSha)
    )
  );
  return {
    quarter: input.quarter.label,
    previousQuarter: previousQuarter(input.quarter).label,
    from: new Date(input.quarter.from).toISOString(),
    to: new Date(input.quarter.to).toISOString(),
    confidence: DEFAULT_WILSON_CONFIDENCE,
    satellites,
    applied,
    taskSpeed: taskSpeedByType(tasks).map((t) => ({ ...t, summary: describeTaskSpeed(t) })),
  };
}
