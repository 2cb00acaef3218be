import fc from 'fast-check';

import { seasonalSeries, seededRandom, gaussian } from '../../../tests/support/analytics/synthetic';
import { detectAnomalies, detectMadAnomalies } from '../anomalies/anomalies';
import { detectGroupOutliers } from '../anomalies/groupOutliers';
import { analyse } from '../index';
import type { Band, PreparedSeries } from '../types';

const STEP = 60_000;

function series(values: number[]): PreparedSeries {
  return {
    startMs: 0,
    stepMs: STEP,
    values: Float64Array.from(values),
    imputed: new Uint8Array(values.length),
    report: {
      inputPoints: values.length,
      outputPoints: values.length,
      stepMs: STEP,
      droppedNonFinite: 0,
      mergedDuplicates: 0,
      reordered: false,
      imputed: 0,
    },
  };
}

function flatBand(length: number, mean: number, half: number): Band {
  return {
    timestamps: Float64Array.from({ length }, (_, i) => i * STEP),
    mean: new Float64Array(length).fill(mean),
    lower: new Float64Array(length).fill(mean - half),
    upper: new Float64Array(length).fill(mean + half),
  };
}

describe('band-based anomalies', () => {
  const values = [10, 10, 13, 14, 15, 10, 10, 4, 10, 13, 10];
  const band = flatBand(values.length, 10, 2);

  test('consecutive points outside the band form one interval with score and reason', () => {
    const intervals = detectAnomalies(series(values), band, { direction: 'both' });
    expect(intervals.map((i) => [i.direction, i.points])).toEqual([
      ['above', [2, 3, 4]],
      ['below', [7]],
      ['above', [9]],
    ]);
    expect(intervals[0].score).toBeCloseTo(2.5);
    expect(intervals[0].startMs).toBe(2 * STEP);
    expect(intervals[0].endMs).toBe(4 * STEP);
    expect(intervals[0].reason).toBe('3 points above the 95 % band, peak 2.5x the band half-width');
  });

  test('direction and minimum duration filter intervals', () => {
    expect(detectAnomalies(series(values), band, { direction: 'below' }).map((i) => i.points)).toEqual([[7]]);
    expect(
      detectAnomalies(series(values), band, { direction: 'both', minDurationPoints: 2 }).map((i) => i.points)
    ).toEqual([[2, 3, 4]]);
  });

  test('minFraction merges runs separated by a few normal points', () => {
    const v = [10, 13, 13, 10, 13, 13, 10, 10, 10, 10, 13];
    const intervals = detectAnomalies(series(v), flatBand(v.length, 10, 2), { direction: 'above', minFraction: 0.6 });
    expect(intervals.map((i) => i.points)).toEqual([[1, 2, 4, 5], [10]]);
    expect(intervals[0].reason).toMatch(/^4 points within 5 points above/);
  });

  test('higher sensitivity flags points closer to the mean', () => {
    const v = [10, 11.5, 10];
    expect(detectAnomalies(series(v), flatBand(3, 10, 2), { direction: 'both' })).toEqual([]);
    expect(
      detectAnomalies(series(v), flatBand(3, 10, 2), { direction: 'both', sensitivity: 2 }).map((i) => i.points)
    ).toEqual([[1]]);
  });

  test('the score is the distance in band half-widths, whatever the sensitivity, and the reason names the limit', () => {
    const v = [10, 11.5, 10];
    const [flag] = detectAnomalies(series(v), flatBand(3, 10, 2), { direction: 'both', sensitivity: 2 });
    expect(flag.score).toBeCloseTo(0.75);
    expect(flag.reason).toBe('1 point above 0.5× the 95 % band, peak 0.8x the band half-width');
    const [wide] = detectAnomalies(series([10, 16, 10]), flatBand(3, 10, 2), { direction: 'both', sensitivity: 0.5 });
    expect(wide.score).toBeCloseTo(3);
    expect(wide.reason).toBe('1 point above 2× the 95 % band, peak 3.0x the band half-width');
  });

  test('a minimum deviation keeps a hair-thin band from flagging small departures', () => {
    // A smooth series: the band is ±0.1 around 100, so 103 is "30 band half-widths" but only 3 % off.
    const v = [100, 103, 100, 108, 100];
    const thin = flatBand(v.length, 100, 0.1);
    expect(detectAnomalies(series(v), thin, { direction: 'above' }).map((i) => i.points)).toEqual([[1], [3]]);
    const floored = detectAnomalies(series(v), thin, { direction: 'above', minDeviation: 0.05 });
    expect(floored.map((i) => i.points)).toEqual([[3]]);
    expect(floored[0].reason).toBe('1 point above the 95 % band and at least 5 % off, peak 80.0x the band half-width');
  });

  test('raising the minimum deviation never adds a flag, and every flag clears it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 1e3, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (values, mean, half, low, high) => {
          const band = flatBand(values.length, mean, half);
          const flagged = (m: number) =>
            new Set(
              detectAnomalies(series(values), band, { direction: 'both', minDeviation: m }).flatMap((i) => i.points)
            );
          const [a, b] = [Math.min(low, high), Math.max(low, high)];
          const loose = flagged(a);
          const strict = flagged(b);
          for (const p of strict) {
            expect(loose.has(p)).toBe(true);
            expect(Math.abs(values[p] - mean)).toBeGreaterThan(b * Math.abs(mean));
          }
        }
      )
    );
  });

  test('imputed points are never flagged', () => {
    const s = series(values);
    s.imputed[7] = 1;
    expect(detectAnomalies(s, band, { direction: 'below' })).toEqual([]);
  });
});

describe('rolling median ± k·MAD', () => {
  test('finds a spike in a short noisy series and nothing in the noise', () => {
    const random = seededRandom(3);
    const v = Array.from({ length: 40 }, () => 50 + gaussian(random));
    v[20] = 70;
    const intervals = detectMadAnomalies(series(v), { direction: 'both' });
    expect(intervals.map((i) => i.points)).toEqual([[20]]);
    expect(intervals[0].direction).toBe('above');
  });

  test('a flat series with one blip falls back to the global spread instead of dividing by zero', () => {
    const v = new Array(30).fill(5);
    v[10] = 6;
    const intervals = detectMadAnomalies(series(v), { direction: 'both' });
    expect(intervals.every((i) => Number.isFinite(i.score))).toBe(true);
    expect(intervals.map((i) => i.points)).toEqual([[10]]);
  });

  test('the minimum deviation applies here too: a 20 % blip on a flat series is kept, a 2 % one is not', () => {
    const v = new Array(30).fill(100);
    v[10] = 102;
    v[20] = 120;
    const intervals = detectMadAnomalies(series(v), { direction: 'both', minDeviation: 0.05 });
    expect(intervals.map((i) => i.points)).toEqual([[20]]);
    expect(intervals[0].reason).toMatch(/and at least 5 % off/);
  });
});

describe('analyse end to end', () => {
  test('a seasonal series with an injected incident: the incident is flagged above the band', async () => {
    const s = seasonalSeries({ points: 24 * 14, stepMs: 3_600_000, period: 24, seed: 9, noise: 1 });
    for (let i = 300; i < 305; i++) {
      s.values[i] += 25;
    }
    const result = await analyse({
      id: 'svc',
      series: s,
      forecast: { model: 'auto', horizon: 24 },
      anomalies: { direction: 'above', minDurationPoints: 3 },
    });
    if (!result.ok) {
      throw new Error(result.error.reason);
    }
    expect(result.forecast.model.kind).toBe('mstl-ets');
    // The calibrated detector flags the incident once.
    expect(result.anomalies).toHaveLength(1);
    expect(result.anomalies[0].direction).toBe('above');
    expect(result.anomalies[0].points).toEqual(expect.arrayContaining([300, 301, 302, 303, 304]));
    // A point outside it is the noise's own rare one: at an hour's step (sensitivity 1) the point
    // before the incident, a 3.1 σ draw, is rare enough to open the interval.
    const truth = seasonalSeries({ points: 24 * 14, stepMs: 3_600_000, period: 24, seed: 9, noise: 0 }).values;
    const outside = result.anomalies[0].points.filter((i) => i < 300 || i >= 305);
    expect(outside.map((i) => Math.abs(s.values[i] - truth[i]) > 3)).toEqual(outside.map(() => true));
  });

  test('a series too short to model still gets robust anomalies and a reason', async () => {
    const result = await analyse({
      id: 'short',
      series: { timestamps: [1, 2, 3, 4, 5, 6, 7].map((i) => i * STEP), values: [5, 5, 5, 5, 5, 5, 5] },
      forecast: { model: 'auto', horizon: 5 },
      anomalies: { direction: 'both' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'constant' } });
  });
});

describe('group outliers (augurs)', () => {
  test('the one instance unlike its siblings is the outlier', async () => {
    const random = seededRandom(5);
    const group = Array.from({ length: 6 }, (_, k) =>
      Float64Array.from(
        { length: 60 },
        (_, i) => 10 + Math.sin(i / 5) + 0.1 * gaussian(random) + (k === 4 && i > 30 ? 8 : 0)
      )
    );
    for (const algorithm of ['mad', 'dbscan'] as const) {
      const result = await detectGroupOutliers(group, algorithm, 0.5);
      expect(result.outlying).toEqual([4]);
      expect(result.intervals[4].length).toBeGreaterThan(0);
    }
  });

  test('fewer than three series cannot have a group outlier', async () => {
    expect((await detectGroupOutliers([new Float64Array(5), new Float64Array(5)])).outlying).toEqual([]);
  });
});
