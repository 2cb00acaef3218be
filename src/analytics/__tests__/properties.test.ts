// Property tests: whatever a data frame holds, the engine models it or says why, and never throws.
import fc from 'fast-check';

import { analyse } from '../index';
import { forecast } from '../models/forecast';
import { prepareSeries } from '../prepare/prepare';
import type { Band, ModelChoice } from '../types';

const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: false }) },
  { weight: 3, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, 1e300, -1e300, 0) }
);
// Timestamps from a small set so duplicates, disorder and gaps are common.
const timestamp = fc.integer({ min: 0, max: 400 }).map((i) => 1_700_000_000_000 + i * 15_000);
const series = fc.array(fc.tuple(timestamp, value), { maxLength: 300 }).map((pairs) => ({
  timestamps: pairs.map((p) => p[0]),
  values: pairs.map((p) => p[1]),
}));
const model = fc.constantFrom<ModelChoice>('auto', 'linear', 'robust-linear', 'seasonal');
const codes = ['empty', 'all-missing', 'too-short', 'constant', 'non-finite', 'unsupported', 'internal'];

function expectSaneBand(band: Band) {
  for (let i = 0; i < band.mean.length; i++) {
    expect(Number.isFinite(band.timestamps[i])).toBe(true);
    expect(Number.isNaN(band.mean[i]) || Number.isNaN(band.lower[i]) || Number.isNaN(band.upper[i])).toBe(false);
    expect(band.lower[i]).toBeLessThanOrEqual(band.mean[i]);
    expect(band.upper[i]).toBeGreaterThanOrEqual(band.mean[i]);
  }
}

describe('robustness properties', () => {
  test('forecast either models (bands without NaN) or returns a typed reason', async () => {
    await fc.assert(
      fc.asyncProperty(series, model, fc.integer({ min: 1, max: 30 }), async (input, choice, horizon) => {
        const result = await forecast(input, { model: choice, horizon });
        if (result.ok) {
          expect(result.forecast.mean.length).toBeGreaterThanOrEqual(1);
          expectSaneBand(result.fitted);
          expectSaneBand(result.forecast);
          expect(result.model.label.length).toBeGreaterThan(0);
        } else {
          expect(codes).toContain(result.code);
          expect(result.reason.length).toBeGreaterThan(10);
          // Most failures must be about the data, not an internal error.
          expect(result.code).not.toBe('internal');
        }
      }),
      { numRuns: 200, seed: 20261125 }
    );
  });

  test('analyse never rejects, whatever the request', async () => {
    await fc.assert(
      fc.asyncProperty(
        series,
        model,
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        async (input, choice, threshold) => {
          const result = await analyse({
            id: 's',
            series: input,
            forecast: { model: choice, horizon: 10 },
            anomalies: { direction: 'both', minDurationPoints: 1 },
            capacityThreshold: threshold,
          });
          expect(result.id).toBe('s');
          if (!result.ok) {
            expect(result.error.reason.length).toBeGreaterThan(10);
          } else {
            for (const interval of result.anomalies) {
              expect(Number.isFinite(interval.score)).toBe(true);
            }
          }
        }
      ),
      { numRuns: 120, seed: 7 }
    );
  });

  test('prepared series are regular, finite and report every point', () => {
    fc.assert(
      fc.property(series, (input) => {
        const prepared = prepareSeries(input);
        if ('values' in prepared) {
          expect(prepared.values.every((v) => Number.isFinite(v))).toBe(true);
          expect(prepared.values.length).toBe(prepared.report.outputPoints);
          expect(prepared.stepMs).toBeGreaterThan(0);
        } else {
          expect(codes).toContain(prepared.code);
        }
      }),
      { numRuns: 500, seed: 3 }
    );
  });

  test('messy seasonal series (holes, spikes, duplicates, any period) reach MSTL and come back sane', async () => {
    const messy = fc
      .record({
        points: fc.integer({ min: 60, max: 1500 }),
        period: fc.integer({ min: 3, max: 120 }),
        holeEvery: fc.integer({ min: 3, max: 50 }),
        spike: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        seed: fc.integer({ min: 1, max: 1e6 }),
      })
      .map(({ points, period, holeEvery, spike, seed }) => {
        const timestamps: number[] = [];
        const values: Array<number | null> = [];
        for (let i = 0; i < points; i++) {
          const noise = Math.sin(seed * (i + 1) * 12.9898) * 0.5;
          timestamps.push(1_700_000_000_000 + i * 60_000);
          values.push(
            i % holeEvery === 0
              ? null
              : i === Math.floor(points / 2)
                ? spike
                : 10 * Math.sin((2 * Math.PI * i) / period) + noise
          );
        }
        // a duplicate and an out-of-order pair
        timestamps.push(timestamps[5]);
        values.push(values[6]);
        [timestamps[10], timestamps[11]] = [timestamps[11], timestamps[10]];
        return { timestamps, values, period };
      });
    await fc.assert(
      fc.asyncProperty(
        messy,
        fc.constantFrom<ModelChoice>('auto', 'seasonal'),
        async ({ timestamps, values, period }, choice) => {
          const result = await forecast(
            { timestamps, values },
            {
              model: choice,
              horizon: 2 * period,
              periods: choice === 'seasonal' ? [period] : undefined,
              maxPoints: 500,
            }
          );
          if (result.ok) {
            expectSaneBand(result.fitted);
            expectSaneBand(result.forecast);
          } else {
            expect(['too-short', 'unsupported']).toContain(result.code);
            expect(result.reason.length).toBeGreaterThan(10);
          }
        }
      ),
      { numRuns: 25, seed: 11 }
    );
  });

  test('bad options are refused with a reason', async () => {
    const input = { timestamps: [1, 2, 3, 4, 5], values: [1, 2, 3, 5, 4] };
    expect(await forecast(input, { model: 'linear', horizon: 0 })).toMatchObject({ ok: false, code: 'unsupported' });
    expect(await forecast(input, { model: 'linear', horizon: 5, confidence: 1.5 })).toMatchObject({
      ok: false,
      code: 'unsupported',
    });
    expect(await forecast(input, { model: 'nonsense' as ModelChoice, horizon: 5 })).toMatchObject({
      ok: false,
      code: 'unsupported',
    });
  });
});
