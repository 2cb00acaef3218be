// Turns the Elasticsearch data source's table frames into the page's derived views: failure and
// abort rates ranked by the Wilson lower bound, never-used procedures (catalog minus usage), the
// "needs review" list and the task-speed trend. Pure: frames in, plain objects out.
//
// Grafana's Elasticsearch response parser (pkg/tsdb/elasticsearch/response_parser.go) returns a
// single-level terms aggregation as one table frame: a string column named after the field and a
// number column per metric ("Count", "Average clarity", ...). We find columns by role rather than by
// exact display name, so a renamed metric column does not break the page.
import { type DataFrame, FieldType } from '@grafana/data';

import {
  rankByWilsonLowerBound,
  taskSpeedTrend,
  type TaskSpeedTrend,
  type WilsonInterval,
  formatPercent,
} from '../../analytics';

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

/** A single-level `terms(procedure.id) → count` table as procedure → count. */
export function readCounts(frame: DataFrame | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  const procedure = frame ? stringColumn(frame, 'procedure.id') : undefined;
  const count = frame ? numberColumns(frame)[0] : undefined;
  if (!frame || !procedure || !count) {
    return counts;
  }
  for (let i = 0; i < frame.length; i++) {
    const n = Number(count.values[i]);
    counts.set(String(procedure.values[i]), Number.isFinite(n) ? n : 0);
  }
  return counts;
}

/** Runs, failures and aborts per procedure from the usage, failures and aborts tables. */
export function combineOutcomes(
  runs: DataFrame | undefined,
  failures: DataFrame | undefined,
  aborts: DataFrame | undefined
): ProcedureOutcomes[] {
  const f = readCounts(failures);
  const a = readCounts(aborts);
  return [...readCounts(runs).entries()].map(([procedure, n]) => ({
    procedure,
    runs: n,
    // A failure counted in a later query than the runs can make k > n for a moment: clamp.
    failures: Math.min(f.get(procedure) ?? 0, n),
    aborts: Math.min(a.get(procedure) ?? 0, n),
  }));
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
        `fails often: at least ${formatPercent(r.failure.lower)} of runs (${r.failure.successes} of ${r.runs})`
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
