// The panels of the Service Deep-Dive. Every query comes from src/queries.
import { PanelBuilders, type VizPanel } from '@grafana/scenes';
import { GraphDrawStyle, StackingMode } from '@grafana/schema';

import type { MetricConvention } from '../../queries/conventions';
import { CADVISOR, CPU_CORES_UNIT, type ResourceQueries } from '../../queries/resources';
import type { ServiceQueries } from '../../queries/service';
import type { SloTargets } from '../../settings/resolve';
import { promRunner, statPanel, timeseriesPanel } from '../shared/panels';
import { legendFor, rangeQuery } from '../shared/sceneParts';
import { availabilityThresholds, errorRatioThresholds, latencyThresholds } from '../shared/thresholds';

export function serviceStats(q: ServiceQueries, slo: SloTargets): VizPanel[] {
  return [
    statPanel({
      title: 'Throughput',
      description: 'Requests per second for the selected instances and endpoints.',
      expr: q.stats.requestRate,
      unit: 'reqps',
    }),
    statPanel({
      title: 'Error rate',
      description: 'Share of 5xx responses.',
      expr: q.stats.errorRatio,
      unit: 'percentunit',
      decimals: 2,
      thresholds: errorRatioThresholds(slo),
    }),
    statPanel({
      title: 'p95 latency',
      description: `95th percentile duration. Target: ${Math.round(slo.latencyP95Seconds * 1000)} ms.`,
      expr: q.stats.p95,
      unit: 's',
      thresholds: latencyThresholds(slo),
    }),
    statPanel({
      title: 'Availability',
      description: 'Share of requests without a 5xx status, green when the SLO is met.',
      expr: q.stats.availability,
      unit: 'percentunit',
      decimals: 3,
      thresholds: availabilityThresholds(slo),
    }),
  ];
}

/** Rate, error ratio and p95 broken down by one label (endpoint or instance). */
function redBy(noun: string, label: string, red: ServiceQueries['byEndpoint']): VizPanel[] {
  const legend = legendFor(label);
  return [
    timeseriesPanel({
      title: `Requests per ${noun}`,
      description: `Request rate per ${noun}.`,
      unit: 'reqps',
      queries: [rangeQuery('A', red.requestRate, legend)],
    }),
    timeseriesPanel({
      title: `Error rate per ${noun}`,
      description: `Share of 5xx responses per ${noun}.`,
      unit: 'percentunit',
      queries: [rangeQuery('A', red.errorRatio, legend)],
    }),
    timeseriesPanel({
      title: `p95 latency per ${noun}`,
      description: `95th percentile duration per ${noun}.`,
      unit: 's',
      queries: [rangeQuery('A', red.p95, legend)],
    }),
  ];
}

export function redByEndpoint(c: MetricConvention, q: ServiceQueries): VizPanel[] {
  return redBy('endpoint', c.endpointLabel, q.byEndpoint);
}

export function redByInstance(c: MetricConvention, q: ServiceQueries): VizPanel[] {
  return redBy('instance', c.instanceLabel, q.byInstance);
}

export function containerResources(r: ResourceQueries): VizPanel[] {
  const legend = legendFor(CADVISOR.podLabel);
  return [
    timeseriesPanel({
      title: 'Container CPU',
      description:
        'CPU cores used by the service container of each instance (cAdvisor container_cpu_usage_seconds_total).',
      unit: CPU_CORES_UNIT,
      queries: [rangeQuery('A', r.cpuCores, legend)],
    }),
    PanelBuilders.timeseries()
      .setTitle('Container memory')
      .setDescription('Working set of the service container per instance; dashed lines are the memory limits.')
      .setData(
        promRunner(rangeQuery('A', r.memoryBytes, legend), rangeQuery('limit', r.memoryLimitBytes, `${legend} limit`))
      )
      .setUnit('bytes')
      .setOverrides((b) =>
        b.matchFieldsByQuery('limit').overrideCustomFieldConfig('lineStyle', { fill: 'dash', dash: [10, 10] })
      )
      .build(),
  ];
}

export function latencyPercentiles(q: ServiceQueries): VizPanel {
  return timeseriesPanel({
    title: 'Latency percentiles',
    description: 'p50, p95 and p99 request duration, from the latency histogram.',
    unit: 's',
    queries: q.percentiles.map(({ quantile, expr }) => {
      const name = `p${Math.round(quantile * 100)}`;
      return rangeQuery(name, expr, name);
    }),
  });
}

export function failuresByStatus(c: MetricConvention, q: ServiceQueries): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle('Failed requests by status code')
    .setDescription('4xx and 5xx responses per second, stacked by status code.')
    .setData(promRunner(rangeQuery('A', q.failuresByStatus, legendFor(c.statusLabel))))
    .setUnit('reqps')
    .setCustomFieldConfig('drawStyle', GraphDrawStyle.Bars)
    .setCustomFieldConfig('fillOpacity', 80)
    .setCustomFieldConfig('stacking', { mode: StackingMode.Normal, group: 'A' })
    .build();
}
