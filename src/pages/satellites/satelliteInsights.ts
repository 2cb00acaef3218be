// Turns the Elasticsearch data source's table frames into the page's derived views: failure and
// abort rates ranked by the Wilson lower bound, never-used procedures (catalog minus usage), the
// "needs review" list and the task-speed trend. Pure: frames in, plain objects out.
//
// Grafana's Elasticsearch response parser returns terms/filters aggregations as one table frame:
// a string column per bucket aggregation (named after the field; "Filters" for a filters
// aggregation) and a number column per metric ("Count", "Average clarity", ...). We find columns by
// role rather than by exact display name, so a renamed metric column does not break the page.
import { type DataFrame, FieldType } from '@grafana/data';

import { taskSpeedTrend, type TaskSpeedTrend } from '../../analytics/taskSpeed';
import { rankByWilsonLowerBound, type WilsonInterval } from '../../analytics/wilson';

export interface ProcedureOutcomes {
  procedure: string;
  runs: number;
  failures: number;
  aborts: number;
}

export interface ProcedureRate {
  procedure: string;
  runs: number;
  failure: WilsonInterval;
  abort: WilsonInterval;
}

export interface ProcedureFeedback {
  procedure: string;
  count: number;
  clarity: number;
  usefulness: number;
}

export interface ReviewItem {
  procedure: string;
  reasons: string[];
}

/** Thresholds for "needs review"; the lower bound keeps two unlucky runs from flagging a procedure. */
export const REVIEW_RULES = { failureLowerBound: 0.2, minClarity: 3 } as const;

function stringColumn(frame: DataFrame, name?: string) {
  return frame.fields.find(
    (f) => f.type === FieldType.string && (name === undefined || f.name === name || f.config.displayName === name)
  );
}

function numberColumns(frame: DataFrame) {
  return frame.fields.filter((f) => f.type === FieldType.number);
}

/** `terms(procedure.id) → filters(runs|failure|agent_aborted) → count` as one row per procedure. */
export function readOutcomes(frame: DataFrame | undefined): ProcedureOutcomes[] {
  if (!frame || frame.length === 0) {
    return [];
  }
  const procedure = stringColumn(frame, 'procedure.id');
  const label = frame.fields.find((f) => f.type === FieldType.string && f !== procedure);
  const count = numberColumns(frame)[0];
  if (!procedure || !label || !count) {
    return [];
  }
  const byProcedure = new Map<string, ProcedureOutcomes>();
  for (let i = 0; i < frame.length; i++) {
    const id = String(procedure.values[i]);
    const row = byProcedure.get(id) ?? { procedure: id, runs: 0, failures: 0, aborts: 0 };
    const n = Number(count.values[i]) || 0;
    const kind = String(label.values[i]);
    if (kind === 'runs') {
      row.runs = n;
    } else if (kind === 'failure') {
      row.failures = n;
    } else if (kind === 'agent_aborted') {
      row.aborts = n;
    }
    byProcedure.set(id, row);
  }
  return [...byProcedure.values()];
}

export function rankFailureRates(outcomes: ProcedureOutcomes[]): ProcedureRate[] {
  const abortBy = new Map(
    rankByWilsonLowerBound(outcomes, (o) => ({ k: o.aborts, n: o.runs })).map((r) => [r.item.procedure, r.interval])
  );
  return rankByWilsonLowerBound(outcomes, (o) => ({ k: o.failures, n: o.runs }))
    .filter((r) => abortBy.has(r.item.procedure))
    .map((r) => ({
      procedure: r.item.procedure,
      runs: r.item.runs,
      failure: r.interval,
      abort: abortBy.get(r.item.procedure)!,
    }));
}

/** Procedure ids in a `terms(procedure.id) → count` frame. */
export function readProcedureIds(frame: DataFrame | undefined): string[] {
  const column = frame ? stringColumn(frame, 'procedure.id') : undefined;
  return column ? column.values.map(String) : [];
}

export function neverUsed(catalog: string[], used: string[]): string[] {
  const seen = new Set(used);
  return catalog.filter((id) => !seen.has(id)).sort();
}

/** `terms(procedure.id) → count, avg clarity, avg usefulness`. */
export function readFeedback(frame: DataFrame | undefined): ProcedureFeedback[] {
  const procedure = frame ? stringColumn(frame, 'procedure.id') : undefined;
  const numbers = frame ? numberColumns(frame) : [];
  if (!frame || !procedure || numbers.length < 3) {
    return [];
  }
  return procedure.values.map((id, i) => ({
    procedure: String(id),
    count: Number(numbers[0].values[i]),
    clarity: Number(numbers[1].values[i]),
    usefulness: Number(numbers[2].values[i]),
  }));
}

export function needsReview(rates: ProcedureRate[], feedback: ProcedureFeedback[], unused: string[]): ReviewItem[] {
  const items = new Map<string, string[]>();
  const add = (id: string, reason: string) => items.set(id, [...(items.get(id) ?? []), reason]);
  for (const r of rates) {
    if (r.failure.lower >= REVIEW_RULES.failureLowerBound) {
      add(
        r.procedure,
        `fails often: at least ${(r.failure.lower * 100).toFixed(0)}% of runs (${r.failure.successes} of ${r.runs})`
      );
    }
  }
  for (const f of feedback) {
    if (Number.isFinite(f.clarity) && f.clarity < REVIEW_RULES.minClarity) {
      add(f.procedure, `low clarity: ${f.clarity.toFixed(1)} / 5 from ${f.count} feedback`);
    }
  }
  for (const id of unused) {
    add(id, 'never used in this time range');
  }
  return [...items.entries()]
    .map(([procedure, reasons]) => ({ procedure, reasons }))
    .sort((a, b) => b.reasons.length - a.reasons.length || a.procedure.localeCompare(b.procedure));
}

/** The speed query's time series frame (time + average duration) → regression verdict. */
export function readTaskSpeed(frame: DataFrame | undefined): TaskSpeedTrend | string {
  const time = frame?.fields.find((f) => f.type === FieldType.time);
  const value = frame?.fields.find((f) => f.type === FieldType.number);
  if (!frame || !time || !value) {
    return 'no successful runs in this time range';
  }
  return taskSpeedTrend(time.values as number[], value.values as Array<number | null>);
}
