// The metrics the Canary Analysis page compares and the thresholds it judges with, from the app's
// jsonData (`canary`), validated and defaulted here so a hand-edited provisioning file cannot break
// the verdict.
import { type CanaryThresholds, type Direction, type MetricConfig, resolveThresholds } from '../analytics';
import type { CanaryMetricId } from '../queries/canary';

import { DEFAULT_MIN_CANARY_REQUESTS } from './defaults';
import type { CanarySettings } from './jsonData';

/**
 * 'error-count' is judged from window totals (count test); the latency quantiles from the window's
 * histogram buckets pooled per group (a per-step quantile of a low-traffic canary reads high); the
 * rest from per-step samples.
 */
export type CanaryPageMetricId = CanaryMetricId | 'error-count';

export interface CanaryPageMetric extends MetricConfig {
  id: CanaryPageMetricId;
  /** Grafana unit id for charts and values. */
  grafanaUnit: string;
}

/**
 * `tolerance` is each metric's allowed change, relative to the baseline (for latency, the baseline's
 * quantile over the window): a shift whose interval stays inside it is "no relevant change", however significant (p95 latency +5 %, as in the
 * issue's example; tails and resources are noisier, so 10 %).
 */
export const DEFAULT_CANARY_METRICS: readonly CanaryPageMetric[] = [
  {
    id: 'p50',
    label: 'p50 latency',
    kind: 'quantile',
    quantile: 0.5,
    direction: 'increase-is-bad',
    unit: 's',
    grafanaUnit: 's',
    tolerance: 0.05,
  },
  {
    id: 'p95',
    label: 'p95 latency',
    kind: 'quantile',
    quantile: 0.95,
    direction: 'increase-is-bad',
    critical: true,
    mustHaveData: true,
    unit: 's',
    grafanaUnit: 's',
    tolerance: 0.05,
  },
  {
    id: 'p99',
    label: 'p99 latency',
    kind: 'quantile',
    quantile: 0.99,
    direction: 'increase-is-bad',
    unit: 's',
    grafanaUnit: 's',
    tolerance: 0.1,
  },
  // A step without requests has no error ratio; dropping it is right (it says nothing either way).
  {
    id: 'error-ratio',
    label: 'error rate',
    kind: 'continuous',
    direction: 'increase-is-bad',
    critical: true,
    nanPolicy: 'drop',
    grafanaUnit: 'percentunit',
    tolerance: 0.1,
  },
  {
    id: 'error-count',
    label: 'error count',
    kind: 'count',
    direction: 'increase-is-bad',
    critical: true,
    grafanaUnit: 'short',
    tolerance: 0.1,
  },
  // Grafana has no CPU-cores unit; a custom suffix unit ("0.0379 cores") says what the number counts.
  {
    id: 'cpu',
    label: 'CPU per pod',
    kind: 'continuous',
    direction: 'increase-is-bad',
    unit: 'cores',
    grafanaUnit: 'suffix:cores',
    tolerance: 0.1,
  },
  {
    id: 'memory',
    label: 'memory per pod',
    kind: 'continuous',
    direction: 'increase-is-bad',
    unit: 'bytes',
    grafanaUnit: 'bytes',
    tolerance: 0.1,
  },
];

const DIRECTIONS: readonly Direction[] = ['increase-is-bad', 'decrease-is-bad', 'either'];

export interface CanaryPageConfig {
  metrics: CanaryPageMetric[];
  thresholds: CanaryThresholds;
  minCanaryRequests: number;
}

export function resolveCanaryConfig(settings?: CanarySettings | null): CanaryPageConfig {
  const s = settings ?? {};
  const overrides = s.metrics ?? {};
  const metrics = DEFAULT_CANARY_METRICS.filter((m) => overrides[m.id]?.enabled !== false).map(
    (m): CanaryPageMetric => {
      const o = overrides[m.id] ?? {};
      return {
        ...m,
        critical: typeof o.critical === 'boolean' ? o.critical : m.critical,
        direction: o.direction && DIRECTIONS.includes(o.direction) ? o.direction : m.direction,
        tolerance:
          typeof o.tolerance === 'number' && Number.isFinite(o.tolerance) && o.tolerance >= 0
            ? o.tolerance
            : m.tolerance,
      };
    }
  );
  const minRequests = s.minCanaryRequests;
  return {
    metrics,
    thresholds: resolveThresholds({
      alpha: s.alpha,
      passScore: s.passScore,
      marginalScore: s.marginalScore,
      minSamples: s.minSamples,
      maxUnjudgedShare: s.maxUnjudgedShare,
      promoteWhen: s.promoteWhen,
    }),
    minCanaryRequests:
      typeof minRequests === 'number' && Number.isFinite(minRequests) && minRequests >= 0
        ? minRequests
        : DEFAULT_MIN_CANARY_REQUESTS,
  };
}
