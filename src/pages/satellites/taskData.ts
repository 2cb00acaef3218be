// Task speed and applied changes' effect as the page reads them from Grafana's Elasticsearch table
// frames; the figures themselves come from the engine's models, the same ones the review report
// uses. Pure: frames in, plain objects out. Columns are found by role and order (the key columns are
// strings, the metrics numbers in the order the query lists them), as in satelliteData.ts.
import { type DataFrame, FieldType } from '@grafana/data';

import {
  appliedEffect,
  type groupAppliedItems,
  taskSpeedAfterChange,
  type AppliedEffect,
  type SideFigures,
  type Task,
} from '../../analytics';
import { UNTYPED_TASK, type EffectSide } from '../../queries/elasticsearch/satellites';

type Change = ReturnType<typeof groupAppliedItems>[number];

function columns(frame: DataFrame | undefined, type: FieldType) {
  return frame ? frame.fields.filter((f) => f.type === type) : [];
}

function finite(v: unknown): number | null {
  const n = typeof v === 'number' ? v : Number(v);
  return v !== null && v !== undefined && Number.isFinite(n) ? n : null;
}

/** A bucket key that is a date: epoch ms as a number or text, or an ISO text (key_as_string). */
function instant(v: unknown): number | null {
  const n = finite(v);
  if (n !== null) {
    return n;
  }
  const parsed = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * Tasks from the `tasks` table (task.type, task.id → count, first start) and the `taskEnds` table
 * (task.id, start of its last invocation → that invocation's duration): a task runs from its first
 * start to its last invocation's end. A task without an end, or ending before it starts (a broken
 * document), is left out rather than counted as 0 s.
 */
export function readTasks(tasksFrame: DataFrame | undefined, endsFrame: DataFrame | undefined): Task[] {
  const [type, id] = columns(tasksFrame, FieldType.string);
  const [runs, start] = columns(tasksFrame, FieldType.number);
  const [endId, lastStart] = endsFrame?.fields ?? [];
  const [lastDuration] = columns(endsFrame, FieldType.number).slice(-1);
  if (!tasksFrame || !endsFrame || !type || !id || !runs || !start || !endId || !lastStart || !lastDuration) {
    return [];
  }
  const ends = new Map<string, number>();
  for (let i = 0; i < endsFrame.length; i++) {
    const at = instant(lastStart.values[i]);
    const d = finite(lastDuration.values[i]);
    if (at !== null && d !== null) {
      ends.set(String(endId.values[i]), at + d);
    }
  }
  const tasks: Task[] = [];
  for (let i = 0; i < tasksFrame.length; i++) {
    const s = finite(start.values[i]);
    const e = ends.get(String(id.values[i])) ?? null;
    if (s === null || e === null || e < s) {
      continue;
    }
    const t = String(type.values[i]);
    tasks.push({
      id: String(id.values[i]),
      // The query's `missing` bucket and the model's name for an untyped task are the same text.
      type: t === '' ? UNTYPED_TASK : t,
      startMs: s,
      endMs: e,
      durationMs: e - s,
      runs: finite(runs.values[i]) ?? 1,
    });
  }
  return tasks.sort((a, b) => a.startMs - b.startMs || a.id.localeCompare(b.id));
}

/** The tasks of a result holding both task tables. */
export function readTasksOf(series: readonly DataFrame[]): Task[] {
  return readTasks(frameFor(series, 'tasks'), frameFor(series, 'taskEnds'));
}

function frameFor(series: readonly DataFrame[], refId: string): DataFrame | undefined {
  return series.find((f) => f.refId === refId);
}

/** Runs per status of one side (`terms(status) → count`). */
function readStatus(frame: DataFrame | undefined): Pick<SideFigures, 'runs' | 'failures' | 'aborts'> {
  const [status] = columns(frame, FieldType.string);
  const [n] = columns(frame, FieldType.number);
  const by = new Map<string, number>();
  for (let i = 0; frame && status && n && i < frame.length; i++) {
    by.set(String(status.values[i]), finite(n.values[i]) ?? 0);
  }
  const runs = [...by.values()].reduce((a, b) => a + b, 0);
  return { runs, failures: by.get('failure') ?? 0, aborts: by.get('agent_aborted') ?? 0 };
}

/** First row's metrics of a single-procedure table, in query order (null where there is none). */
function firstRow(frame: DataFrame | undefined): Array<number | null> {
  return columns(frame, FieldType.number).map((f) => (frame && frame.length > 0 ? finite(f.values[0]) : null));
}

function readSide(series: readonly DataFrame[], index: number, side: EffectSide) {
  const id = (part: string) => `effect${index}:${side}-${part}`;
  const [, median = null, first = null] = firstRow(frameFor(series, id('runs')));
  const [feedback = null, clarity = null] = firstRow(frameFor(series, id('feedback')));
  const figures: SideFigures = {
    ...readStatus(frameFor(series, id('status'))),
    medianDurationMs: median,
    feedback: feedback ?? 0,
    clarity,
  };
  return { figures, firstRunMs: first };
}

/** Each applied change with its effect, from the `effect<n>:*` tables and the tasks. */
export function readAppliedEffects(
  series: readonly DataFrame[],
  changes: readonly Change[],
  tasks: readonly Task[]
): AppliedEffect[] {
  return changes.map((change, index) => {
    const before = readSide(series, index, 'before');
    const after = readSide(series, index, 'after');
    const [touchedIds] = columns(frameFor(series, `effect${index}:tasks`), FieldType.string);
    const touched = new Set((touchedIds?.values ?? []).map(String));
    return appliedEffect(
      change,
      { before: before.figures, after: after.figures },
      taskSpeedAfterChange(tasks, touched, after.firstRunMs)
    );
  });
}
