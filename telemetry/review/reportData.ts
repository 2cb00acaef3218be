// The Elasticsearch side of `review report`: one aggregation per kind of document, turned into
// plain counts per procedure. Everything is computed by Elasticsearch (counts, averages, the median
// duration), so the report's numbers are exactly what a direct aggregation of the documents gives.
import type { BeforeAfter, SideFigures } from '../../src/analytics/models/appliedEffect';
import type { EsConfig } from '../es/bulk';
import { DATASETS, type FeedbackEvent } from '../schema';
import { INDEX_PATTERN } from '../template';

import type { Quarter } from './quarter';
import { esJson, FEEDBACK_PATTERN } from './store';

const MAX_PROCEDURES = 500;
const SEARCH = `/${INDEX_PATTERN}/_search?allow_no_indices=true&ignore_unavailable=true`;

export interface Outcomes {
  runs: number;
  failures: number;
  aborts: number;
}

export interface FeedbackFigures {
  count: number;
  clarity: number | null;
  usefulness: number | null;
  /** Items per review status. */
  statuses: Record<string, number>;
}

export interface ScopeFilter {
  satellite?: string;
}

interface Bucket {
  key: string;
  doc_count: number;
  [agg: string]: any;
}

function scoped(dataset: string, filter: ScopeFilter, extra: object[] = []): object {
  const f: object[] = [{ term: { 'event.dataset': dataset } }, ...extra];
  if (filter.satellite !== undefined) {
    f.push({ term: { 'satellite.id': filter.satellite } });
  }
  return { bool: { filter: f } };
}

function range(q: Quarter): object {
  return { range: { '@timestamp': { gte: q.from, lt: q.to, format: 'epoch_millis' } } };
}

function outcomesOf(statusBuckets: Bucket[], total: number): Outcomes {
  const by = new Map(statusBuckets.map((b) => [b.key, b.doc_count]));
  return { runs: total, failures: by.get('failure') ?? 0, aborts: by.get('agent_aborted') ?? 0 };
}

/** Runs, failures and aborts per procedure within each quarter. */
export async function invocationsByProcedure(
  config: EsConfig,
  quarters: Quarter[],
  filter: ScopeFilter
): Promise<Array<Map<string, Outcomes>>> {
  const r = await esJson<any>(config, 'POST', SEARCH, {
    size: 0,
    query: scoped(DATASETS.invocation, filter),
    aggs: {
      period: {
        filters: { filters: Object.fromEntries(quarters.map((q) => [q.label, range(q)])) },
        aggs: {
          procedure: {
            terms: { field: 'procedure.id', size: MAX_PROCEDURES },
            aggs: { status: { terms: { field: 'status', size: 10 } } },
          },
        },
      },
    },
  });
  return quarters.map((q) => {
    const buckets: Bucket[] = r.aggregations?.period.buckets[q.label]?.procedure.buckets ?? [];
    return new Map(buckets.map((b) => [b.key, outcomesOf(b.status.buckets, b.doc_count)]));
  });
}

/** Feedback count, average clarity and usefulness and items per status, per procedure, per review quarter. */
export async function feedbackByProcedure(
  config: EsConfig,
  quarters: Quarter[],
  filter: ScopeFilter
): Promise<Array<Map<string, FeedbackFigures>>> {
  const r = await esJson<any>(config, 'POST', SEARCH, {
    size: 0,
    query: scoped(DATASETS.feedback, filter, [{ terms: { 'review.quarter': quarters.map((q) => q.label) } }]),
    aggs: {
      quarter: {
        terms: { field: 'review.quarter', size: quarters.length },
        aggs: {
          procedure: {
            terms: { field: 'procedure.id', size: MAX_PROCEDURES },
            aggs: {
              clarity: { avg: { field: 'clarity' } },
              usefulness: { avg: { field: 'usefulness' } },
              status: { terms: { field: 'review.status', size: 10 } },
            },
          },
        },
      },
    },
  });
  const byQuarter = new Map<string, Bucket[]>(
    (r.aggregations?.quarter.buckets ?? []).map((b: Bucket) => [b.key, b.procedure.buckets])
  );
  return quarters.map(
    (q) =>
      new Map(
        (byQuarter.get(q.label) ?? []).map((b) => [
          b.key,
          {
            count: b.doc_count,
            clarity: b.clarity.value,
            usefulness: b.usefulness.value,
            statuses: Object.fromEntries(b.status.buckets.map((s: Bucket) => [s.key, s.doc_count])),
          },
        ])
      )
  );
}

/** Procedure id → title, for every procedure in the catalog. */
export async function catalogTitles(config: EsConfig, filter: ScopeFilter): Promise<Map<string, string>> {
  const r = await esJson<any>(config, 'POST', SEARCH, {
    size: 0,
    query: scoped(DATASETS.catalog, filter),
    aggs: {
      procedure: {
        terms: { field: 'procedure.id', size: MAX_PROCEDURES },
        aggs: { title: { top_hits: { size: 1, _source: ['procedure.title'] } } },
      },
    },
  });
  return new Map(
    (r.aggregations?.procedure.buckets ?? []).map((b: Bucket) => [
      b.key,
      b.title.hits.hits[0]?._source?.procedure?.title ?? '',
    ])
  );
}

/** Applied items of the given review quarters, oldest first. */
export async function appliedItems(
  config: EsConfig,
  quarters: Quarter[],
  filter: ScopeFilter
): Promise<FeedbackEvent[]> {
  const r = await esJson<{ hits: { hits: Array<{ _source: FeedbackEvent }> } }>(
    config,
    'POST',
    `/${FEEDBACK_PATTERN}/_search?allow_no_indices=true&ignore_unavailable=true`,
    {
      size: 10_000,
      query: scoped(DATASETS.feedback, filter, [
        { term: { 'review.status': 'applied' } },
        { terms: { 'review.quarter': quarters.map((q) => q.label) } },
      ]),
      sort: [{ 'review.updated_at': { order: 'asc', unmapped_type: 'date' } }, { 'event.id': 'asc' }],
    }
  );
  return r.hits.hits.map((h) => h._source);
}

export type { BeforeAfter, SideFigures };

/**
 * A procedure's runs and feedback before and after a content change, told apart by content hash:
 * "after" is every document recorded with the new hash, "before" every one with another hash
 * (documents without a hash cannot be placed and are left out).
 */
export async function beforeAfter(config: EsConfig, procedureId: string, newSha: string): Promise<BeforeAfter> {
  const sides = {
    filters: {
      filters: {
        after: { term: { 'procedure.content_sha': newSha } },
        before: {
          bool: {
            filter: [{ exists: { field: 'procedure.content_sha' } }],
            must_not: [{ term: { 'procedure.content_sha': newSha } }],
          },
        },
      },
    },
  };
  const r = await esJson<any>(config, 'POST', SEARCH, {
    size: 0,
    query: { bool: { filter: [{ term: { 'procedure.id': procedureId } }] } },
    aggs: {
      invocations: {
        filter: { term: { 'event.dataset': DATASETS.invocation } },
        aggs: {
          side: {
            ...sides,
            aggs: {
              status: { terms: { field: 'status', size: 10 } },
              duration: { percentiles: { field: 'duration_ms', percents: [50] } },
            },
          },
        },
      },
      feedback: {
        filter: { term: { 'event.dataset': DATASETS.feedback } },
        aggs: { side: { ...sides, aggs: { clarity: { avg: { field: 'clarity' } } } } },
      },
    },
  });
  const side = (name: 'before' | 'after'): SideFigures => {
    const inv = r.aggregations.invocations.side.buckets[name];
    const fb = r.aggregations.feedback.side.buckets[name];
    const median = inv.duration.values['50.0'];
    return {
      ...outcomesOf(inv.status.buckets, inv.doc_count),
      medianDurationMs: typeof median === 'number' ? median : null,
      feedback: fb.doc_count,
      clarity: fb.clarity.value,
    };
  };
  return { before: side('before'), after: side('after') };
}

export interface RunWithTask {
  taskId: string;
  taskType?: string;
  startMs: number;
  durationMs: number;
  procedure: string;
  contentSha?: string;
}

/** Every invocation with a task id in the quarters (paged with search_after), for task speed. */
export async function taskRuns(config: EsConfig, quarters: Quarter[], filter: ScopeFilter): Promise<RunWithTask[]> {
  const span: Quarter = {
    ...quarters[0],
    from: Math.min(...quarters.map((q) => q.from)),
    to: Math.max(...quarters.map((q) => q.to)),
  };
  const out: RunWithTask[] = [];
  let after: unknown[] | undefined;
  for (;;) {
    const r = await esJson<{ hits: { hits: Array<{ _source: any; sort: unknown[] }> } }>(config, 'POST', SEARCH, {
      size: 5000,
      query: scoped(DATASETS.invocation, filter, [range(span), { exists: { field: 'task.id' } }]),
      _source: ['@timestamp', 'duration_ms', 'task', 'procedure.id', 'procedure.content_sha'],
      sort: [{ '@timestamp': 'asc' }, { 'event.id': 'asc' }],
      ...(after ? { search_after: after } : {}),
    });
    for (const h of r.hits.hits) {
      const s = h._source;
      out.push({
        taskId: s.task.id,
        taskType: s.task.type,
        startMs: Date.parse(s['@timestamp']),
        durationMs: s.duration_ms,
        procedure: s.procedure.id,
        contentSha: s.procedure.content_sha,
      });
    }
    if (r.hits.hits.length < 5000) {
      return out;
    }
    after = r.hits.hits[r.hits.hits.length - 1].sort;
  }
}
