import { PanelBuilders, SceneDataTransformer, SceneQueryRunner, type VizPanel } from '@grafana/scenes';
import { TableCellBackgroundDisplayMode, TableCellDisplayMode } from '@grafana/schema';

import { PROMETHEUS_DS_REF } from '../../constants';
import type { OverviewQueries } from '../../queries/overview';
import type { AppSettings } from '../../utils/appSettings';
import { SERVICE_DRILLDOWN_LINK } from '../../utils/routing';
import { instantQuery, rangeQuery } from '../shared/sceneParts';
import { availabilityThresholds, errorRatioThresholds, latencyThresholds } from '../shared/thresholds';

/** refIds of the table's queries; the instant ones become `Value #<refId>` columns. */
export const TABLE_REFS = {
  trend: 'trend',
  rate: 'rate',
  errors: 'errors',
  p95: 'p95',
  availability: 'availability',
} as const;

export const TABLE_COLUMNS = {
  service: 'Service',
  trend: 'Trend',
  rate: 'Requests/s',
  errors: 'Error rate',
  p95: 'p95 latency',
  availability: 'Availability',
} as const;

export function serviceTableQueries(q: OverviewQueries) {
  return [
    rangeQuery(TABLE_REFS.trend, q.perService.trend),
    instantQuery(TABLE_REFS.rate, q.perService.requestRate),
    instantQuery(TABLE_REFS.errors, q.perService.errorRatio),
    instantQuery(TABLE_REFS.p95, q.perService.p95),
    instantQuery(TABLE_REFS.availability, q.perService.availability),
  ];
}

/**
 * One row per service: the trend range query becomes a sparkline column (timeSeriesTable), the
 * instant queries are joined on the service label, and rows are sorted worst availability first.
 */
export function serviceTableTransformer(q: OverviewQueries): SceneDataTransformer {
  return new SceneDataTransformer({
    $data: new SceneQueryRunner({ datasource: PROMETHEUS_DS_REF, queries: serviceTableQueries(q) }),
    transformations: [
      { id: 'timeSeriesTable', options: {} },
      { id: 'joinByField', options: { byField: q.serviceLabel, mode: 'outer' } },
      // Each joined frame brings its own Time column ("Time 1", "Time 2", ...). A bare pattern is
      // anchored (^...$) by Grafana, hence the /slash/ form.
      { id: 'filterFieldsByName', options: { exclude: { pattern: '/^Time( \\d+)?$/' } } },
      {
        id: 'organize',
        options: {
          renameByName: {
            [q.serviceLabel]: TABLE_COLUMNS.service,
            Trend: TABLE_COLUMNS.trend,
            [`Trend #${TABLE_REFS.trend}`]: TABLE_COLUMNS.trend,
            [`Value #${TABLE_REFS.rate}`]: TABLE_COLUMNS.rate,
            [`Value #${TABLE_REFS.errors}`]: TABLE_COLUMNS.errors,
            [`Value #${TABLE_REFS.p95}`]: TABLE_COLUMNS.p95,
            [`Value #${TABLE_REFS.availability}`]: TABLE_COLUMNS.availability,
          },
        },
      },
      { id: 'sortBy', options: { sort: [{ field: TABLE_COLUMNS.availability, desc: false }] } },
    ],
  });
}

export function serviceTable(q: OverviewQueries, settings: AppSettings): VizPanel {
  const { slo } = settings;
  return PanelBuilders.table()
    .setTitle('Services')
    .setDescription('One row per service, worst availability first. Click a service to open its deep-dive.')
    .setData(serviceTableTransformer(q))
    .setNoValue('No services found')
    .setOption('sortBy', [{ displayName: TABLE_COLUMNS.availability, desc: false }])
    .setOverrides((b) =>
      b
        .matchFieldsWithName(TABLE_COLUMNS.service)
        .overrideLinks([{ title: 'Open Service Deep-Dive', url: SERVICE_DRILLDOWN_LINK }])
        .matchFieldsWithName(TABLE_COLUMNS.trend)
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.Sparkline })
        .overrideUnit('reqps')
        .overrideCustomFieldConfig('width', 180)
        .matchFieldsWithName(TABLE_COLUMNS.rate)
        .overrideUnit('reqps')
        .overrideDecimals(2)
        .matchFieldsWithName(TABLE_COLUMNS.errors)
        .overrideUnit('percentunit')
        .overrideDecimals(2)
        .overrideThresholds(errorRatioThresholds(slo))
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.ColorText })
        .matchFieldsWithName(TABLE_COLUMNS.p95)
        .overrideUnit('s')
        .overrideThresholds(latencyThresholds(slo))
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.ColorText })
        .matchFieldsWithName(TABLE_COLUMNS.availability)
        .overrideUnit('percentunit')
        .overrideDecimals(3)
        .overrideThresholds(availabilityThresholds(slo))
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', {
          type: TableCellDisplayMode.ColorBackground,
          mode: TableCellBackgroundDisplayMode.Basic,
        })
    )
    .build();
}
