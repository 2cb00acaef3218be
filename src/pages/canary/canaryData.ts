// From the selection to the sample queries, and from the returned frames to the statistics' input.
import { type DataFrame, FieldType } from '@grafana/data';

import type { HistogramBucket, MetricData } from '../../analytics';
import { CANARY_GROUPS, type CanaryGroup, type CanaryQueries } from '../../queries/canary';
import type { MetricConvention } from '../../queries/conventions';
import { leSeconds } from '../../queries/red';
import type { CanaryPageMetric } from '../../settings/canary';
import { type PromQuery, instantQuery, rangeQuery } from '../shared/sceneParts';

const SEP = '__';

export function sampleRefId(group: CanaryGroup, metric: string): string {
  return `${group}${SEP}${metric}`;
}

const BUCKETS = 'buckets';

/**
 * Range queries (one sample per step) for every metric but the error count (the latency quantiles'
 * per-step series are for the charts), and instant window totals: requests, errors and, when a
 * quantile is judged, requests per latency bucket.
 */
export function sampleQueries(q: CanaryQueries, metrics: readonly CanaryPageMetric[]): PromQuery[] {
  const out: PromQuery[] = [];
  for (const g of CANARY_GROUPS) {
    for (const m of metrics) {
      if (m.id !== 'error-count') {
        out.push(rangeQuery(sampleRefId(g, m.id), q.groups[g].metrics[m.id]));
      }
    }
    if (metrics.some((m) => m.kind === 'quantile')) {
      out.push(instantQuery(sampleRefId(g, BUCKETS), q.groups[g].latencyBuckets));
    }
    out.push(instantQuery(sampleRefId(g, 'requests'), q.groups[g].requestCount));
    out.push(instantQuery(sampleRefId(g, 'errors'), q.groups[g].errorCount));
  }
  return out;
}

/** Every number of every numeric field in the frames of one refId (nulls kept for the NaN policy). */
function valuesOf(frames: readonly DataFrame[], refId: string): Array<number | null> {
  const out: Array<number | null> = [];
  for (const frame of frames) {
    if (frame.refId !== refId) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      for (let i = 0; i < field.values.length; i++) {
        const v = field.values[i];
        out.push(typeof v === 'number' ? v : null);
      }
    }
  }
  return out;
}

/** Sum of an instant query's values, or undefined when it returned nothing. */
function totalOf(frames: readonly DataFrame[], refId: string): number | undefined {
  const values = valuesOf(frames, refId).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
}

/**
 * Requests per bucket from an instant `sum by (le)` query: a table frame has an `le` column beside
 * the value; a time-series frame carries `le` in its value field's labels.
 */
export function bucketsOf(frames: readonly DataFrame[], refId: string, c: MetricConvention): HistogramBucket[] {
  const out: HistogramBucket[] = [];
  for (const frame of frames) {
    if (frame.refId !== refId) {
      continue;
    }
    const leColumn = frame.fields.find((f) => f.name === 'le' && f.type === FieldType.string);
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      for (let i = 0; i < field.values.length; i++) {
        const le = leColumn ? leColumn.values[i] : field.labels?.le;
        const count = field.values[i];
        if (typeof le === 'string' && typeof count === 'number') {
          out.push({ le: leSeconds(c, le), count });
        }
      }
    }
  }
  return out;
}

export interface GroupTotals {
  requests?: number;
  errors?: number;
}

export interface CanaryDataset {
  data: Record<string, MetricData | undefined>;
  totals: Record<CanaryGroup, GroupTotals>;
}

/** Turns the sample runner's frames into per-metric inputs for judgeCanary. */
export function datasetFromFrames(
  frames: readonly DataFrame[],
  metrics: readonly CanaryPageMetric[],
  convention: MetricConvention
): CanaryDataset {
  const totals = {
    canary: {
      requests: totalOf(frames, sampleRefId('canary', 'requests')),
      errors: totalOf(frames, sampleRefId('canary', 'errors')),
    },
    baseline: {
      requests: totalOf(frames, sampleRefId('baseline', 'requests')),
      errors: totalOf(frames, sampleRefId('baseline', 'errors')),
    },
  };
  const data: Record<string, MetricData | undefined> = {};
  for (const m of metrics) {
    if (m.id === 'error-count') {
      const { canary, baseline } = totals;
      data[m.id] =
        canary.requests === undefined || baseline.requests === undefined
          ? undefined
          : {
              canaryCount: canary.errors ?? 0,
              canaryExposure: canary.requests,
              baselineCount: baseline.errors ?? 0,
              baselineExposure: baseline.requests,
            };
      continue;
    }
    if (m.kind === 'quantile') {
      data[m.id] = {
        canaryBuckets: bucketsOf(frames, sampleRefId('canary', BUCKETS), convention),
        baselineBuckets: bucketsOf(frames, sampleRefId('baseline', BUCKETS), convention),
      };
      continue;
    }
    data[m.id] = {
      canary: valuesOf(frames, sampleRefId('canary', m.id)),
      baseline: valuesOf(frames, sampleRefId('baseline', m.id)),
    };
  }
  return { data, totals };
}

export type TrafficState =
  | { kind: 'ok' }
  | { kind: 'no-traffic' }
  | { kind: 'missing-canary' }
  | { kind: 'missing-baseline' }
  | { kind: 'too-small'; canaryRequests: number; minRequests: number };

/** What the window's request totals say before any statistics. */
export function classifyTraffic(totals: Record<CanaryGroup, GroupTotals>, minRequests: number): TrafficState {
  const c = totals.canary.requests ?? 0;
  const b = totals.baseline.requests ?? 0;
  if (c <= 0 && b <= 0) {
    return { kind: 'no-traffic' };
  }
  if (c <= 0) {
    return { kind: 'missing-canary' };
  }
  if (b <= 0) {
    return { kind: 'missing-baseline' };
  }
  return c < minRequests ? { kind: 'too-small', canaryRequests: c, minRequests } : { kind: 'ok' };
}
