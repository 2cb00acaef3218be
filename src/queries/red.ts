// Rate, errors and duration for any scope: the building blocks the overview and the service page
// share. Every function returns a complete PromQL expression.
import type { CallConvention, MetricConvention } from './conventions';
import { type LabelMatcher, aggregate, rate, selector, sumRate } from './selector';

/** Errors are server-side failures: status 5xx (the shared convention). */
export const ERROR_STATUS_PATTERN = '5..';
/** Client and server errors, for the breakdown by status code. */
export const FAILED_STATUS_PATTERN = '[45]..';

export function requestSelector(c: MetricConvention, scope: readonly LabelMatcher[]): string {
  return selector(c.requestsMetric, [...c.fixedMatchers, ...scope]);
}

export function errorSelector(c: MetricConvention, scope: readonly LabelMatcher[]): string {
  return selector(c.requestsMetric, [
    ...c.fixedMatchers,
    ...scope,
    { label: c.statusLabel, pattern: ERROR_STATUS_PATTERN },
  ]);
}

/** Requests per second. */
export function requestRate(
  c: MetricConvention,
  scope: readonly LabelMatcher[],
  groupBy: readonly string[] = []
): string {
  return sumRate(requestSelector(c, scope), groupBy);
}

/** 5xx responses per second. */
export function errorRate(
  c: MetricConvention,
  scope: readonly LabelMatcher[],
  groupBy: readonly string[] = []
): string {
  return sumRate(errorSelector(c, scope), groupBy);
}

/**
 * Share of requests that failed (0..1). A scope with traffic but no 5xx series at all would drop out
 * of a plain division, so the numerator falls back to `requests * 0`: such a scope reads 0, not
 * "no data".
 */
export function errorRatio(
  c: MetricConvention,
  scope: readonly LabelMatcher[],
  groupBy: readonly string[] = []
): string {
  const requests = requestRate(c, scope, groupBy);
  return `(${errorRate(c, scope, groupBy)} or ${requests} * 0) / ${requests}`;
}

/** Share of requests that succeeded (0..1). */
export function availability(
  c: MetricConvention,
  scope: readonly LabelMatcher[],
  groupBy: readonly string[] = []
): string {
  return `1 - (${errorRatio(c, scope, groupBy)})`;
}

/** A latency histogram: the service's own (MetricConvention) or its client-side calls' (CallConvention). */
type LatencyHistogram = Pick<MetricConvention | CallConvention, 'latencyBucketMetric' | 'latencyUnit' | 'fixedMatchers'>;

/**
 * Latency quantile in seconds from the histogram, one series per `groupBy` (for calls, the callee,
 * usually). Istio's histogram is in milliseconds; dividing the quantile (not the buckets) keeps `le`
 * intact and every latency panel in one unit.
 */
export function latencyQuantile(
  c: LatencyHistogram,
  quantile: number,
  scope: readonly LabelMatcher[],
  groupBy: readonly string[] = []
): string {
  const buckets = selector(c.latencyBucketMetric, [...c.fixedMatchers, ...scope]);
  const expr = `histogram_quantile(${quantile}, ${aggregate('sum', ['le', ...groupBy], rate(buckets))})`;
  return c.latencyUnit === 'milliseconds' ? `${expr} / 1000` : expr;
}


/**
 * Requests per latency bucket over a whole window, `le` kept: `sum by (le) (increase(…[window]))`.
 * Pooling the window's counts before taking a quantile is what a low-traffic group needs; see
 * analytics/canary/pooledQuantile.ts. `le` stays in the histogram's own unit (leSeconds converts).
 */
export function latencyBucketIncrease(c: MetricConvention, scope: readonly LabelMatcher[], window: string): string {
  const buckets = selector(c.latencyBucketMetric, [...c.fixedMatchers, ...scope]);
  return aggregate('sum', ['le'], `increase(${buckets}[${window}])`);
}

/** A bucket's `le` label in seconds (+Inf is Infinity; NaN for a value that is not a number). */
export function leSeconds(c: MetricConvention, le: string): number {
  const text = le.trim();
  const value = text === '+Inf' || text === 'Inf' ? Infinity : text === '' ? NaN : Number(text);
  return c.latencyUnit === 'milliseconds' ? value / 1000 : value;
}

/** Failed requests per second by status code (4xx and 5xx). */
export function failuresByStatus(c: MetricConvention, scope: readonly LabelMatcher[]): string {
  const failed = selector(c.requestsMetric, [
    ...c.fixedMatchers,
    ...scope,
    { label: c.statusLabel, pattern: FAILED_STATUS_PATTERN },
  ]);
  return sumRate(failed, [c.statusLabel]);
}
