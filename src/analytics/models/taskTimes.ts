// Agent task speed by task type. A task is every invocation that shares a task id: it starts with
// the first invocation's start and ends with the last one's end. Per type and week we keep the
// median and the 90th percentile of task durations, and fit the engine's task-speed regression
// (OLS with a t interval on the slope) to the weekly medians: medians, because one stuck task
// should not move a week. The change is stated per quarter, with the slope's interval scaled alike.
import { formatPercent, formatSignedPercent as signed } from '../stats/format';
import { sortedMedian, sortedQuantile } from '../stats/robust';

import { taskSpeedTrend, type TaskSpeedTrend } from './taskSpeed';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** A quarter is 365.25 / 4 days on average. */
export const QUARTER_DAYS = 91.3125;
/** 1970-01-05 was a Monday: weeks start on Monday 00:00 UTC, as Elasticsearch's `1w` interval does. */
const MONDAY_MS = 4 * DAY_MS;

export interface TaskRun {
  taskId: string;
  taskType?: string;
  startMs: number;
  durationMs: number;
}

export interface Task {
  id: string;
  type: string;
  startMs: number;
  endMs: number;
  durationMs: number;
  runs: number;
}

export const UNTYPED = '(no type)';

/** Invocations → tasks. Runs without a finite start or duration are left out. */
export function tasksFromRuns(runs: readonly TaskRun[]): Task[] {
  const byId = new Map<string, Task>();
  for (const r of runs) {
    if (!Number.isFinite(r.startMs) || !Number.isFinite(r.durationMs) || r.durationMs < 0 || r.taskId === '') {
      continue;
    }
    const end = r.startMs + r.durationMs;
    const t = byId.get(r.taskId);
    if (!t) {
      byId.set(r.taskId, {
        id: r.taskId,
        type: r.taskType || UNTYPED,
        startMs: r.startMs,
        endMs: end,
        durationMs: 0,
        runs: 1,
      });
      continue;
    }
    t.startMs = Math.min(t.startMs, r.startMs);
    t.endMs = Math.max(t.endMs, end);
    t.runs++;
    if (t.type === UNTYPED && r.taskType) {
      t.type = r.taskType;
    }
  }
  const tasks = [...byId.values()];
  tasks.forEach((t) => (t.durationMs = t.endMs - t.startMs));
  return tasks.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
}

export function weekStart(ms: number): number {
  return Math.floor((ms - MONDAY_MS) / WEEK_MS) * WEEK_MS + MONDAY_MS;
}

export interface WeeklySpeed {
  weekStartMs: number;
  tasks: number;
  medianMs: number;
  p90Ms: number;
}

export interface TaskTypeSpeed {
  type: string;
  tasks: number;
  weeks: WeeklySpeed[];
  /** The regression over the weekly medians, or why there is none. */
  trend: TaskSpeedTrend | string;
  /** The trend's change per quarter relative to the mean weekly median, with its interval. */
  perQuarter?: { estimate: number; lower: number; upper: number };
}

/** Weekly median and p90 per task type (a task counts in the week it started), with the trend. */
export function taskSpeedByType(tasks: readonly Task[], confidence = 0.95): TaskTypeSpeed[] {
  const byType = new Map<string, Map<number, number[]>>();
  for (const t of tasks) {
    const weeks = byType.get(t.type) ?? new Map<number, number[]>();
    const w = weekStart(t.startMs);
    weeks.set(w, [...(weeks.get(w) ?? []), t.durationMs]);
    byType.set(t.type, weeks);
  }
  return [...byType.entries()]
    .map(([type, weeks]) => {
      const rows = [...weeks.entries()]
        .sort(([a], [b]) => a - b)
        .map(([weekStartMs, durations]) => {
          const sorted = [...durations].sort((a, b) => a - b);
          return {
            weekStartMs,
            tasks: sorted.length,
            medianMs: sortedMedian(sorted),
            p90Ms: sortedQuantile(sorted, 0.9),
          };
        });
      const trend = taskSpeedTrend(
        rows.map((r) => r.weekStartMs),
        rows.map((r) => r.medianMs),
        confidence
      );
      const speed: TaskTypeSpeed = { type, tasks: rows.reduce((n, r) => n + r.tasks, 0), weeks: rows, trend };
      if (typeof trend !== 'string' && trend.meanDurationMs > 0) {
        const scale = QUARTER_DAYS / trend.meanDurationMs;
        speed.perQuarter = {
          estimate: trend.slopeMsPerDay * scale,
          lower: trend.slopeLowerMsPerDay * scale,
          upper: trend.slopeUpperMsPerDay * scale,
        };
      }
      return speed;
    })
    .sort((a, b) => b.tasks - a.tasks || a.type.localeCompare(b.type));
}

/** "code-review tasks: −12 % per quarter, 95 % CI −18 % … −6 %", or why there is no trend. */
export function describeTaskSpeed(s: TaskTypeSpeed): string {
  if (typeof s.trend === 'string' || !s.perQuarter) {
    return `${s.type} tasks: no trend (${typeof s.trend === 'string' ? s.trend : 'mean duration is 0'})`;
  }
  const q = s.perQuarter;
  const verdict = s.trend.verdict === 'no clear trend' ? ' (no clear trend)' : '';
  return `${s.type} tasks: ${signed(q.estimate)} per quarter, ${formatPercent(s.trend.confidence)} CI ${signed(q.lower)} … ${signed(q.upper)}${verdict}`;
}

export interface SpeedChange {
  atMs: number;
  before: { tasks: number; medianMs: number | null };
  after: { tasks: number; medianMs: number | null };
  /** after / before − 1, null when either side has no task. */
  relative: number | null;
}

/** Median task duration before and after an instant (a procedure's content change). */
export function speedChangeAt(tasks: readonly Task[], atMs: number): SpeedChange {
  const side = (keep: (t: Task) => boolean) => {
    const d = tasks
      .filter(keep)
      .map((t) => t.durationMs)
      .sort((a, b) => a - b);
    return { tasks: d.length, medianMs: d.length ? sortedMedian(d) : null };
  };
  const before = side((t) => t.startMs < atMs);
  const after = side((t) => t.startMs >= atMs);
  return {
    atMs,
    before,
    after,
    relative: before.medianMs && after.medianMs !== null ? after.medianMs / before.medianMs - 1 : null,
  };
}
