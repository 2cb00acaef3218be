import {
  PanelBuilders,
  SceneDataTransformer,
  SceneFlexItem,
  SceneQueryRunner,
  type SceneDataState,
  type SceneFlexItemState,
  type VizPanel,
} from '@grafana/scenes';
import { TableCellBackgroundDisplayMode, TableCellDisplayMode, type TableSparklineCellOptions } from '@grafana/schema';

import { PROMETHEUS_DS_REF } from '../../constants';
import type { OverviewQueries } from '../../queries/overview';
import type { AppSettings } from '../../settings/resolve';
import { SERVICE_DRILLDOWN_LINK } from '../../utils/routing';
import { SPARKLINE_MAX_POINTS } from '../shared/panels';
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

/**
 * The Trend column is only the shape of the last hour. Its number would be the last point of the
 * range query, which sits on a step boundary and so disagrees with the instant Requests/s column in
 * the same row; the sparkline therefore hides it and Requests/s is the one number per service.
 */
export const TREND_CELL_OPTIONS: TableSparklineCellOptions = {
  type: TableCellDisplayMode.Sparkline,
  hideValue: true,
};
/** Wide enough for an hour of shape at a glance, narrow enough to leave the numbers room. */
export const TREND_COLUMN_WIDTH = 200;

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
    // Only the trend is a range query; its sparkline needs no finer step (see SPARKLINE_MAX_POINTS).
    $data: new SceneQueryRunner({
      datasource: PROMETHEUS_DS_REF,
      queries: serviceTableQueries(q),
      maxDataPoints: SPARKLINE_MAX_POINTS,
    }),
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
        .overrideCustomFieldConfig('cellOptions', TREND_CELL_OPTIONS)
        .overrideUnit('reqps')
        .overrideCustomFieldConfig('width', TREND_COLUMN_WIDTH)
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

/** Grafana's table geometry at the default cell height: panel title bar plus header row, then rows. */
const TABLE_CHROME_PX = 84;
const TABLE_ROW_PX = 36;
/** Room for the "No services found" message, and the most rows shown before the table scrolls. */
const MIN_TABLE_ROWS = 2;
const MAX_TABLE_ROWS = 12;

/** Height that fits `rows` table rows without an empty band below them (scrolls past the maximum). */
export function tableHeightForRows(rows: number): number {
  const shown = Math.min(MAX_TABLE_ROWS, Math.max(MIN_TABLE_ROWS, Number.isFinite(rows) ? Math.floor(rows) : 0));
  return TABLE_CHROME_PX + shown * TABLE_ROW_PX;
}

/**
 * The service table in a flex item whose height follows the number of services, so a five-service
 * system does not leave a tall empty panel (a fixed minHeight cannot know the row count).
 */
export function serviceTableItem(q: OverviewQueries, settings: AppSettings, expectedRows = 5): SceneFlexItem {
  const table = serviceTable(q, settings);
  const sizeToRows = (item: SceneFlexItem) => {
    const data = table.state.$data;
    if (!data) {
      return;
    }
    const resize = (state: SceneDataState) => {
      const rows = state.data?.series[0]?.length;
      if (rows !== undefined) {
        const height = tableHeightForRows(rows);
        if (height !== item.state.height) {
          item.setState({ height } satisfies Partial<SceneFlexItemState>);
        }
      }
    };
    resize(data.state);
    const sub = data.subscribeToState(resize);
    return () => sub.unsubscribe();
  };
  return new SceneFlexItem({ height: tableHeightForRows(expectedRows), body: table, $behaviors: [sizeToRows] });
}
