import { type DataFrame, FieldType, toDataFrame } from '@grafana/data';

import { analyse, type AnalysisResult } from '../../../analytics';
import {
  CAPACITY_KIND_LABEL,
  type CapacityRow,
  type CapacitySeries,
  MEMORY_REF_ID,
  VOLUMES_REF_ID,
  allTooShort,
  capacityRequests,
  capacityRows,
  capacitySeriesFromFrames,
  compareRows,
  stepOf,
} from '../capacityRows';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

function promFrame(refId: string, labels: Record<string, string>, values: unknown[], stepMs = HOUR): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => T0 + i * stepMs) },
      { name: 'Value', type: FieldType.number, values, labels },
    ],
  });
}

const volume = (claim: string, values: unknown[]) =>
  promFrame(VOLUMES_REF_ID, { namespace: 'demo', persistentvolumeclaim: claim }, values);
const memory = (pod: string, values: unknown[]) =>
  promFrame(MEMORY_REF_ID, { namespace: 'demo', pod, container: 'checkout' }, values);

/** A week of hourly samples: linear from `start` by `perHour`, with a small deterministic wobble. */
function ramp(start: number, perHour: number, hours = 168): number[] {
  return Array.from({ length: hours }, (_, i) => start + perHour * i + 0.002 * Math.sin(i * 1.7));
}

const OPTIONS = { threshold: 0.9, horizonMs: 7 * 24 * HOUR, trainingWindowMs: 3 * 24 * HOUR, confidence: 0.95 };

async function rowsFor(frames: DataFrame[], threshold = 0.9): Promise<CapacityRow[]> {
  const series = capacitySeriesFromFrames(frames);
  const results = new Map<string, AnalysisResult>();
  for (const request of capacityRequests(series, { ...OPTIONS, threshold })) {
    results.set(request.id, await analyse(request));
  }
  return capacityRows(series, results, threshold);
}

describe('capacitySeriesFromFrames', () => {
  test('one series per volume and container, keyed by their labels, with NaN and non-numbers as null', () => {
    const series = capacitySeriesFromFrames([
      volume('checkout-data', [0.5, NaN, 0.51, Infinity]),
      memory('checkout-0', [0.2, null, 0.3]),
    ]);
    expect(series.map((s) => [s.key, s.resource, s.target.kind])).toEqual([
      ['volume:demo/checkout-data', 'demo/checkout-data', 'volume'],
      ['memory:demo/checkout-0/checkout', 'demo/checkout-0/checkout', 'memory'],
    ]);
    expect(series[0].values).toEqual([0.5, null, 0.51, null]);
    expect(series[0].timestamps).toEqual([T0, T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
    expect(series[1].values).toEqual([0.2, null, 0.3]);
  });

  test('skips empty input, frames without time, unknown refIds, missing labels and duplicates', () => {
    expect(capacitySeriesFromFrames(undefined)).toEqual([]);
    expect(capacitySeriesFromFrames([])).toEqual([]);
    const noTime = toDataFrame({
      refId: VOLUMES_REF_ID,
      fields: [{ name: 'Value', type: FieldType.number, values: [1], labels: { persistentvolumeclaim: 'x' } }],
    });
    const other = promFrame('A', { persistentvolumeclaim: 'x' }, [1, 2]);
    const unlabelled = promFrame(VOLUMES_REF_ID, {}, [1, 2]);
    const podOnly = promFrame(MEMORY_REF_ID, { pod: 'p' }, [1, 2]);
    const series = capacitySeriesFromFrames([
      noTime,
      other,
      unlabelled,
      podOnly,
      volume('a', [0.1]),
      volume('a', [0.9]),
    ]);
    expect(series.map((s) => [s.key, s.values])).toEqual([['volume:demo/a', [0.1]]]);
  });

  test('the throttling query\'s frames become "CPU throttled" rows of each container, apart from its CPU rows', () => {
    const labels = { namespace: 'demo', pod: 'checkout-0', container: 'checkout' };
    const series = capacitySeriesFromFrames([promFrame('cpu-throttled', labels, [0.01, 0.02]), promFrame('cpu-limit', labels, [0.4, 0.5])]);
    expect(series.map((s) => [s.key, s.target.kind, s.resource, CAPACITY_KIND_LABEL[s.target.kind]])).toEqual([
      ['cpu-throttled:demo/checkout-0/checkout', 'cpu-throttled', 'demo/checkout-0/checkout', 'CPU throttled'],
      ['cpu-limit:demo/checkout-0/checkout', 'cpu-limit', 'demo/checkout-0/checkout', 'CPU of limit'],
    ]);
  });

  test('a frame with no rows gives a series with no points (the engine then says it is empty)', () => {
    const series = capacitySeriesFromFrames([volume('empty', [])]);
    expect(series.map((s) => [s.key, s.values.length])).toEqual([['volume:demo/empty', 0]]);
  });
});

describe('stepOf and capacityRequests', () => {
  test.each<[string, number[], number | undefined]>([
    ['regular', [0, 10, 20, 30], 10],
    ['one gap', [0, 10, 20, 50, 60], 10],
    ['one point', [5], undefined],
    ['duplicates only', [5, 5, 5], undefined],
    ['empty', [], undefined],
  ])('step of %s timestamps', (_name, timestamps, expected) => {
    expect(stepOf(timestamps)).toBe(expected);
  });

  test('auto model on the current regime only, the horizon in the series own steps, the threshold and training window', () => {
    const [series] = capacitySeriesFromFrames([volume('v', ramp(0.5, 0.001, 10))]);
    expect(capacityRequests([series], OPTIONS)).toEqual([
      {
        id: 'volume:demo/v',
        series: { timestamps: series.timestamps, values: series.values },
        forecast: {
          model: 'auto',
          horizon: 168,
          confidence: 0.95,
          trainingWindowMs: 3 * 24 * HOUR,
          currentRegimeOnly: true,
        },
        capacityThreshold: 0.9,
      },
    ]);
  });

  test('a single point still asks for at least one step', () => {
    const [series] = capacitySeriesFromFrames([volume('v', [0.5])]);
    expect(capacityRequests([series], OPTIONS)[0].forecast.horizon).toBe(1);
  });
});

describe('capacityRows (through the engine)', () => {
  test('a filling volume crosses 90 % with earliest ≤ likely ≤ latest, soonest first', async () => {
    // 0.55 + 0.0015/h is at 0.80 on the last sample (167 h) and reaches 0.9 at 233 h, ~66 h later;
    // 0.3 + 0.001/h would need 600 h, past the 7-day horizon.
    const rows = await rowsFor([volume('slow', ramp(0.3, 0.001)), volume('fast', ramp(0.55, 0.0015))]);
    expect(rows.map((r) => [r.resource, r.status])).toEqual([
      ['demo/fast', 'crosses'],
      ['demo/slow', 'not-within-horizon'],
    ]);
    const fast = rows[0];
    const lastSample = T0 + 167 * HOUR;
    expect(fast.likelyMs).toBeGreaterThan(lastSample);
    expect(fast.earliestMs!).toBeLessThanOrEqual(fast.likelyMs!);
    expect(fast.latestMs ?? Infinity).toBeGreaterThanOrEqual(fast.likelyMs!);
    // Linear extrapolation of the ramp: (0.9 - 0.6) / 0.0018 h after the start.
    const expected = T0 + ((0.9 - 0.55) / 0.0015) * HOUR;
    expect(Math.abs(fast.likelyMs! - expected)).toBeLessThan(3 * HOUR);
    expect(fast.current).toBeCloseTo(0.55 + 0.0015 * 167, 2);
    expect(fast.model).toMatch(/linear|seasonal/);
    expect(fast.reason).toMatch(/^Likely to reach 0\.9 at /);
  });

  test('a volume already above the threshold is "already over" and sorts first', async () => {
    const rows = await rowsFor([volume('ok', ramp(0.3, 0.0005)), volume('full', ramp(0.93, 0.0001))]);
    expect(rows.map((r) => [r.resource, r.status])).toEqual([
      ['demo/full', 'already-over'],
      ['demo/ok', 'not-within-horizon'],
    ]);
  });

  test.each<[string, number, string, RegExp]>([
    ['below the threshold', 0.4, 'not-within-horizon', /^Flat at 40 % over the range: no growth toward 90 %\.$/],
    ['at the threshold', 0.9, 'already-over', /^Flat at 90 %, at or over the 90 % threshold\.$/],
  ])('a constant series %s gets a plain answer instead of "cannot model"', async (_name, value, status, reason) => {
    const [row] = await rowsFor([
      memory(
        'flat',
        Array.from({ length: 48 }, () => value)
      ),
    ]);
    expect(row.status).toBe(status);
    expect(row.reason).toMatch(reason);
    expect(row.code).toBe('constant');
  });

  test('NaN-only and empty series cannot be estimated, with the engine reason, and sort last', async () => {
    const rows = await rowsFor([volume('nan', [NaN, NaN, NaN]), volume('empty', []), volume('good', ramp(0.5, 0.001))]);
    expect(rows.map((r) => [r.resource, r.status])).toEqual([
      ['demo/good', 'not-within-horizon'],
      ['demo/empty', 'cannot-model'],
      ['demo/nan', 'cannot-model'],
    ]);
    expect(rows[1].reason.length).toBeGreaterThan(10);
    expect(rows[2].current).toBeUndefined();
    expect(allTooShort(rows)).toBe(false);
  });

  test('two points are too short; when every row is, the page asks for a wider range', async () => {
    const rows = await rowsFor([volume('a', [0.5, 0.6]), memory('b', [0.1, 0.2])]);
    expect(rows.map((r) => [r.status, r.code])).toEqual([
      ['cannot-model', 'too-short'],
      ['cannot-model', 'too-short'],
    ]);
    expect(allTooShort(rows)).toBe(true);
    expect(allTooShort([])).toBe(false);
  });

  test('a lower threshold moves the same series from "not within horizon" to "crosses"', async () => {
    const frames = [volume('v', ramp(0.4, 0.001))];
    expect((await rowsFor(frames, 0.9))[0].status).toBe('not-within-horizon');
    expect((await rowsFor(frames, 0.7))[0].status).toBe('crosses');
  });

  test('series without a result yet are pending', () => {
    const series = capacitySeriesFromFrames([volume('v', [0.1, 0.2, 0.3])]);
    expect(capacityRows(series, new Map(), 0.9)).toEqual([
      {
        key: 'volume:demo/v',
        target: series[0].target,
        resource: 'demo/v',
        current: 0.3,
        status: 'pending',
        reason: 'Estimating…',
      },
    ]);
  });
});

describe('compareRows', () => {
  const base = (key: string, extra: Partial<CapacityRow>): CapacityRow => ({
    key,
    target: { kind: 'volume', namespace: 'n', claim: key },
    resource: key,
    status: 'not-within-horizon',
    reason: '',
    ...extra,
  });

  test('over (fullest first) → crossing (soonest likely, then earliest) → others by fill → pending → cannot', () => {
    const rows = [
      base('cannot', { status: 'cannot-model' }),
      base('later', { status: 'crosses', likelyMs: 200, earliestMs: 100 }),
      base('pending', { status: 'pending' }),
      base('quiet-low', { current: 0.2 }),
      base('over-a-bit', { status: 'already-over', current: 0.91 }),
      base('sooner-tie-b', { status: 'crosses', likelyMs: 100, earliestMs: 90 }),
      base('sooner-tie-a', { status: 'crosses', likelyMs: 100, earliestMs: 50 }),
      base('quiet-unknown', {}),
      base('over-a-lot', { status: 'already-over', current: 0.99 }),
      base('quiet-high', { current: 0.7 }),
    ];
    expect(rows.sort(compareRows).map((r) => r.key)).toEqual([
      'over-a-lot',
      'over-a-bit',
      'sooner-tie-a',
      'sooner-tie-b',
      'later',
      'quiet-high',
      'quiet-low',
      'quiet-unknown',
      'pending',
      'cannot',
    ]);
  });
});

describe('series shape', () => {
  test('CapacitySeries keeps timestamps and values aligned', () => {
    const series: CapacitySeries[] = capacitySeriesFromFrames([memory('p', [0.1, NaN, 0.3])]);
    expect(series[0].timestamps.length).toBe(series[0].values.length);
  });
});
