import { estimateCapacity } from '../capacity/capacity';
import { forecast } from '../models/forecast';
import type { ForecastResult } from '../types';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 1);

function bandResult(mean: number[], half: number[]): ForecastResult {
  const n = mean.length;
  const ts = Float64Array.from({ length: n }, (_, i) => T0 + (i + 1) * HOUR);
  return {
    ok: true,
    model: { kind: 'linear', periods: [], confidence: 0.95, label: 'linear (OLS), 95 %' },
    stepMs: HOUR,
    fitted: {
      timestamps: Float64Array.of(T0),
      mean: Float64Array.of(50),
      lower: Float64Array.of(45),
      upper: Float64Array.of(55),
    },
    forecast: {
      timestamps: ts,
      mean: Float64Array.from(mean),
      lower: Float64Array.from(mean.map((m, i) => m - half[i])),
      upper: Float64Array.from(mean.map((m, i) => m + half[i])),
    },
    preparation: {
      inputPoints: 1,
      outputPoints: 1,
      stepMs: HOUR,
      droppedNonFinite: 0,
      mergedDuplicates: 0,
      reordered: false,
      imputed: 0,
    },
  };
}

describe('estimateCapacity', () => {
  test('earliest from the upper edge, likely from the mean, latest from the lower edge (interpolated)', () => {
    // mean 60, 70, 80, 90, 100; half-width 10
    const r = bandResult([60, 70, 80, 90, 100], [10, 10, 10, 10, 10]);
    const e = estimateCapacity(r, 85, 50);
    expect(e.status).toBe('crosses');
    expect(e.earliestMs).toBe(T0 + 2.5 * HOUR); // upper 70→80→90 crosses 85 halfway between steps 2 and 3
    expect(e.likelyMs).toBe(T0 + 3.5 * HOUR);
    expect(e.latestMs).toBe(T0 + 4.5 * HOUR);
    expect(e.reason).toMatch(
      /Likely to reach 85 at 2026-11-01T03:30:00Z, between 2026-11-01T02:30:00Z and 2026-11-01T04:30:00Z \(95 % band\)/
    );
  });

  test('already over', () => {
    expect(estimateCapacity(bandResult([60], [1]), 40, 45)).toMatchObject({ status: 'already-over' });
  });

  test('not within the horizon, but the top of the band gets there', () => {
    const e = estimateCapacity(bandResult([60, 61, 62], [5, 20, 30]), 80, 50);
    expect(e.status).toBe('not-within-horizon');
    expect(e.likelyMs).toBeUndefined();
    // upper edge 65 → 81 between steps 1 and 2 crosses 80 at 15/16 of the way
    expect(e.earliestMs).toBe(T0 + HOUR + (15 / 16) * HOUR);
  });

  test('not within the horizon at all', () => {
    const e = estimateCapacity(bandResult([60, 61, 62], [1, 1, 1]), 100, 50);
    expect(e).toMatchObject({ status: 'not-within-horizon' });
    expect(e.earliestMs).toBeUndefined();
  });

  test('a non-finite threshold is refused', () => {
    expect(estimateCapacity(bandResult([1], [1]), NaN)).toMatchObject({ status: 'cannot-model' });
  });

  test('on a real linear forecast of a filling disk the likely crossing matches the trend', async () => {
    // 1 % per hour from 40 %, so 90 % is 50 h after the first point.
    const timestamps = Array.from({ length: 24 }, (_, i) => T0 + i * HOUR);
    const values = timestamps.map((_, i) => 40 + i + ((i * 7919) % 5) * 0.1 - 0.2);
    const result = await forecast({ timestamps, values }, { model: 'linear', horizon: 48 });
    if (!result.ok) {
      throw new Error(result.reason);
    }
    const e = estimateCapacity(result, 90, values[values.length - 1]);
    expect(e.status).toBe('crosses');
    expect(Math.abs((e.likelyMs! - T0) / HOUR - 50)).toBeLessThan(1);
    expect(e.earliestMs!).toBeLessThan(e.likelyMs!);
  });
});
