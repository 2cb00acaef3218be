// From a selection to the judge's input: the page's own catalogue queries (src/queries/canary),
// sent straight to Prometheus over the analysis window.
import type { MetricData } from '../src/analytics';
import { type CanarySelection, canaryQueries, resolveSplit } from '../src/queries/canary';
import { substituteTemplateVariables } from '../src/queries/catalogueTypes';
import type { MetricConvention } from '../src/queries/conventions';
import { leSeconds } from '../src/queries/red';
import type { CanaryPageMetric } from '../src/settings/canary';

import type { PrometheusClient } from './prometheus';

export interface Window {
  /** Unix seconds. */
  end: number;
  seconds: number;
  stepSeconds: number;
  /** What Grafana would put in for `$__rate_interval`. */
  rateIntervalSeconds: number;
}

export interface CollectedData {
  data: Record<string, MetricData | undefined>;
  totals: { canaryRequests?: number; baselineRequests?: number };
  /** e.g. `destination_version = canary vs stable` */
  splitDescription: string;
}

export class SelectionError extends Error {}

/** Grafana's `$__rate_interval` for a step and scrape interval: max(step + scrape, 4 × scrape). */
export function rateIntervalFor(stepSeconds: number, scrapeSeconds: number): number {
  return Math.max(stepSeconds + scrapeSeconds, 4 * scrapeSeconds);
}

export async function collectCanaryData(
  client: PrometheusClient,
  convention: MetricConvention,
  selection: CanarySelection,
  metrics: readonly CanaryPageMetric[],
  w: Window
): Promise<CollectedData> {
  const resolved = resolveSplit(convention, selection);
  if (!resolved.ok) {
    throw new SelectionError(resolved.reason);
  }
  const q = canaryQueries(convention, resolved.split, w.seconds);
  const expr = (text: string) => substituteTemplateVariables(text, { $__rate_interval: `${w.rateIntervalSeconds}s` });
  const start = w.end - w.seconds;
  const range = (text: string) => client.rangeValues(expr(text), start, w.end, w.stepSeconds);
  const total = (text: string) => client.instantTotal(expr(text), w.end);
  // Requests per latency bucket over the window, once per group for every quantile metric.
  const buckets = async (text: string) =>
    (await client.instantByLabel(expr(text), w.end, 'le')).map((b) => ({
      le: leSeconds(convention, b.label),
      count: b.value,
    }));
  const pooled = metrics.some((m) => m.kind === 'quantile')
    ? await Promise.all([buckets(q.groups.canary.latencyBuckets), buckets(q.groups.baseline.latencyBuckets)])
    : undefined;
  const [canaryRequests, baselineRequests, canaryErrors, baselineErrors] = await Promise.all([
    total(q.groups.canary.requestCount),
    total(q.groups.baseline.requestCount),
    total(q.groups.canary.errorCount),
    total(q.groups.baseline.errorCount),
  ]);
  const data: Record<string, MetricData | undefined> = {};
  for (const m of metrics) {
    if (m.id === 'error-count') {
      data[m.id] =
        canaryRequests === undefined || baselineRequests === undefined
          ? undefined
          : {
              canaryCount: canaryErrors ?? 0,
              canaryExposure: canaryRequests,
              baselineCount: baselineErrors ?? 0,
              baselineExposure: baselineRequests,
            };
      continue;
    }
    if (m.kind === 'quantile' && pooled) {
      data[m.id] = { canaryBuckets: pooled[0], baselineBuckets: pooled[1] };
      continue;
    }
    const [canary, baseline] = await Promise.all([
      range(q.groups.canary.metrics[m.id]),
      range(q.groups.baseline.metrics[m.id]),
    ]);
    data[m.id] = { canary, baseline };
  }
  return { data, totals: { canaryRequests, baselineRequests }, splitDescription: resolved.split.description };
}
