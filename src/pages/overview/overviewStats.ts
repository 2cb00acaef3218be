import { type VizPanel } from '@grafana/scenes';

import type { OverviewQueries } from '../../queries/overview';
import type { AppSettings } from '../../settings/resolve';
import { statPanel } from '../shared/panels';
import { availabilityThresholds, errorRatioThresholds, latencyThresholds } from '../shared/thresholds';

/** The four headline numbers: throughput, error rate, p95 latency, availability vs SLO. */
export function overviewStats(q: OverviewQueries, settings: AppSettings): VizPanel[] {
  const { slo } = settings;
  const sloPercent = (slo.availabilityRatio * 100).toFixed(2).replace(/\.?0+$/, '');
  return [
    statPanel({
      title: 'Throughput',
      description: 'Requests per second across all services.',
      expr: q.throughput,
      unit: 'reqps',
    }),
    statPanel({
      title: 'Error rate',
      description: `Share of requests answered with a 5xx status. Orange at half the error budget (${(
        (1 - slo.availabilityRatio) *
        50
      ).toPrecision(2)} %), red when the whole budget is spent.`,
      expr: q.errorRatio,
      unit: 'percentunit',
      decimals: 2,
      thresholds: errorRatioThresholds(slo),
    }),
    statPanel({
      title: 'p95 latency',
      description: `95th percentile request duration across all services. Target: ${Math.round(slo.latencyP95Seconds * 1000)} ms.`,
      expr: q.p95,
      unit: 's',
      thresholds: latencyThresholds(slo),
    }),
    statPanel({
      title: 'Availability',
      description: `Share of requests without a 5xx status, against the ${sloPercent} % SLO (green when met).`,
      expr: q.availability,
      unit: 'percentunit',
      decimals: 3,
      thresholds: availabilityThresholds(slo),
    }),
  ];
}
