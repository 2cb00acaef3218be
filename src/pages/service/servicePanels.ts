// The panels of the Service Deep-Dive's tabs. Every query comes from src/queries.
import { PanelBuilders, SceneQueryRunner, type VizPanel } from '@grafana/scenes';
import { BigValueGraphMode, GraphDrawStyle, StackingMode } from '@grafana/schema';

import { PROMETHEUS_DS_REF } from '../../constants';
import type { MetricConvention } from '../../queries/conventions';
import { CADVISOR, type ResourceQueries } from '../../queries/resources';
import type { ServiceQueries } from '../../queries/service';
import type { SloTargets } from '../../queries/settings';
import { type PromQuery, legendFor, rangeQuery } from '../shared/sceneParts';
import { availabilityThresholds, errorRatioThresholds, latencyThresholds } from '../shared/thresholds';

function runner(...queries: PromQuery[]): SceneQueryRunner {
  return new SceneQueryRunner({ datasource: PROMETHEUS_DS_REF, queries });
}

function timeseries(title: string, description: string, unit: string, ...queries: PromQuery[]): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle(title)
    .setDescription(description)
    .setData(runner(...queries))
    .setUnit(unit)
    .build();
}

export function serviceStats(q: ServiceQueries, slo: SloTargets): VizPanel[] {
  const stat = (title: string, description: string, expr: string, unit: string) =>
    PanelBuilders.stat()
      .setTitle(title)
      .setDescription(description)
      .setData(runner(rangeQuery('A', expr)))
      .setUnit(unit)
      .setNoValue('No data')
      .setOption('reduceOptions', { calcs: ['lastNotNull'], values: false, fields: '' })
      .setOption('graphMode', BigValueGraphMode.Area);
  return [
    stat('Throughput', 'Requests per second for the selected instances and endpoints.', q.stats.requestRate, 'reqps')
      .setColor({ mode: 'fixed', fixedColor: 'text' })
      .build(),
    stat('Error rate', 'Share of 5xx responses.', q.stats.errorRatio, 'percentunit')
      .setDecimals(2)
      .setThresholds(errorRatioThresholds(slo))
      .setColor({ mode: 'thresholds' })
      .build(),
    stat(
      'p95 latency',
      `95th percentile duration. Target: ${Math.round(slo.latencyP95Seconds * 1000)} ms.`,
      q.stats.p95,
      's'
    )
      .setThresholds(latencyThresholds(slo))
      .setColor({ mode: 'thresholds' })
      .build(),
    stat(
      'Availability',
      'Share of requests without a 5xx status, green when the SLO is met.',
      q.stats.availability,
      'percentunit'
    )
      .setDecimals(3)
      .setThresholds(availabilityThresholds(slo))
      .setColor({ mode: 'thresholds' })
      .build(),
  ];
}

export function redByEndpoint(c: MetricConvention, q: ServiceQueries): VizPanel[] {
  const legend = legendFor(c.endpointLabel);
  return [
    timeseries(
      'Requests per endpoint',
      'Request rate per endpoint.',
      'reqps',
      rangeQuery('A', q.byEndpoint.requestRate, legend)
    ),
    timeseries(
      'Error rate per endpoint',
      'Share of 5xx responses per endpoint.',
      'percentunit',
      rangeQuery('A', q.byEndpoint.errorRatio, legend)
    ),
    timeseries(
      'p95 latency per endpoint',
      '95th percentile duration per endpoint.',
      's',
      rangeQuery('A', q.byEndpoint.p95, legend)
    ),
  ];
}

export function redByInstance(c: MetricConvention, q: ServiceQueries): VizPanel[] {
  const legend = legendFor(c.instanceLabel);
  return [
    timeseries(
      'Requests per instance',
      'Request rate per instance.',
      'reqps',
      rangeQuery('A', q.byInstance.requestRate, legend)
    ),
    timeseries(
      'Error rate per instance',
      'Share of 5xx responses per instance.',
      'percentunit',
      rangeQuery('A', q.byInstance.errorRatio, legend)
    ),
    timeseries(
      'p95 latency per instance',
      '95th percentile duration per instance.',
      's',
      rangeQuery('A', q.byInstance.p95, legend)
    ),
  ];
}

export function containerResources(r: ResourceQueries): VizPanel[] {
  const legend = legendFor(CADVISOR.podLabel);
  return [
    timeseries(
      'Container CPU',
      'CPU cores used by the service container of each instance (cAdvisor container_cpu_usage_seconds_total).',
      'short',
      rangeQuery('A', r.cpuCores, legend)
    ),
    PanelBuilders.timeseries()
      .setTitle('Container memory')
      .setDescription('Working set of the service container per instance; dashed lines are the memory limits.')
      .setData(
        runner(rangeQuery('A', r.memoryBytes, legend), rangeQuery('limit', r.memoryLimitBytes, `${legend} limit`))
      )
      .setUnit('bytes')
      .setOverrides((b) =>
        b.matchFieldsByQuery('limit').overrideCustomFieldConfig('lineStyle', { fill: 'dash', dash: [10, 10] })
      )
      .build(),
  ];
}

export function latencyPercentiles(q: ServiceQueries): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle('Latency percentiles')
    .setDescription('p50, p95 and p99 request duration, from the latency histogram.')
    .setData(
      runner(
        ...q.percentiles.map(({ quantile, expr }) =>
          rangeQuery(`p${Math.round(quantile * 100)}`, expr, `p${Math.round(quantile * 100)}`)
        )
      )
    )
    .setUnit('s')
    .build();
}

export function failuresByStatus(c: MetricConvention, q: ServiceQueries): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle('Failed requests by status code')
    .setDescription('4xx and 5xx responses per second, stacked by status code.')
    .setData(runner(rangeQuery('A', q.failuresByStatus, legendFor(c.statusLabel))))
    .setUnit('reqps')
    .setCustomFieldConfig('drawStyle', GraphDrawStyle.Bars)
    .setCustomFieldConfig('fillOpacity', 80)
    .setCustomFieldConfig('stacking', { mode: StackingMode.Normal, group: 'A' })
    .build();
}
