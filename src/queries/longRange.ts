// Queries for long ranges on the long-term store: the hourly and daily aggregates that vmalert
// records there (infrastructure/victoriametrics/long-term-rules.yaml) when a chart's step is at least
// their resolution, the raw series otherwise. An aggregate drawn at a finer step than its resolution
// would repeat each value (a staircase); the raw series at a coarse step over 13 months scans every
// sample of the year for each point, which is what the aggregates save (see `npm run bench:lts`).
import { VAR_SERVICE_EXPR } from '../constants';

import { type MetricConvention, PRESETS } from './conventions';
import { errorRatio, latencyQuantile, requestRate } from './red';
import { CADVISOR } from './resources';
import { type LabelMatcher, aggregate, rate, selector } from './selector';

export type LongRangeMeasure = 'requestRate' | 'errorRatio' | 'p95' | 'cpu' | 'memory';

export interface Aggregate {
  /** Rule-name level, `codesentinel_1h` or `codesentinel_1d`. */
  level: string;
  resolutionSeconds: number;
  /** The rules' window, as in their names (`rate1h`). */
  window: string;
}

/** Coarsest first: the first one whose resolution fits the step wins. */
export const AGGREGATES: readonly Aggregate[] = [
  { level: 'codesentinel_1d', resolutionSeconds: 86400, window: '1d' },
  { level: 'codesentinel_1h', resolutionSeconds: 3600, window: '1h' },
];

/** The service label the rules normalise to (as recording.yaml does). */
const RULE_SERVICE_LABEL = 'service';
/** Workload series of the rules keep these labels. */
const WORKLOAD_LABELS = ['namespace', CADVISOR.containerLabel];

export interface LongRangeQuery {
  expr: string;
  /** What the chart shows: raw samples, or the aggregate of that resolution. */
  source: 'raw' | Aggregate['level'];
  /** The label that names a series (service, or the workload's container). */
  seriesLabel: string;
}

function ruleName(measure: LongRangeMeasure, a: Aggregate): string {
  switch (measure) {
    case 'requestRate':
      return `${a.level}:service_requests:rate${a.window}`;
    case 'errorRatio':
      return `${a.level}:service_error_ratio:rate${a.window}`;
    case 'p95':
      return `${a.level}:service_latency_seconds:p95_${a.window}`;
    case 'cpu':
      return `${a.level}:workload_cpu_seconds:rate${a.window}`;
    case 'memory':
      return `${a.level}:workload_memory_working_set_bytes:avg${a.window}`;
  }
}

function rawQuery(c: MetricConvention, measure: LongRangeMeasure): LongRangeQuery {
  const scope: LabelMatcher[] = [{ label: c.serviceLabel, variable: VAR_SERVICE_EXPR }];
  const perService = [c.serviceLabel];
  const containers: LabelMatcher[] = [{ label: CADVISOR.containerLabel, notPattern: '|POD' }];
  switch (measure) {
    case 'requestRate':
      return { expr: requestRate(c, scope, perService), source: 'raw', seriesLabel: c.serviceLabel };
    case 'errorRatio':
      return { expr: errorRatio(c, scope, perService), source: 'raw', seriesLabel: c.serviceLabel };
    case 'p95':
      return { expr: latencyQuantile(c, 0.95, scope, perService), source: 'raw', seriesLabel: c.serviceLabel };
    case 'cpu':
      return {
        expr: aggregate('sum', WORKLOAD_LABELS, rate(selector(CADVISOR.cpuSeconds, containers))),
        source: 'raw',
        seriesLabel: CADVISOR.containerLabel,
      };
    case 'memory':
      return {
        expr: aggregate('sum', WORKLOAD_LABELS, selector(CADVISOR.memoryWorkingSet, containers)),
        source: 'raw',
        seriesLabel: CADVISOR.containerLabel,
      };
  }
}

/**
 * The query for one measure over a long range drawn at `stepSeconds`. The aggregates are recorded
 * from the OTel histogram only (like the Prometheus recording rules), so another convention always
 * reads raw series; so does `useAggregates: false` (a store without the vmalert rules).
 */
export function longRangeQuery(
  c: MetricConvention,
  measure: LongRangeMeasure,
  stepSeconds: number,
  options: { useAggregates: boolean }
): LongRangeQuery {
  if (!Number.isFinite(stepSeconds) || stepSeconds <= 0) {
    throw new Error(`long-range step must be a positive number of seconds, got ${stepSeconds}`);
  }
  const chosen = AGGREGATES.find((a) => stepSeconds >= a.resolutionSeconds);
  const otel = c.requestsMetric === PRESETS.otel.requestsMetric && c.serviceLabel === PRESETS.otel.serviceLabel;
  if (!options.useAggregates || !chosen || !otel) {
    return rawQuery(c, measure);
  }
  const workload = measure === 'cpu' || measure === 'memory';
  const matcher: LabelMatcher = workload
    ? { label: CADVISOR.containerLabel, variable: VAR_SERVICE_EXPR }
    : { label: RULE_SERVICE_LABEL, variable: VAR_SERVICE_EXPR };
  return {
    expr: selector(ruleName(measure, chosen), [matcher]),
    source: chosen.level,
    seriesLabel: workload ? CADVISOR.containerLabel : RULE_SERVICE_LABEL,
  };
}

/**
 * The step that keeps every series of a range under Grafana's and Prometheus' 11,000-point limit:
 * whole minutes up to 15 minutes, whole hours beyond (so 13 months get 1 h and read the hourly
 * aggregates instead of a year of raw samples per point).
 */
export function longRangeStep(rangeSeconds: number, maxPoints = 11000): number {
  if (!Number.isFinite(rangeSeconds) || rangeSeconds <= 0) {
    throw new Error(`range must be a positive number of seconds, got ${rangeSeconds}`);
  }
  const minimum = rangeSeconds / maxPoints;
  const unit = minimum > 900 ? 3600 : 60;
  return Math.max(unit, Math.ceil(minimum / unit) * unit);
}

/** One point a day: the daily aggregates' resolution, 400 points over 13 months. */
export const LONG_TERM_TRENDS_STEP_SECONDS = 86_400;

/**
 * The Trends page's "Last 13 months" query: requests per second per service, one value a day,
 * from the daily aggregate (raw counters for another convention or a store without the rules).
 */
export function longTermTrendsQuery(c: MetricConvention, options = { useAggregates: true }): LongRangeQuery {
  return longRangeQuery(c, 'requestRate', LONG_TERM_TRENDS_STEP_SECONDS, options);
}
