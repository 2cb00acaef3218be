import { type DataFrame, FieldType, LoadingState, type PanelData, dateTime, toDataFrame } from '@grafana/data';
import {
  type CustomVariable,
  type QueryVariable,
  type SceneDataNode,
  type SceneQueryRunner,
  sceneGraph,
} from '@grafana/scenes';
import { act, fireEvent, render, screen } from '@testing-library/react';
import React from 'react';

import { testIds } from '../../../components/testIds';
import type { ForecastPanelOptions } from '../../../panels/forecast/types';
import { capacityTargetQuery } from '../../../queries/trends';
import { resolveAppSettings } from '../../../settings/resolve';
import { CapacityEstimates } from '../CapacityEstimates';
import { type CapacityRow, MEMORY_REF_ID, VOLUMES_REF_ID } from '../capacityRows';
import { CapacityView, crossingMeaning } from '../CapacityView';
import { SeasonalityProfileScene } from '../SeasonalityProfile';
import { buildTrendsScene } from '../trendsScene';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 10, 2);
const HOURS = 168;
const END = MONDAY + (HOURS - 1) * HOUR;

function series(
  refId: string,
  labels: Record<string, string>,
  f: (i: number) => number | null,
  hours = HOURS
): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: Array.from({ length: hours }, (_, i) => MONDAY + i * HOUR) },
      { name: 'Value', type: FieldType.number, values: Array.from({ length: hours }, (_, i) => f(i)), labels },
    ],
  });
}

function done(frames: DataFrame[]): PanelData {
  return {
    state: LoadingState.Done,
    series: frames,
    timeRange: { from: dateTime(MONDAY), to: dateTime(END), raw: { from: 'now-7d', to: 'now' } },
  };
}

const wobble = (i: number) => 0.002 * Math.sin(i * 1.3);
// search-data is at 80 % and reaches 90 % ~67 h after the last sample; checkout-data is at 55 % and
// needs ~290 h for 90 % (past the 167 h horizon) but only ~125 h for 70 %; checkout-0 sits at 95 %.
const CAPACITY_FRAMES = [
  series(
    VOLUMES_REF_ID,
    { namespace: 'demo', persistentvolumeclaim: 'search-data' },
    (i) => 0.55 + 0.0015 * i + wobble(i)
  ),
  series(
    VOLUMES_REF_ID,
    { namespace: 'demo', persistentvolumeclaim: 'checkout-data' },
    (i) => 0.35 + 0.0012 * i + wobble(i)
  ),
  series(MEMORY_REF_ID, { namespace: 'demo', pod: 'checkout-0', container: 'checkout' }, (i) => 0.95 + wobble(i) / 10),
];

function trendsObjects() {
  const scene = buildTrendsScene(resolveAppSettings({ preset: 'otel' }));
  const capacity = sceneGraph.findObject(scene, (o) => o instanceof CapacityEstimates) as CapacityEstimates;
  const seasonality = sceneGraph.findObject(
    scene,
    (o) => o instanceof SeasonalityProfileScene
  ) as SeasonalityProfileScene;
  return { scene, capacity, seasonality };
}

describe('CapacityEstimates', () => {
  test('frames → rows estimated through the pool, soonest first, and the soonest volume charted', async () => {
    const { capacity } = trendsObjects();
    await capacity.estimate(done(CAPACITY_FRAMES));
    const { status, rows, chart, selected, asOfMs, horizonMs } = capacity.state;
    expect(status).toEqual({ kind: 'done' });
    expect(asOfMs).toBe(END);
    expect(horizonMs).toBe(7 * 24 * HOUR - HOUR);
    expect(rows.map((r) => [r.resource, r.status])).toEqual([
      ['demo/checkout-0/checkout', 'already-over'],
      ['demo/search-data', 'crosses'],
      ['demo/checkout-data', 'not-within-horizon'],
    ]);
    expect(selected).toBe('volume:demo/search-data');
    expect(chart?.state.pluginId).toBe('codesentinel-forecast-panel');
    const options = chart!.state.options as ForecastPanelOptions;
    expect(options.capacity).toEqual({ threshold: 0.9, sinceLastReset: true });
    expect(options.forecast).toEqual({ horizon: '167h', confidence: 0.95, trainingWindow: '14d' });
    expect(chart!.state.fieldConfig.defaults.unit).toBe('percentunit');
    const runner = chart!.state.$data as SceneQueryRunner;
    expect(runner.state.queries.map((q) => q.expr)).toEqual([
      capacityTargetQuery({ kind: 'volume', namespace: 'demo', claim: 'search-data' }),
    ]);
    expect(capacity.getUrlState()).toEqual({ capacity: 'volume:demo/search-data' });
  });

  test('the URL selects a row: the chart switches to that container', async () => {
    const { capacity } = trendsObjects();
    capacity.updateFromUrl({ capacity: 'memory:demo/checkout-0/checkout' });
    expect(capacity.state.selected).toBe('memory:demo/checkout-0/checkout');
    await capacity.estimate(done(CAPACITY_FRAMES));
    expect(capacity.state.selected).toBe('memory:demo/checkout-0/checkout');
    expect(capacity.state.chart?.state.title).toBe('Memory of limit: demo/checkout-0/checkout');
    const runner = capacity.state.chart!.state.$data as SceneQueryRunner;
    expect(runner.state.queries[0].expr).toBe(
      capacityTargetQuery({ kind: 'memory', namespace: 'demo', pod: 'checkout-0', container: 'checkout' })
    );
    capacity.updateFromUrl({ capacity: 'volume:demo/checkout-data' });
    expect(capacity.state.chart?.state.title).toBe('Volume: demo/checkout-data');
  });

  test('a lower threshold from the page control re-estimates and moves the chart line', async () => {
    const { scene, capacity } = trendsObjects();
    await capacity.estimate(done(CAPACITY_FRAMES));
    expect(capacity.state.rows.find((r) => r.resource === 'demo/checkout-data')?.status).toBe('not-within-horizon');
    const threshold = sceneGraph.lookupVariable('threshold', scene) as CustomVariable;
    threshold.changeValueTo('70');
    await capacity.applyThreshold();
    expect(capacity.state.threshold).toBe(0.7);
    expect((capacity.state.chart!.state.options as ForecastPanelOptions).capacity).toEqual({
      threshold: 0.7,
      sinceLastReset: true,
    });
    expect(capacity.state.rows.map((r) => [r.resource, r.status])).toEqual([
      ['demo/checkout-0/checkout', 'already-over'],
      ['demo/search-data', 'already-over'],
      ['demo/checkout-data', 'crosses'],
    ]);
  });

  test('one failed query still estimates the series the other returned, with a warning', async () => {
    const { capacity } = trendsObjects();
    await capacity.estimate({
      ...done(CAPACITY_FRAMES.slice(0, 2)),
      state: LoadingState.Error,
      errors: [{ message: 'memory query timed out' }],
    });
    expect(capacity.state.status).toEqual({ kind: 'done' });
    expect(capacity.state.partialError).toBe('memory query timed out');
    expect(capacity.state.rows.map((r) => r.resource)).toEqual(['demo/search-data', 'demo/checkout-data']);
  });

  test('a reload aborts the estimates in flight: their rows never overwrite the loading state', async () => {
    const { capacity } = trendsObjects();
    const stale = capacity.estimate(done(CAPACITY_FRAMES));
    await capacity.estimate({ ...done([]), state: LoadingState.Loading });
    await stale;
    expect(capacity.state.status).toEqual({ kind: 'loading' });
    expect(capacity.state.rows.every((r) => r.status === 'pending')).toBe(true);
    expect(capacity.state.chart).toBeUndefined();
  });

  test.each<[string, PanelData, unknown]>([
    ['loading', { ...done([]), state: LoadingState.Loading }, { kind: 'loading' }],
    [
      'a data-source error',
      { ...done([]), state: LoadingState.Error, errors: [{ message: 'bad_data: parse error' }] },
      { kind: 'error', message: 'bad_data: parse error' },
    ],
    [
      'an error without a message',
      { ...done([]), state: LoadingState.Error },
      { kind: 'error', message: 'The Prometheus data source returned an error.' },
    ],
    ['no series', done([]), { kind: 'no-data' }],
    ['only unlabelled series', done([series(VOLUMES_REF_ID, {}, () => 0.5)]), { kind: 'no-data' }],
  ])('%s', async (_name, data, status) => {
    const { capacity } = trendsObjects();
    await capacity.estimate(data);
    expect(capacity.state.status).toEqual(status);
  });
});

describe('SeasonalityProfileScene', () => {
  const officeHours = (i: number) => {
    const hour = i % 24;
    const weekday = Math.floor(i / 24) % 7 < 5;
    return weekday && hour >= 9 && hour < 17 ? 24 : 10;
  };

  test('a week of office-hours traffic → hint and both bar charts fed', () => {
    const { scene, seasonality } = trendsObjects();
    (sceneGraph.lookupVariable('service', scene) as QueryVariable).setState({ value: '$__all', text: 'All' });
    seasonality.onData(done([series('A', {}, officeHours)]));
    const status = seasonality.state.status;
    expect(status.kind).toBe('done');
    expect(status.kind === 'done' && status.hint).toMatch(/^weekday peak 09:00–17:00 is \d\.\dx the off-peak hours\./);
    expect(status.kind === 'done' && status.zone).toBe('UTC');
    expect(status.kind === 'done' && status.scope).toBe('all services');
    const byHour = (seasonality.state.byHour.state.$data as SceneDataNode).state.data;
    expect(byHour.series[0].fields[0].values).toHaveLength(24);
    expect(byHour.series[0].fields[1].values[12]).toBeCloseTo((5 * 24 + 2 * 10) / 7, 10);
    const byDay = (seasonality.state.byDay.state.$data as SceneDataNode).state.data;
    expect(byDay.series[0].fields[0].values).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  });

  test('names the selected service', () => {
    const { scene, seasonality } = trendsObjects();
    (sceneGraph.lookupVariable('service', scene) as QueryVariable).setState({ value: 'checkout', text: 'checkout' });
    seasonality.onData(done([series('A', {}, officeHours)]));
    expect(seasonality.state.status).toMatchObject({ kind: 'done', scope: 'checkout' });
  });

  test.each<[string, PanelData, string]>([
    ['six hours of data → too-short', done([series('A', {}, officeHours, 6)]), 'too-short'],
    ['no series → no-data', done([]), 'no-data'],
    ['only NaN → no-data', done([series('A', {}, () => NaN)]), 'no-data'],
    ['an error → error', { ...done([]), state: LoadingState.Error, errors: [{ message: 'timeout' }] }, 'error'],
    ['loading → loading', { ...done([]), state: LoadingState.Loading }, 'loading'],
  ])('%s', (_name, data, kind) => {
    const { seasonality } = trendsObjects();
    seasonality.onData(data);
    expect(seasonality.state.status.kind).toBe(kind);
  });
});

describe('CapacityView', () => {
  const row = (extra: Partial<CapacityRow>): CapacityRow => ({
    key: 'volume:demo/v',
    target: { kind: 'volume', namespace: 'demo', claim: 'v' },
    resource: 'demo/v',
    status: 'crosses',
    current: 0.8,
    earliestMs: END + 30 * HOUR,
    likelyMs: END + 50 * HOUR,
    latestMs: END + 80 * HOUR,
    reason: 'Likely to reach 0.9 soon.',
    model: 'linear (OLS), 95 %',
    ...extra,
  });
  const props = {
    threshold: 0.9,
    horizonMs: 7 * 24 * HOUR,
    asOfMs: END,
    onSelect: () => undefined,
    confidence: 0.95,
    timeZone: 'utc',
  };

  test('rows show the fill, the status and earliest / likely / latest relative to the data', () => {
    render(<CapacityView {...props} status={{ kind: 'done' }} rows={[row({})]} selected="volume:demo/v" />);
    const table = screen.getByTestId(testIds.trends.capacityTable);
    expect(table.textContent).toContain('80 %');
    expect(table.textContent).toContain('Will cross');
    expect(table.textContent).toContain('in 1 d 6 h');
    expect(table.textContent).toContain('in 2 d 2 h');
    expect(table.textContent).toContain('in 3 d 8 h');
    expect(table.textContent).toContain('Model: linear (OLS), 95 %.');
    expect(screen.getByRole('button', { name: 'Chart demo/v' }).textContent).toContain('Charted');
    expect(screen.getByText('0 already over, 1 expected to cross, 0 other of 1.')).toBeTruthy();
  });

  test('hostile label values render as text, never as HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>';
    render(<CapacityView {...props} status={{ kind: 'done' }} rows={[row({ resource: hostile, reason: hostile })]} />);
    expect(document.querySelector('img')).toBeNull();
    expect(screen.getByTestId(testIds.trends.capacityTable).textContent).toContain(hostile);
  });

  test.each<[string, Parameters<typeof CapacityView>[0]['status'], string, string]>([
    [
      'error',
      { kind: 'error', message: 'bad_data: parse error' },
      testIds.trends.capacityError,
      'bad_data: parse error Check the data source',
    ],
    ['no data', { kind: 'no-data' }, testIds.trends.capacityNoData, 'kubelet_volume_stats_used_bytes'],
  ])('%s state says what to check', (_name, status, testId, text) => {
    render(<CapacityView {...props} status={status} rows={[]} />);
    expect(screen.getByTestId(testId).textContent).toContain(text);
  });

  test('earliest / likely / latest say what they are read from (headers and cells), and the table says when it is still estimating', async () => {
    const { rerender } = render(
      <CapacityView {...props} status={{ kind: 'computing', done: 0, total: 1 }} rows={[row({ status: 'pending', latestMs: undefined })]} />
    );
    expect(screen.getByTestId(testIds.trends.capacity).getAttribute('data-running')).toBe('true');
    rerender(<CapacityView {...props} status={{ kind: 'done' }} rows={[row({ latestMs: undefined })]} />);
    expect(screen.getByTestId(testIds.trends.capacity).getAttribute('data-running')).toBe('false');
    act(() => {
      fireEvent.mouseEnter(screen.getByText('Earliest'));
    });
    expect((await screen.findByRole('tooltip')).textContent).toBe('Earliest: when the top of the 95 % prediction band reaches 90 %; sooner is unlikely.');
    act(() => {
      fireEvent.mouseLeave(screen.getByText('Earliest'));
      fireEvent.mouseEnter(screen.getByText('in 2 d 2 h'));
    });
    expect((await screen.findByText(/Likely: when the forecast itself reaches 90 %\.$/)).textContent).toMatch(/^\w{3} \d+ \w{3} .+\. Likely: when the forecast itself reaches 90 %\.$/);
    expect(crossingMeaning('latestMs', 0.9, 0.95)).toBe(
      'Latest: when the bottom of the 95 % prediction band reaches 90 %; "–" means it stays below until the end of the horizon.'
    );
  });

  test('every row too short asks to widen the range', () => {
    const short = row({ status: 'cannot-model', code: 'too-short', reason: 'Needs at least 10 points.' });
    render(<CapacityView {...props} status={{ kind: 'done' }} rows={[short]} />);
    expect(screen.getByTestId(testIds.trends.capacityTooShort).textContent).toContain('Widen the time range');
  });
});

describe('SeasonalityProfile axis labels', () => {
  test('hour labels are spaced so "00:00 01:00 …" do not run together', () => {
    const { seasonality } = trendsObjects();
    for (const panel of [seasonality.state.byHour, seasonality.state.byDay]) {
      const options = panel.state.options as { xTickLabelSpacing?: number; xTickLabelRotation?: number };
      expect(options.xTickLabelSpacing).toBeGreaterThanOrEqual(100);
      expect(options.xTickLabelRotation).toBe(0);
    }
  });
});
