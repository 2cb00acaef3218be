import {
  DataSourceVariable,
  SceneDataTransformer,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
} from '@grafana/scenes';

import { allPromQueries } from '../../../queries/catalogue';
import { overviewQueries } from '../../../queries/overview';
import { resolveAppSettings } from '../../../utils/appSettings';
import { SERVICE_DRILLDOWN_LINK } from '../../../utils/routing';
import { allExprs, panelByTitle, panelTitles } from '../../shared/sceneTestUtils';
import { buildOverviewScene, buildServiceTableScene } from '../overviewScene';

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
    const trend = overrides.find((o) => o.matcher.options === 'Trend');
    expect(trend?.properties).toEqual(
      expect.arrayContaining([{ id: 'custom.cellOptions', value: { type: 'sparkline' } }])
    );
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
