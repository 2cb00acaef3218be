import { createTheme, FieldType } from '@grafana/data';

import type { AnalysisResult } from '../../../analytics';
import { buildChartModel, ResampleCache } from '../chartFrame';
import { DEFAULT_OPTIONS } from '../defaults';
import type { PanelSeries } from '../frames';

const MIN = 60_000;
const theme = createTheme();

function series(id: string, n: number): PanelSeries {
  const timestamps = Array.from({ length: n }, (_, i) => i * MIN);
  const values = timestamps.map((_, i) => 10 + (i % 7));
  return {
    id,
    name: id,
    timestamps,
    values,
    field: { name: 'Value', type: FieldType.number, config: { unit: 'reqps' }, values },
  };
}

function band(from: number, n: number, level: number) {
  const timestamps = Float64Array.from({ length: n }, (_, i) => (from + i) * MIN);
  return {
    timestamps,
    mean: new Float64Array(n).fill(level),
    lower: new Float64Array(n).fill(level - 2),
    upper: new Float64Array(n).fill(level + 2),
  };
}

function ok(id: string, n: number, horizon: number): AnalysisResult {
  return {
    id,
    ok: true,
    elapsedMs: 3,
    forecast: {
      ok: true,
      model: { kind: 'linear', periods: [], confidence: 0.95, label: 'linear trend, 95 %' },
      stepMs: MIN,
      fitted: band(0, n, 12),
      forecast: band(n, horizon, 13),
      preparation: {
        inputPoints: n,
        outputPoints: n,
        stepMs: MIN,
        droppedNonFinite: 0,
        mergedDuplicates: 0,
        reordered: false,
        imputed: 0,
      },
    },
    anomalies: [
      {
        startMs: 5 * MIN,
        endMs: 6 * MIN,
        direction: 'above',
        score: 3,
        reason: '2 points above the band',
        points: [5, 6],
      },
    ],
  };
}

function build(
  results: Map<string, AnalysisResult>,
  cache = new ResampleCache(),
  all = [series('checkout', 60), series('auth', 60)]
) {
  return buildChartModel({
    series: all,
    results,
    modelled: new Set(['checkout', 'auth']),
    options: { ...DEFAULT_OPTIONS, capacity: { threshold: 20 } },
    theme,
    fromMs: 0,
    toMs: 59 * MIN,
    horizonMs: 30 * MIN,
    width: 800,
    cache,
  });
}

const names = (m: ReturnType<typeof build>) => m.frame.fields.slice(1).map((f) => f.name);

describe('buildChartModel', () => {
  it('draws history, fit, forecast, a filled band and anomaly markers with Grafana field config', () => {
    const model = build(new Map([['checkout', ok('checkout', 60, 30)]]));
    expect(names(model)).toEqual([
      'checkout',
      'checkout · fitted',
      'checkout · forecast (linear trend, 95 %)',
      'checkout · band low',
      'checkout · band high',
      'checkout · anomalies',
      'auth',
      'auth · fitted',
      'auth · forecast',
      'auth · band low',
      'auth · band high',
      'auth · anomalies',
    ]);
    const field = (name: string) => model.frame.fields.find((f) => f.name === name)!;
    expect(field('checkout · band high').config.custom).toMatchObject({
      fillBelowTo: 'checkout · band low',
      lineWidth: 0,
    });
    expect(field('checkout · anomalies').config.custom).toMatchObject({ drawStyle: 'points', showPoints: 'always' });
    expect(field('checkout · anomalies').values.filter((v) => v !== null)).toEqual([15, 15, 16, 16]);
    expect(field('checkout').config.thresholds?.steps[1].value).toBe(20);
    // Every derived field shares the series' unit, so they share its axis.
    expect(new Set(model.frame.fields.slice(1).map((f) => f.config.unit))).toEqual(new Set(['reqps']));
    // auth has no result yet: its model fields exist but are empty.
    expect(field('auth · band high').values.every((v) => v === null)).toBe(true);
  });

  it('extends the time axis past the data by the horizon', () => {
    const model = build(new Map());
    expect(model.toMs).toBeGreaterThanOrEqual(59 * MIN + 30 * MIN);
    expect(model.fromMs).toBeLessThanOrEqual(0);
  });

  it('keeps one plot structure for the whole run: results fill fields, a failure or no anomalies drop none', () => {
    const cache = new ResampleCache();
    const before = build(new Map(), cache);
    const during = build(new Map([['checkout', ok('checkout', 60, 30)]]), cache);
    const quiet: AnalysisResult = { ...ok('auth', 60, 30), anomalies: [] };
    const failed: AnalysisResult = {
      id: 'auth',
      ok: false,
      elapsedMs: 1,
      error: { ok: false, code: 'constant', reason: 'the series is constant' },
      // Rolling-MAD anomalies of a series that could not be modelled are still drawn.
      anomalies: [{ startMs: 7 * MIN, endMs: 7 * MIN, direction: 'above', score: 4, reason: 'spike', points: [7] }],
    };
    const afterQuiet = build(
      new Map([
        ['checkout', ok('checkout', 60, 30)],
        ['auth', quiet],
      ]),
      cache
    );
    const afterFailed = build(
      new Map([
        ['checkout', ok('checkout', 60, 30)],
        ['auth', failed],
      ]),
      cache
    );
    for (const model of [during, afterQuiet, afterFailed]) {
      expect(model.structureKey).toBe(before.structureKey);
      // Same grid, so the time values are reused rather than rebuilt.
      expect(model.frame.fields[0].values).toBe(before.frame.fields[0].values);
    }
    // The forecast is named after its model as soon as its result is in; renaming does not rebuild.
    expect(names(during)).toContain('checkout · forecast (linear trend, 95 %)');
    expect(names(afterFailed)).toContain('auth · forecast');
    const auth = afterFailed.frame.fields.filter((f) => f.name.startsWith('auth · '));
    expect(auth.map((f) => f.values.filter((v) => v !== null))).toEqual([[], [], [], [], [10, 10]]);
  });
});

describe('plot structure', () => {
  it('changes when what the uPlot config is built from changes: unit, limits, threshold', () => {
    const base = build(new Map()).structureKey;
    const withField = (config: Record<string, unknown>) => {
      const all = [series('checkout', 60), series('auth', 60)];
      Object.assign(all[0].field.config, config);
      return build(new Map(), new ResampleCache(), all).structureKey;
    };
    expect(withField({})).toBe(base);
    expect(withField({ unit: 'percent' })).not.toBe(base);
    expect(withField({ max: 100 })).not.toBe(base);
    expect(withField({ decimals: 2 })).not.toBe(base);
    expect(withField({ custom: { capacityThreshold: 50 } })).not.toBe(base);
  });
});

describe('legend', () => {
  it('lists one entry per series: forecast, band, fitted line and anomalies stay in the tooltip only', () => {
    const results = new Map([
      ['checkout', ok('checkout', 60, 30)],
      ['auth', ok('auth', 60, 30)],
    ]);
    const model = build(results);
    const fields = model.frame.fields.slice(1);
    const inLegend = fields.filter((f) => !f.config.custom?.hideFrom?.legend).map((f) => f.name);
    expect(inLegend).toEqual(['checkout', 'auth']);
    expect(fields.some((f) => f.name.includes('anomalies'))).toBe(true);
    expect(fields.every((f) => f.config.custom?.hideFrom?.tooltip !== true)).toBe(true);
  });
});

describe('series visibility', () => {
  it('hides every role of a series whose queried field Grafana hid (a legend click), and rebuilds the plot', () => {
    const shown = build(new Map([['checkout', ok('checkout', 60, 30)]]));
    const all = [series('checkout', 60), series('auth', 60)];
    // What a legend click on "auth" writes: an override with hideFrom on the queried field.
    all[1].field.config.custom = { hideFrom: { viz: true, legend: false, tooltip: true } };
    const hidden = build(new Map([['checkout', ok('checkout', 60, 30)]]), new ResampleCache(), all);
    const hideFrom = (m: typeof hidden, prefix: string) =>
      m.frame.fields.filter((f) => f.name.startsWith(prefix)).map((f) => f.config.custom?.hideFrom);
    expect(hideFrom(hidden, 'auth')).toEqual([
      { legend: false, tooltip: true, viz: true },
      ...Array(5).fill({ legend: true, tooltip: true, viz: true }),
    ]);
    expect(hideFrom(hidden, 'checkout').every((h) => h.viz === false)).toBe(true);
    expect(hidden.structureKey).not.toBe(shown.structureKey);
  });
});

describe('mixed resolutions', () => {
  it('draws a coarser series as a line on the finer series’ grid, but keeps its real gaps', () => {
    const fine = series('checkout', 600);
    // Every 10 minutes, with no data for an hour in the middle.
    const coarseTimes = Array.from({ length: 60 }, (_, i) => i * 10 * MIN).filter(
      (t) => t < 200 * MIN || t >= 260 * MIN
    );
    const coarseValues = coarseTimes.map(() => 5);
    const coarse: PanelSeries = {
      id: 'batch',
      name: 'batch',
      timestamps: coarseTimes,
      values: coarseValues,
      field: { name: 'Value', type: FieldType.number, config: {}, values: coarseValues },
    };
    const model = buildChartModel({
      series: [fine, coarse],
      results: new Map(),
      modelled: new Set(),
      options: DEFAULT_OPTIONS,
      theme,
      fromMs: 0,
      toMs: 599 * MIN,
      horizonMs: 0,
      width: 1000,
      cache: new ResampleCache(),
    });
    const times = model.frame.fields[0].values as number[];
    const batch = model.frame.fields.find((f) => f.name === 'batch')!.values as Array<number | null | undefined>;
    const slotsBetween = (from: number, to: number) =>
      batch.filter((_, i) => times[i] > from * MIN && times[i] < to * MIN);
    expect(new Set(slotsBetween(0, 190))).toEqual(new Set([5, undefined]));
    expect(slotsBetween(195, 255)).toContain(null);
  });
});
