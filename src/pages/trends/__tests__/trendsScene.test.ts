import { dateTime } from '@grafana/data';
import {
  CustomVariable,
  DataSourceVariable,
  QueryVariable,
  type SceneQueryRunner,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
  VizPanel,
  sceneGraph,
} from '@grafana/scenes';

import { allExprs, panelByTitle } from '../../../../tests/support/scenes/sceneTestUtils';
import { DataStatusBanner } from '../../../components/DataStatusBanner/DataStatusBanner';
import type { ForecastPanelOptions } from '../../../panels/forecast/types';
import { allPromQueries } from '../../../queries/catalogue';
import { servicesVariableQuery } from '../../../queries/service';
import { trendsQueries } from '../../../queries/trends';
import { resolveAppSettings } from '../../../settings/resolve';
import { CapacityEstimates } from '../CapacityEstimates';
import { MEMORY_REF_ID, VOLUMES_REF_ID } from '../capacityRows';
import { SeasonalityProfileScene } from '../SeasonalityProfile';
import { buildTrendsScene } from '../trendsScene';
import { parseThreshold } from '../trendsVariables';

const settings = resolveAppSettings({ prometheusDatasourceUid: 'prom-uid', preset: 'prometheus' });

function forecastPanels(scene: ReturnType<typeof buildTrendsScene>): Array<VizPanel<ForecastPanelOptions>> {
  return sceneGraph
    .findAllObjects(scene, (o) => o instanceof VizPanel && o.state.pluginId === 'codesentinel-forecast-panel')
    .map((p) => p as VizPanel<ForecastPanelOptions>);
}

describe('buildTrendsScene', () => {
  test('owns a 7-day time range, the ds / service / threshold variables and the controls', () => {
    const scene = buildTrendsScene(settings);
    const range = scene.state.$timeRange as SceneTimeRange;
    expect(range).toBeInstanceOf(SceneTimeRange);
    expect([range.state.from, range.state.to]).toEqual(['now-7d', 'now']);
    const [ds, service, threshold] = scene.state.$variables!.state.variables;
    expect(ds).toBeInstanceOf(DataSourceVariable);
    expect((ds as DataSourceVariable).state.value).toBe('prom-uid');
    expect(service).toBeInstanceOf(QueryVariable);
    expect(service.state.name).toBe('service');
    expect((service as QueryVariable).state).toMatchObject({
      includeAll: true,
      defaultToAll: true,
      allValue: '(?s:.*)',
      query: { query: servicesVariableQuery(settings.convention).query },
    });
    expect(threshold).toBeInstanceOf(CustomVariable);
    expect(threshold.state.name).toBe('threshold');
    expect((threshold as CustomVariable).state.query).toBe('70,80,85,90,95,98');
    expect((threshold as CustomVariable).getValue()).toBe('90');
    const controls = scene.state.controls ?? [];
    expect(controls.some((c) => c instanceof VariableValueSelectors)).toBe(true);
    expect(controls.some((c) => c instanceof SceneTimePicker)).toBe(true);
    expect(controls.some((c) => c instanceof SceneRefreshPicker)).toBe(true);
    expect(sceneGraph.findObject(scene, (o) => o instanceof DataStatusBanner)).not.toBeNull();
  });

  test('forecasts request rate and p95 through the forecast panel: auto model, 95 % band, units', () => {
    const scene = buildTrendsScene(settings);
    const q = trendsQueries(settings.convention);
    const rate = panelByTitle(scene, 'Request rate forecast') as VizPanel<ForecastPanelOptions>;
    const p95 = panelByTitle(scene, 'p95 latency forecast') as VizPanel<ForecastPanelOptions>;
    const ahead = panelByTitle(scene, 'Request rate, 90 days ahead');
    // The third is the 13-month view's, fed from the long-term store (longTermTrends.test.tsx).
    expect(forecastPanels(scene)).toEqual([rate, p95, ahead]);
    for (const [panel, expr, unit] of [
      [rate, q.requestRate, 'reqps'],
      [p95, q.p95, 's'],
    ] as const) {
      expect(panel.state.options.model).toEqual({ kind: 'auto', periods: '' });
      expect(panel.state.options.forecast).toEqual({ horizon: '1d', confidence: 0.95, trainingWindow: '' });
      expect(panel.state.options.display?.showBand).toBe(true);
      // Only incidents: more traffic or slower than expected, outside a band twice as wide, two points in a row.
      expect(panel.state.options.anomalies).toEqual({
        direction: 'above',
        sensitivity: 0.5,
        minDurationPoints: 2,
        minDeviationPercent: 20,
      });
      expect(panel.state.fieldConfig.defaults.unit).toBe(unit);
      expect(panel.state.description).toContain('95 % prediction interval');
      const runner = panel.state.$data as SceneQueryRunner;
      expect(runner.state.queries).toEqual([
        { refId: 'A', expr, range: true, instant: false, legendFormat: '{{service}}' },
      ]);
    }
  });

  test('time to exhaustion and seasonality are custom objects with their own runners', () => {
    const scene = buildTrendsScene(settings);
    const q = trendsQueries(settings.convention);
    const capacity = sceneGraph.findObject(scene, (o) => o instanceof CapacityEstimates) as CapacityEstimates;
    const capacityRunner = capacity.state.$data as SceneQueryRunner;
    expect(capacityRunner.state.queries.map((x) => [x.refId, x.expr])).toEqual([
      [VOLUMES_REF_ID, q.volumeUsage],
      [MEMORY_REF_ID, q.memoryOfLimit],
      ['cpu-limit', q.cpuOfLimit],
      ['cpu-request', q.cpuOfRequest],
      ['cpu-throttled', q.cpuThrottled],
      ['node-cpu', q.nodeCpu],
      ['node-memory', q.nodeMemory],
      ['node-disk', q.nodeDisk],
    ]);
    const seasonality = sceneGraph.findObject(
      scene,
      (o) => o instanceof SeasonalityProfileScene
    ) as SeasonalityProfileScene;
    expect((seasonality.state.$data as SceneQueryRunner).state.queries.map((x) => x.expr)).toEqual([q.seasonalityRate]);
    expect([seasonality.state.byHour.state.pluginId, seasonality.state.byDay.state.pluginId]).toEqual([
      'barchart',
      'barchart',
    ]);
    expect(seasonality.state.byHour.state.fieldConfig.defaults.unit).toBe('reqps');
  });

  test.each(['otel', 'prometheus', 'istio'] as const)('%s: sends only catalogue queries', (preset) => {
    const s = resolveAppSettings({ preset });
    const catalogue = new Set(allPromQueries(s.convention).map((e) => e.expr));
    const exprs = allExprs(buildTrendsScene(s));
    // Two forecasts, eight saturation queries (volumes, container memory, CPU of limit and of request,
    // CPU throttling, node CPU, memory and disk), the profile, and the banner's request-series count.
    expect(exprs).toHaveLength(12);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
  });

  test('the forecast horizon follows the time range once the scene is active', () => {
    const scene = buildTrendsScene(settings);
    const deactivate = scene.activate();
    const [rate, p95] = forecastPanels(scene);
    expect(rate.state.options.forecast?.horizon).toBe('1d');
    const range = scene.state.$timeRange as SceneTimeRange;
    range.onTimeRangeChange({ from: dateTime(0), to: dateTime(24 * 3_600_000), raw: { from: 'now-24h', to: 'now' } });
    expect([rate.state.options.forecast?.horizon, p95.state.options.forecast?.horizon]).toEqual(['6h', '6h']);
    range.onTimeRangeChange({ from: dateTime(0), to: dateTime(30 * 86_400_000), raw: { from: 'now-30d', to: 'now' } });
    expect(rate.state.options.forecast?.horizon).toBe('2d');
    expect(rate.state.options.forecast?.confidence).toBe(0.95);
    deactivate();
  });
});

describe('parseThreshold', () => {
  test.each<[unknown, number]>([
    ['90', 0.9],
    ['80', 0.8],
    [['95'], 0.95],
    ['91', 0.9],
    ['abc', 0.9],
    [undefined, 0.9],
    ['', 0.9],
    ['NaN', 0.9],
  ])('%p → %p', (value, expected) => {
    expect(parseThreshold(value)).toBe(expected);
  });
});
