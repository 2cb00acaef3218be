// The Satellite Health page's Elasticsearch queries, as Grafana Elasticsearch data source targets
// (Lucene query + bucket aggregations + metrics). Values are escaped here, never interpolated by
// Grafana's template engine, so a hostile procedure id cannot change a query's structure.
import type {
  BucketAggregation,
  ElasticsearchDataQuery,
  MetricAggregation,
} from '@grafana/schema/dist/esm/raw/composable/elasticsearch/dataquery/x/ElasticsearchDataQuery_types.gen';

import {
  DATASETS,
  FIELDS,
  INVOCATION_STATUSES,
  REVIEW_STATUSES,
  type InvocationStatus,
} from '../../../telemetry/contract';

import { luceneAnd, luceneAnyOf, luceneTerm } from './lucene';

// The field and dataset names are the telemetry package's contract with its readers.
export { FIELDS, REVIEW_STATUSES };

/** The column Grafana's Elasticsearch data source names a `count` metric in a terms table. */
export const COUNT_COLUMN = 'Count';

/** How many review items the page reads at most (a quarter of CodeSentinel feedback is a few hundred). */
export const MAX_REVIEW_ITEMS = 500;

export const DURATION_PERCENTILES = ['50', '90', '99'];
/** Enough buckets for every procedure of a large repository; the catalog of CodeSentinel has < 100. */
export const MAX_PROCEDURES = 500;

export interface SatelliteFilter {
  /** Exact satellite id; undefined = all satellites. */
  satellite?: string;
  /** Exact procedure id; undefined = all procedures. */
  procedure?: string;
}

export type SatelliteQuery = ElasticsearchDataQuery & { refId: string };

export function filterQuery(dataset: keyof typeof DATASETS, filter: SatelliteFilter = {}, extra?: string): string {
  return luceneAnd(
    luceneTerm(FIELDS.dataset, DATASETS[dataset]),
    filter.satellite !== undefined && luceneTerm(FIELDS.satellite, filter.satellite),
    filter.procedure !== undefined && luceneTerm(FIELDS.procedure, filter.procedure),
    extra
  );
}

const count: MetricAggregation = { id: '1', type: 'count' };

function termsOn(
  field: string,
  id: string,
  order: 'asc' | 'desc' = 'desc',
  orderBy = '_count',
  more: { size?: number; missing?: string } = {}
): BucketAggregation {
  const size = String(more.size ?? MAX_PROCEDURES);
  const missing = more.missing === undefined ? {} : { missing: more.missing };
  return { id, type: 'terms', field, settings: { size, order, orderBy, min_doc_count: '1', ...missing } };
}

function histogram(id: string, interval = 'auto'): BucketAggregation {
  return { id, type: 'date_histogram', field: FIELDS.timestamp, settings: { interval, min_doc_count: '0' } };
}

function target(
  refId: string,
  query: string,
  bucketAggs: BucketAggregation[],
  metrics: MetricAggregation[]
): SatelliteQuery {
  return { refId, query, bucketAggs, metrics, timeField: FIELDS.timestamp };
}

/** Invocations per procedure (most used first); least used is the same table sorted the other way. */
export function usageByProcedure(filter: SatelliteFilter): SatelliteQuery {
  return target('usage', filterQuery('invocation', filter), [termsOn(FIELDS.procedure, '2')], [count]);
}

/**
 * Invocations per procedure with one status: with `usageByProcedure` (all runs) these are the
 * inputs of the Wilson interval. One single-level terms table per status, because that is the
 * table shape Grafana's Elasticsearch response parser turns into rows reliably; nested
 * terms → filters tables come back empty or partial.
 */
export function statusByProcedure(
  filter: SatelliteFilter,
  status: Exclude<InvocationStatus, 'success'>
): SatelliteQuery {
  return target(
    status === 'failure' ? 'failures' : 'aborts',
    filterQuery('invocation', filter, luceneTerm(FIELDS.status, status)),
    [termsOn(FIELDS.procedure, '2')],
    [count]
  );
}

/** Runs per interval split by outcome: a filters aggregation over a date histogram. */
export function outcomesOverTime(filter: SatelliteFilter, interval = 'auto'): SatelliteQuery {
  const outcomes: BucketAggregation = {
    id: '3',
    type: 'filters',
    settings: {
      filters: INVOCATION_STATUSES.map((status) => ({ label: status, query: luceneTerm(FIELDS.status, status) })),
    },
  };
  return target('outcomes', filterQuery('invocation', filter), [outcomes, histogram('2', interval)], [count]);
}

export function durationPercentilesOverTime(filter: SatelliteFilter, interval = 'auto'): SatelliteQuery {
  return target(
    'duration',
    filterQuery('invocation', filter),
    [histogram('2', interval)],
    [{ id: '1', type: 'percentiles', field: FIELDS.duration, settings: { percents: DURATION_PERCENTILES } }]
  );
}

/** Mean duration of successful runs per day: the series the task-speed regression is fitted to. */
export function taskSpeedOverTime(filter: SatelliteFilter, interval = '1d'): SatelliteQuery {
  return target(
    'speed',
    filterQuery('invocation', filter, luceneTerm(FIELDS.status, 'success')),
    [histogram('2', interval)],
    [{ id: '1', type: 'avg', field: FIELDS.duration }]
  );
}

export function feedbackByProcedure(filter: SatelliteFilter): SatelliteQuery {
  return target(
    'feedback',
    filterQuery('feedback', filter),
    [termsOn(FIELDS.procedure, '2')],
    [count, { id: '3', type: 'avg', field: FIELDS.clarity }, { id: '4', type: 'avg', field: FIELDS.usefulness }]
  );
}

/** Latest feedback documents; the comment is shown as plain text. */
export function latestComments(filter: SatelliteFilter, size = 20): SatelliteQuery {
  return target(
    'comments',
    filterQuery('feedback', filter, `_exists_:${FIELDS.comment}`),
    [],
    [{ id: '1', type: 'raw_data', settings: { size: String(size) } }]
  );
}

/** Every procedure the catalog has seen: with usage, yields the never-used ones. */
export function catalogProcedures(filter: Pick<SatelliteFilter, 'satellite'>): SatelliteQuery {
  return target(
    'catalog',
    filterQuery('catalog', { satellite: filter.satellite }),
    [termsOn(FIELDS.procedure, '2', 'asc', '_key')],
    [count]
  );
}

/** Feedback per review quarter, newest first: count and average scores, quarter over quarter. */
export function reviewByQuarter(filter: SatelliteFilter): SatelliteQuery {
  return target(
    'review',
    filterQuery('feedback', filter),
    [termsOn(FIELDS.quarter, '2', 'desc', '_key')],
    [count, { id: '4', type: 'avg', field: FIELDS.clarity }, { id: '5', type: 'avg', field: FIELDS.usefulness }]
  );
}

/**
 * Where the review stands, by review quarter (newest first) and status (new, triaged, accepted,
 * rejected, applied): the review goes by quarter, so the named quarters' items, not the page's range.
 */
export function reviewStatus(filter: SatelliteFilter, quarters: readonly string[]): SatelliteQuery {
  return target(
    'reviewStatus',
    filterQuery('feedback', filter, luceneAnyOf(FIELDS.quarter, quarters)),
    [termsOn(FIELDS.quarter, '2', 'desc', '_key'), termsOn(FIELDS.reviewStatus, '3')],
    [count]
  );
}

/** The feedback documents of the given review quarters, review state included (newest first). */
export function reviewItems(filter: SatelliteFilter, quarters: readonly string[]): SatelliteQuery {
  return target(
    'reviewItems',
    filterQuery('feedback', filter, luceneAnyOf(FIELDS.quarter, quarters)),
    [],
    [{ id: '1', type: 'raw_data', settings: { size: String(MAX_REVIEW_ITEMS) } }]
  );
}

/**
 * The given quarter's applied items on their own: the queue's query keeps only the newest
 * MAX_REVIEW_ITEMS documents, so a busy quarter would push last quarter's applied changes out.
 */
export function appliedItems(filter: SatelliteFilter, quarter: string): SatelliteQuery {
  return target(
    'appliedItems',
    filterQuery(
      'feedback',
      filter,
      luceneAnd(luceneTerm(FIELDS.quarter, quarter), luceneTerm(FIELDS.reviewStatus, 'applied'))
    ),
    [],
    [{ id: '1', type: 'raw_data', settings: { size: String(MAX_REVIEW_ITEMS) } }]
  );
}

/** Tasks a query reads at most: a quarter of the demo has ~4,500; Elasticsearch's bucket limit is 65,536. */
export const MAX_TASKS = 20_000;
/** Bucket of invocations whose task has no type (the task-speed model's name for it). */
export const UNTYPED_TASK = '(no type)';

/**
 * Every task (the invocations sharing a task id) by type: its invocations and first start. Its end
 * comes from `taskLastRuns` (Elasticsearch cannot add two fields without a script, and scripting
 * may be disabled).
 */
export function taskDurations(filter: SatelliteFilter): SatelliteQuery {
  return target(
    'tasks',
    filterQuery('invocation', filter, `_exists_:${FIELDS.taskId}`),
    [
      termsOn(FIELDS.taskType, '2', 'asc', '_key', { size: 100, missing: UNTYPED_TASK }),
      termsOn(FIELDS.taskId, '3', 'asc', '_key', { size: MAX_TASKS }),
    ],
    [count, { id: '5', type: 'min', field: FIELDS.timestamp }]
  );
}

/**
 * Each task's last invocation: its start (the newest `@timestamp`) and duration. The task ends when
 * its last-started invocation ends (invocations of one task run one after another).
 */
export function taskLastRuns(filter: SatelliteFilter): SatelliteQuery {
  return target(
    'taskEnds',
    filterQuery('invocation', filter, `_exists_:${FIELDS.taskId}`),
    [
      termsOn(FIELDS.taskId, '2', 'asc', '_key', { size: MAX_TASKS }),
      termsOn(FIELDS.timestamp, '3', 'desc', '_key', { size: 1 }),
    ],
    [{ id: '4', type: 'max', field: FIELDS.duration }]
  );
}

/** The two queries a task's start and end come from. */
export function taskQueries(filter: SatelliteFilter): SatelliteQuery[] {
  return [taskDurations(filter), taskLastRuns(filter)];
}

export type EffectSide = 'before' | 'after';

/**
 * The queries behind one applied change's effect, told apart by content hash as the review report
 * does: "after" is every run under the new hash, "before" every run under another one. Per side
 * the runs by status, the median duration with the first run, and the feedback's clarity; plus the
 * tasks that used the procedure. Single-level terms tables only (what Grafana parses reliably).
 * RefIds are `effect<n>:<part>`.
 */
export function appliedEffectQueries(index: number, procedure: string, sha: string): SatelliteQuery[] {
  const onProcedure = { procedure };
  const side = (s: EffectSide) =>
    s === 'after'
      ? luceneTerm(FIELDS.contentSha, sha)
      : `_exists_:${FIELDS.contentSha} AND NOT ${luceneTerm(FIELDS.contentSha, sha)}`;
  const id = (part: string) => `effect${index}:${part}`;
  const sides: EffectSide[] = ['before', 'after'];
  return [
    ...sides.flatMap((s) => [
      target(
        id(`${s}-status`),
        filterQuery('invocation', onProcedure, side(s)),
        [termsOn(FIELDS.status, '2')],
        [count]
      ),
      target(
        id(`${s}-runs`),
        filterQuery('invocation', onProcedure, side(s)),
        [termsOn(FIELDS.procedure, '2')],
        [
          count,
          { id: '3', type: 'percentiles', field: FIELDS.duration, settings: { percents: ['50'] } },
          { id: '4', type: 'min', field: FIELDS.timestamp },
        ]
      ),
      target(
        id(`${s}-feedback`),
        filterQuery('feedback', onProcedure, side(s)),
        [termsOn(FIELDS.procedure, '2')],
        [count, { id: '3', type: 'avg', field: FIELDS.clarity }]
      ),
    ]),
    target(
      id('tasks'),
      filterQuery('invocation', onProcedure, `_exists_:${FIELDS.taskId}`),
      [termsOn(FIELDS.taskId, '2', 'desc', '_count', { size: MAX_TASKS })],
      [count]
    ),
  ];
}

/** Variable query (Grafana ES `find: terms` syntax) for the satellite and procedure pickers. */
export function termsVariableQuery(
  field: typeof FIELDS.satellite | typeof FIELDS.procedure,
  filter: SatelliteFilter = {}
): string {
  return JSON.stringify({
    find: 'terms',
    field,
    query: luceneAnd(
      luceneAnyOf(FIELDS.dataset, [DATASETS.invocation, DATASETS.catalog]),
      filter.satellite !== undefined && luceneTerm(FIELDS.satellite, filter.satellite)
    ),
    size: MAX_PROCEDURES,
  });
}
