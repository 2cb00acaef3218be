// Service Deep-Dive: RED per endpoint and per instance, percentiles, failures by status code, and the
// variables that narrow the page to some instances and endpoints.
import { VAR_ENDPOINT_EXPR, VAR_INSTANCE_EXPR } from '../constants';

import type { MetricConvention } from './conventions';
import { availability, errorRatio, failuresByStatus, latencyQuantile, requestRate, requestSelector } from './red';
import type { LabelMatcher } from './selector';

export const LATENCY_PERCENTILES = [0.5, 0.95, 0.99] as const;

export interface ServiceQueries {
  stats: { requestRate: string; errorRatio: string; availability: string; p95: string };
  byEndpoint: { requestRate: string; errorRatio: string; p95: string };
  byInstance: { requestRate: string; errorRatio: string; p95: string };
  /** One query per entry of LATENCY_PERCENTILES, seconds. */
  percentiles: Array<{ quantile: number; expr: string }>;
  failuresByStatus: string;
}

/** The service (a literal we escape) narrowed by the page's `instance` and `endpoint` variables. */
export function serviceScope(c: MetricConvention, service: string): LabelMatcher[] {
  return [
    { label: c.serviceLabel, equals: service },
    { label: c.instanceLabel, variable: VAR_INSTANCE_EXPR },
    { label: c.endpointLabel, variable: VAR_ENDPOINT_EXPR },
  ];
}

export function serviceQueries(c: MetricConvention, service: string): ServiceQueries {
  const scope = serviceScope(c, service);
  const byEndpoint = [c.endpointLabel];
  const byInstance = [c.instanceLabel];
  return {
    stats: {
      requestRate: requestRate(c, scope),
      errorRatio: errorRatio(c, scope),
      availability: availability(c, scope),
      p95: latencyQuantile(c, 0.95, scope),
    },
    byEndpoint: {
      requestRate: requestRate(c, scope, byEndpoint),
      errorRatio: errorRatio(c, scope, byEndpoint),
      p95: latencyQuantile(c, 0.95, scope, byEndpoint),
    },
    byInstance: {
      requestRate: requestRate(c, scope, byInstance),
      errorRatio: errorRatio(c, scope, byInstance),
      p95: latencyQuantile(c, 0.95, scope, byInstance),
    },
    percentiles: LATENCY_PERCENTILES.map((quantile) => ({ quantile, expr: latencyQuantile(c, quantile, scope) })),
    failuresByStatus: failuresByStatus(c, scope),
  };
}

/** A Grafana `label_values(selector, label)` variable query, kept in parts for the conformance suite. */
export interface LabelValuesQuery {
  selector: string;
  label: string;
  /** What the Prometheus data source's variable editor takes. */
  query: string;
}

function labelValues(selectorExpr: string, label: string): LabelValuesQuery {
  return { selector: selectorExpr, label, query: `label_values(${selectorExpr}, ${label})` };
}

export function serviceVariableQueries(
  c: MetricConvention,
  service: string
): { instance: LabelValuesQuery; endpoint: LabelValuesQuery } {
  const ofService: LabelMatcher = { label: c.serviceLabel, equals: service };
  return {
    instance: labelValues(requestSelector(c, [ofService]), c.instanceLabel),
    // Endpoints follow the instance selection, so picking an instance lists only its routes.
    endpoint: labelValues(
      requestSelector(c, [ofService, { label: c.instanceLabel, variable: VAR_INSTANCE_EXPR }]),
      c.endpointLabel
    ),
  };
}

/** Every service the convention's request counter knows about (used by pickers and checks). */
export function servicesVariableQuery(c: MetricConvention): LabelValuesQuery {
  return labelValues(requestSelector(c, []), c.serviceLabel);
}
