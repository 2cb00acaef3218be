import { FieldType, LoadingState, dateTime, toDataFrame } from '@grafana/data';
import {
  DataSourceVariable,
  SceneDataTransformer,
  SceneFlexItem,
  type SceneFlexLayout,
  type SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
} from '@grafana/scenes';

import { allExprs, panelByTitle, panelTitles } from '../../../../tests/support/scenes/sceneTestUtils';
import { DataStatusBanner } from '../../../components/DataStatusBanner/DataStatusBanner';
import { allPromQueries } from '../../../queries/catalogue';
import { overviewQueries } from '../../../queries/overview';
import { resolveAppSettings } from '../../../settings/resolve';
import { SERVICE_DRILLDOWN_LINK } from '../../../utils/routing';
import { SPARKLINE_MAX_POINTS } from '../../shared/panels';
import { buildOverviewScene, buildServiceTableScene } from '../overviewScene';
import { TREND_COLUMN_WIDTH, serviceTableItem, tableHeightForRows } from '../serviceTable';

const settings = resolveAppSettings({
  prometheusDatasourceUid: 'prom-uid',
  preset: 'prometheus',
  sloAvailabilityPercent: 99,
  sloLatencyP95Ms: 250,
});

describe('buildOverviewScene', () => {
  const scene = buildOverviewScene(settings);

  it('owns the time range, the ds variable and the controls', () => {
    expect(scene.state.$timeRange).toBeInstanceOf(SceneTimeRange);
    const [ds] = scene.state.$variables!.state.variables;
    expect(ds).toBeInstanceOf(DataSourceVariable);
    expect(ds.state.name).toBe('ds');
    expect((ds as DataSourceVariable).state.pluginId).toBe('prometheus');
    expect((ds as DataSourceVariable).state.value).toBe('prom-uid');
    const controls = scene.state.controls ?? [];
    expect(controls.some((c) => c instanceof VariableValueSelectors)).toBe(true);
    expect(controls.some((c) => c instanceof SceneTimePicker)).toBe(true);
    expect(controls.some((c) => c instanceof SceneRefreshPicker)).toBe(true);
  });

  it('shows the four stats, the service table and per-service trends', () => {
    expect(panelTitles(scene)).toEqual([
      'Throughput',
      'Error rate',
      'p95 latency',
      'Availability',
      'Services',
      'Requests per service',
      'Error rate per service',
      'p95 latency per service',
    ]);
  });

  it('sends only catalogue queries, all through the ds variable', () => {
    const catalogue = new Set(allPromQueries(settings.convention).map((e) => e.expr));
    const exprs = allExprs(scene);
    expect(exprs.length).toBeGreaterThan(10);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
    const q = overviewQueries(settings.convention);
    expect(exprs).toEqual(expect.arrayContaining([q.throughput, q.errorRatio, q.p95, q.availability]));
  });

  it('gives stats units and SLO-derived thresholds', () => {
    const availability = panelByTitle(scene, 'Availability').state.fieldConfig.defaults;
    expect(availability.unit).toBe('percentunit');
    expect(availability.thresholds?.steps.map((s) => [s.value, s.color])).toEqual([
      [-Infinity, 'red'],
      [0.99, 'green'],
    ]);
    const p95 = panelByTitle(scene, 'p95 latency').state.fieldConfig.defaults;
    expect(p95.unit).toBe('s');
    expect(p95.thresholds?.steps.map((s) => s.value)).toEqual([-Infinity, 0.2, 0.25]);
    expect(panelByTitle(scene, 'Throughput').state.fieldConfig.defaults.unit).toBe('reqps');
    // Threshold lines on time series are only drawn with a thresholdsStyle.
    const perServiceErrors = panelByTitle(scene, 'Error rate per service').state.fieldConfig.defaults;
    expect(perServiceErrors.custom).toMatchObject({ thresholdsStyle: { mode: 'dashed' } });
    expect(perServiceErrors.thresholds?.steps.map((s) => s.color)).toEqual(['green', 'orange', 'red']);
    expect(panelByTitle(scene, 'Error rate').state.fieldConfig.defaults.thresholds?.steps.map((s) => s.value)).toEqual([
      -Infinity,
      expect.closeTo(0.005, 10),
      expect.closeTo(0.01, 10),
    ]);
  });

  it('builds the service table: sparkline, join on the service label, worst first, link to the deep-dive', () => {
    const table = panelByTitle(scene, 'Services');
    const transformer = table.state.$data as SceneDataTransformer;
    expect(transformer).toBeInstanceOf(SceneDataTransformer);
    const ids = transformer.state.transformations.map((t) => ('id' in t ? t.id : 'custom'));
    expect(ids).toEqual(['timeSeriesTable', 'joinByField', 'filterFieldsByName', 'organize', 'sortBy']);
    const join = transformer.state.transformations[1] as { options: { byField: string } };
    expect(join.options.byField).toBe('service');
    const sort = transformer.state.transformations[4] as { options: { sort: Array<{ field: string; desc: boolean }> } };
    expect(sort.options.sort).toEqual([{ field: 'Availability', desc: false }]);

    const overrides = table.state.fieldConfig.overrides;
    const serviceColumn = overrides.find((o) => o.matcher.options === 'Service');
    expect(serviceColumn?.properties).toEqual([
      { id: 'links', value: [{ title: 'Open Service Deep-Dive', url: SERVICE_DRILLDOWN_LINK }] },
    ]);
    expect(SERVICE_DRILLDOWN_LINK).toBe(
      '/a/codesentinel-analytics-app/services/${__value.text:percentencode}?${__url_time_range}&${ds:queryparam}'
    );
    // A sparkline-only cell: its number (last range point) disagreed with the Requests/s column.
    const trend = overrides.find((o) => o.matcher.options === 'Trend');
    expect(trend?.properties).toEqual(
      expect.arrayContaining([
        { id: 'custom.cellOptions', value: { type: 'sparkline', hideValue: true } },
        { id: 'custom.width', value: TREND_COLUMN_WIDTH },
      ])
    );
  });

  it('asks for sparkline-sized steps, so rate() spans sparse samples and the sparklines have no gaps', () => {
    for (const title of ['Throughput', 'Error rate', 'p95 latency', 'Availability']) {
      expect((panelByTitle(scene, title).state.$data as SceneQueryRunner).state.maxDataPoints).toBe(
        SPARKLINE_MAX_POINTS
      );
    }
    const table = panelByTitle(scene, 'Services').state.$data as SceneDataTransformer;
    expect((table.state.$data as SceneQueryRunner).state.maxDataPoints).toBe(SPARKLINE_MAX_POINTS);
  });

  it('puts the status banner directly in the column layout, so an empty banner takes no space', () => {
    const body = scene.state.body as SceneFlexLayout;
    expect(body.state.children[0]).toBeInstanceOf(DataStatusBanner);
    expect(
      body.state.children.filter((c) => c instanceof SceneFlexItem && c.state.body instanceof DataStatusBanner)
    ).toEqual([]);
  });

  it('sizes the service table to its rows instead of a tall fixed minimum', () => {
    const item = (scene.state.body as SceneFlexLayout).state.children.find(
      (c) => c instanceof SceneFlexItem && c.state.body === panelByTitle(scene, 'Services')
    ) as SceneFlexItem;
    expect(item.state.minHeight).toBeUndefined();
    expect(item.state.height).toBe(tableHeightForRows(5));
  });

  it('switches to recording rules when configured', () => {
    const rules = resolveAppSettings({ useRecordingRules: true });
    const exprs = allExprs(buildOverviewScene(rules));
    expect(exprs).toContain('sum(codesentinel:service_requests:rate5m)');
    expect(exprs).toContain('sum by (service) (codesentinel:service_requests:rate5m)');
  });

  it('leaves ds empty (Grafana default) when no data source is configured', () => {
    const ds = buildOverviewScene(resolveAppSettings({})).state.$variables!.state.variables[0];
    expect((ds as DataSourceVariable).state.value).toBe('');
  });
});

describe('buildServiceTableScene', () => {
  it('shows only the service table with its own ds variable', () => {
    const scene = buildServiceTableScene(settings);
    expect(panelTitles(scene)).toEqual(['Services']);
    expect(scene.state.$variables!.state.variables.map((v) => v.state.name)).toEqual(['ds']);
  });
});

describe('service table height', () => {
  it('grows one row height per service, keeps room for the empty message and stops growing at 12 rows', () => {
    expect(tableHeightForRows(6) - tableHeightForRows(5)).toBe(36);
    expect(tableHeightForRows(0)).toBe(tableHeightForRows(2));
    expect(tableHeightForRows(NaN)).toBe(tableHeightForRows(2));
    expect(tableHeightForRows(500)).toBe(tableHeightForRows(12));
    expect(tableHeightForRows(5)).toBeLessThan(360);
  });

  it('follows the number of rows the table receives', () => {
    const item = serviceTableItem(overviewQueries(settings.convention), settings);
    item.activate();
    const transformer = (item.state.body as ReturnType<typeof panelByTitle>).state.$data as SceneDataTransformer;
    const rows = (n: number) =>
      toDataFrame({ fields: [{ name: 'Service', type: FieldType.string, values: Array.from({ length: n }, String) }] });
    const timeRange = { from: dateTime(0), to: dateTime(1), raw: { from: 'now-1h', to: 'now' } };
    transformer.setState({ data: { state: LoadingState.Done, series: [rows(9)], timeRange } });
    expect(item.state.height).toBe(tableHeightForRows(9));
    transformer.setState({ data: { state: LoadingState.Done, series: [rows(3)], timeRange } });
    expect(item.state.height).toBe(tableHeightForRows(3));
  });
});
