import { FieldType, LoadingState, type PanelData, dateTime, toDataFrame } from '@grafana/data';
import { type SceneDataNode, type SceneQueryRunner, type SceneTimeRange, sceneGraph } from '@grafana/scenes';
import { render, screen } from '@testing-library/react';
import React from 'react';
import { MemoryRouter } from 'react-router-dom';

import { testIds } from '../../../components/testIds';
import { longRangeQuery, longRangeStep, longTermTrendsQuery } from '../../../queries/longRange';
import { resolveAppSettings } from '../../../settings/resolve';
import { FORECAST_MAX_DATA_POINTS } from '../forecastPanels';
import {
  LONG_TERM_FORECAST_HORIZON,
  LONG_TERM_RANGE,
  LongTermTrendsScene,
  growthText,
  totalOf,
} from '../LongTermTrends';
import { chooseStore, describeSource } from '../storeChoice';
import { StoreCaption } from '../storeSwitch';
import { buildTrendsScene } from '../trendsScene';

// The bar charts are Grafana panels; outside Grafana their plugin never loads (they stay empty),
// which is all these tests need: the text around them.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getPluginImportUtils: () => ({
    getPanelPluginFromCache: () => undefined,
    importPanelPlugin: () => new Promise(() => undefined),
  }),
}));

// jsdom has no ResizeObserver; the panels' sizing only needs it to exist.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as { ResizeObserver?: unknown }).ResizeObserver ??= NoResize;

/** The view inside a router, as in the app (its how-to links to the configuration page). */
function show(view: LongTermTrendsScene) {
  render(
    <MemoryRouter>
      <view.Component model={view} />
    </MemoryRouter>
  );
}

const DAY = 86_400_000;
const START = Date.UTC(2025, 10, 1);
const DAYS = 396;

function frame(service: string, f: (d: number) => number) {
  return toDataFrame({
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: Array.from({ length: DAYS }, (_, d) => START + (d + 1) * DAY) },
      {
        name: 'Value',
        type: FieldType.number,
        values: Array.from({ length: DAYS }, (_, d) => f(d)),
        labels: { service },
      },
    ],
  });
}

function done(frames: Array<ReturnType<typeof frame>>): PanelData {
  return {
    state: LoadingState.Done,
    series: frames,
    timeRange: { from: dateTime(START), to: dateTime(START + DAYS * DAY), raw: LONG_TERM_RANGE },
  };
}

const withStore = resolveAppSettings({ longTermDatasourceUid: 'codesentinel-long-term' });

function longTermOf(scene: ReturnType<typeof buildTrendsScene>): LongTermTrendsScene {
  return sceneGraph.findObject(scene, (o) => o instanceof LongTermTrendsScene) as LongTermTrendsScene;
}

describe('chooseStore: the range-based switch', () => {
  const retention = 30 * 86400;
  test.each([
    [7 * 86400, 'codesentinel-long-term', { kind: 'prometheus' }],
    [30 * 86400, 'codesentinel-long-term', { kind: 'prometheus' }],
    [31 * 86400, 'codesentinel-long-term', { kind: 'long-term', uid: 'codesentinel-long-term' }],
    [396 * 86400, undefined, { kind: 'long-term-missing' }],
    [Number.NaN, 'codesentinel-long-term', { kind: 'prometheus' }],
  ])('%p s with %p', (range, uid, expected) => {
    expect(chooseStore(range, retention, uid)).toEqual(expected);
  });

  test('the caption names the store and the aggregate that answered', () => {
    expect(describeSource({ kind: 'long-term', uid: 'x' }, 'codesentinel_1d')).toBe(
      'long-term store (daily aggregates)'
    );
    expect(describeSource({ kind: 'long-term', uid: 'x' }, 'raw')).toBe('long-term store (raw samples)');
    expect(describeSource({ kind: 'prometheus' }, 'raw')).toBe('Prometheus');
  });
});

describe('LongTermTrendsScene', () => {
  test('reads the long-term data source over 13 months, one point a day, with the catalogue query', () => {
    const view = longTermOf(buildTrendsScene(withStore));
    const runner = view.state.$data as SceneQueryRunner;
    expect(runner.state.datasource).toEqual({ type: 'prometheus', uid: 'codesentinel-long-term' });
    expect(runner.state.queries).toEqual([
      expect.objectContaining({ expr: longTermTrendsQuery(withStore.convention).expr, interval: '1d' }),
    ]);
    expect((view.state.$timeRange as SceneTimeRange).state).toMatchObject(LONG_TERM_RANGE);
  });

  test('not configured: says how to set a store up, and queries nothing', () => {
    const view = longTermOf(buildTrendsScene(resolveAppSettings({})));
    expect(view.state.$data).toBeUndefined();
    show(view);
    expect(screen.getByTestId(testIds.trends.longTermUnavailable)).toHaveTextContent('No long-term store configured');
    expect(screen.getByText('app configuration')).toBeInTheDocument();
  });

  test('an error from the store: "unavailable", with what to check and that short ranges still work', () => {
    const view = longTermOf(buildTrendsScene(withStore));
    view.onData({ ...done([]), state: LoadingState.Error, errors: [{ message: 'connection refused' }] });
    show(view);
    const alert = screen.getByTestId(testIds.trends.longTermUnavailable);
    expect(alert).toHaveTextContent('Long-term store unavailable');
    expect(alert).toHaveTextContent('connection refused');
    expect(alert).toHaveTextContent('keeps working from Prometheus');
  });

  test('13 months per service → growth per month with interval, year over year, and the source', () => {
    const view = longTermOf(buildTrendsScene(withStore));
    view.onData(done([frame('checkout', (d) => 100 * Math.pow(1.01, (d * 12) / 365.25)), frame('search', () => 50)]));
    const status = view.state.status;
    expect(status.kind).toBe('done');
    if (status.kind !== 'done') {
      return;
    }
    expect(status.rows.map((r) => r.name)).toEqual(['All selected services', 'checkout', 'search']);
    expect(status.rows[1].trend.growth!.estimate).toBeCloseTo(0.01, 3);
    show(view);
    expect(screen.getByTestId(testIds.trends.longTermSource)).toHaveTextContent('long-term store (daily aggregates)');
    expect(screen.getByTestId(testIds.trends.longTermGrowth)).toHaveTextContent(
      /checkout: \+0\.999 % a month \(95 % interval \+0\.996 % to \+1 %/
    );
    expect(screen.getByTestId(testIds.trends.longTermGrowth)).toHaveTextContent(/Nov 2026 vs Nov 2025/);
  });

  test('the forecast panel gets the same per-service frames and forecasts them 90 days ahead with a 95 % band', () => {
    const view = longTermOf(buildTrendsScene(withStore));
    const { ahead } = view.state;
    expect(ahead.state.pluginId).toBe('codesentinel-forecast-panel');
    expect(ahead.state.options.forecast).toMatchObject({ horizon: LONG_TERM_FORECAST_HORIZON, confidence: 0.95 });
    expect(ahead.state.options.display?.showBand).toBe(true);
    expect(ahead.state.fieldConfig.defaults.unit).toBe('reqps');
    expect(ahead.state.description).toMatch(/95 % prediction interval/);
    expect(ahead.state.description).toMatch(/no time to a threshold/);
    const frames = [frame('checkout', () => 100), frame('search', (d) => 50 + d / 10)];
    view.onData(done(frames));
    const fed = (ahead.state.$data as SceneDataNode).state.data;
    expect(fed.state).toBe(LoadingState.Done);
    expect(fed.series).toEqual(frames);
    show(view);
    expect(screen.getByTestId(testIds.trends.longTermForecast)).toBeInTheDocument();
  });

  test('totalOf sums services per timestamp and skips gaps', () => {
    const total = totalOf([
      { series: { timestamps: [1, 2], values: [1, null] } },
      { series: { timestamps: [2, 3], values: [5, Number.NaN] } },
    ]);
    expect(total).toEqual({ timestamps: [1, 2], values: [1, 5] });
  });

  test('growth text when there are too few months', () => {
    expect(growthText({ months: [], dayOfWeek: [], monthOfYear: [], days: 20 })).toBe(
      'growth: too few whole months for a trend'
    );
  });
});

describe('followStoreForRange: the forecasts switch store with the range', () => {
  const settings = resolveAppSettings({
    prometheusDatasourceUid: 'prom',
    longTermDatasourceUid: 'codesentinel-long-term',
    shortTermRetentionDays: 30,
  });

  function forecastRunners(scene: ReturnType<typeof buildTrendsScene>): SceneQueryRunner[] {
    return sceneGraph
      .findAllObjects(
        scene,
        (o) => (o as { state: { pluginId?: string } }).state.pluginId === 'codesentinel-forecast-panel'
      )
      .map((p) => p.state.$data as SceneQueryRunner);
  }

  const captionText = (scene: ReturnType<typeof buildTrendsScene>) =>
    (sceneGraph.findObject(scene, (o) => o instanceof StoreCaption) as StoreCaption).state.text;

  test('90 days read the hourly aggregates of the long-term store; back to 7 days reads Prometheus again', () => {
    const scene = buildTrendsScene(settings);
    const deactivate = scene.activate();
    const [requests, p95] = forecastRunners(scene);
    const prometheusQueries = requests.state.queries;
    expect(requests.state.datasource?.uid).toBe('${ds}');
    expect(captionText(scene)).toBe('Forecasts read Prometheus (the range is within its 30 days).');

    scene.state.$timeRange!.setState({ from: 'now-90d', to: 'now' });
    (scene.state.$timeRange as SceneTimeRange).onRefresh();
    const step = longRangeStep(90 * 86400, FORECAST_MAX_DATA_POINTS);
    expect(requests.state.datasource).toEqual({ type: 'prometheus', uid: 'codesentinel-long-term' });
    expect(requests.state.queries[0]).toMatchObject({
      expr: longRangeQuery(settings.convention, 'requestRate', step, { useAggregates: true }).expr,
      interval: `${step}s`,
    });
    expect(p95.state.queries[0].expr).toBe(
      longRangeQuery(settings.convention, 'p95', step, { useAggregates: true }).expr
    );
    expect(captionText(scene)).toBe(
      'Forecasts read the long-term store (hourly aggregates): the range is longer than Prometheus keeps (30 days).'
    );

    scene.state.$timeRange!.setState({ from: 'now-7d', to: 'now' });
    (scene.state.$timeRange as SceneTimeRange).onRefresh();
    expect(requests.state.datasource?.uid).toBe('${ds}');
    expect(requests.state.queries).toEqual(prometheusQueries);
    deactivate();
  });

  test('a long range without a long-term store: Prometheus, with a warning that says what to do', () => {
    const scene = buildTrendsScene(resolveAppSettings({ prometheusDatasourceUid: 'prom' }));
    const deactivate = scene.activate();
    scene.state.$timeRange!.setState({ from: 'now-90d', to: 'now' });
    (scene.state.$timeRange as SceneTimeRange).onRefresh();
    expect(forecastRunners(scene)[0].state.datasource?.uid).toBe('${ds}');
    expect(captionText(scene)).toMatch(
      /no long-term store is configured.*Pick a long-term store in the app configuration/
    );
    deactivate();
  });
});
