// Hostile-but-valid inputs found by an outside probe: each once returned 'internal', NaN or a wrong
// reading instead of an answer or a specific reason.
import fc from 'fast-check';

import { seasonalSeries } from '../../../tests/support/analytics/synthetic';
import { forecast } from '../models/forecast';
import { taskSpeedTrend } from '../models/taskSpeed';
import { prepareSeries } from '../prepare/prepare';
import { runAnalysisInThread } from '../runtime/analyse';
import type { AnalysisRequest, ForecastOutcome, ForecastResult, PreparedSeries } from '../types';

const MIN = 60_000;
const DAY = 86_400_000;

function scaled(factor: number, seed = 3) {
  const s = seasonalSeries({ points: 24 * 6, stepMs: 5 * MIN, period: 24, seed });
  return { timestamps: s.timestamps, values: s.values.map((v) => v * factor) };
}

function ok(outcome: ForecastOutcome): ForecastResult {
  if (!outcome.ok) {
    throw new Error(`expected a forecast, got ${outcome.code}: ${outcome.reason}`);
  }
  return outcome;
}

function expectScaled(big: Float64Array, small: Float64Array, factor: number) {
  expect(big.length).toBe(small.length);
  for (let i = 0; i < big.length; i++) {
    // Relative to the band's scale, not the point: a mean near zero may differ in the last digits.
    expect(Math.abs(big[i] / factor - small[i])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(small[i])));
  }
}

describe('values far from 1', () => {
  test.each([1e40, 1e100, 1e149, 1e200, 1e290, 1e-40])(
    'a seasonal fit of the series × %p is the fit of the series, scaled',
    async (factor) => {
      const options = { model: 'seasonal' as const, periods: [24], horizon: 12 };
      const base = ok(await forecast(scaled(1), options));
      const big = ok(await forecast(scaled(factor), options));
      for (const key of ['mean', 'lower', 'upper'] as const) {
        expectScaled(big.forecast[key], base.forecast[key], factor);
        expectScaled(big.fitted[key], base.fitted[key], factor);
      }
      expect(big.model.why).toMatch(/divided by/);
    }
  );

  test('scale invariance of the linear fit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -300, max: 290 }), fc.integer({ min: 1, max: 50 }), async (exp, seed) => {
        const factor = 10 ** exp;
        const options = { model: 'linear' as const, horizon: 6 };
        const base = ok(await forecast(scaled(1, seed), options));
        const big = ok(await forecast(scaled(factor, seed), options));
        expectScaled(big.forecast.upper, base.forecast.upper, factor);
        expectScaled(big.forecast.lower, base.forecast.lower, factor);
      }),
      { numRuns: 25, seed: 8 }
    );
  });

  test('finite values up to ±1e300 are kept, beyond that they are reported as too large, not as missing', () => {
    const timestamps = Array.from({ length: 6 }, (_, i) => Date.UTC(2026, 0, 1) + i * MIN);
    const kept = prepareSeries({ timestamps, values: [1e200, 2e200, 3e200, 1e299, 5e200, 6e200] }) as PreparedSeries;
    expect(kept.report.droppedNonFinite).toBe(0);
    expect(Array.from(kept.values)).toEqual([1e200, 2e200, 3e200, 1e299, 5e200, 6e200]);

    const some = prepareSeries({ timestamps, values: [1, 2, 1e305, NaN, 5, 6] }) as PreparedSeries;
    expect(some.report).toMatchObject({ droppedNonFinite: 1, droppedTooLarge: 1 });
    expect(some.report.warnings).toEqual([expect.objectContaining({ code: 'values-too-large', points: 1 })]);
    expect(some.report.notes?.join(' ')).toMatch(/1 value beyond ±1e300/);

    expect(prepareSeries({ timestamps, values: Array(6).fill(Number.MAX_VALUE) })).toMatchObject({
      ok: false,
      code: 'unsupported',
      reason: expect.stringMatching(/All 6 values are beyond ±1e300/),
    });
  });
});

describe('timestamps in epoch seconds', () => {
  test('10-digit timestamps are read as seconds, converted and reported with a code', () => {
    const t0 = 1_780_000_000; // 2026-05-28 in seconds; as milliseconds it would be 1970-01-21
    const prepared = prepareSeries({
      timestamps: Array.from({ length: 50 }, (_, i) => t0 + i * 60),
      values: Array.from({ length: 50 }, (_, i) => i),
    }) as PreparedSeries;
    expect(prepared.stepMs).toBe(60_000);
    expect(prepared.startMs).toBe(t0 * 1000);
    expect(prepared.report.warnings).toEqual([expect.objectContaining({ code: 'timestamps-in-seconds', points: 50 })]);
  });

  test('millisecond timestamps are left alone', () => {
    const prepared = prepareSeries({
      timestamps: Array.from({ length: 50 }, (_, i) => 1_780_000_000_000 + i * MIN),
      values: Array.from({ length: 50 }, (_, i) => i),
    }) as PreparedSeries;
    expect(prepared.stepMs).toBe(MIN);
    expect(prepared.report.warnings).toBeUndefined();
  });
});

describe('malformed analysis requests get a specific reason, never internal', () => {
  const forecastOptions = { model: 'auto', horizon: 5 };
  test.each([
    ['series null', { id: 'a', series: null, forecast: forecastOptions }, 'empty'],
    ['series missing', { id: 'a', forecast: forecastOptions }, 'empty'],
    ['timestamps null', { id: 'a', series: { timestamps: null, values: [1] }, forecast: forecastOptions }, 'empty'],
    ['series a string', { id: 'a', series: 'x', forecast: forecastOptions }, 'unsupported'],
    ['values a number', { id: 'a', series: { timestamps: [1], values: 3 }, forecast: forecastOptions }, 'unsupported'],
    ['forecast null', { id: 'a', series: { timestamps: [1, 2, 3], values: [1, 2, 3] }, forecast: null }, 'unsupported'],
    ['request null', null, 'unsupported'],
    ['request a number', 42, 'unsupported'],
    [
      'capacity a string',
      {
        id: 'a',
        series: { timestamps: [1, 2, 3], values: [1, 2, 3] },
        forecast: forecastOptions,
        capacityThreshold: '9',
      },
      'unsupported',
    ],
  ])('%s → %s', async (_name, request, code) => {
    const result = await runAnalysisInThread(request as unknown as AnalysisRequest, { useCache: false });
    expect(result).toMatchObject({ ok: false, error: { code } });
  });
});

describe('taskSpeedTrend gives a reason, never NaN', () => {
  const days = [0, 1, 2, 3, 4].map((d) => Date.UTC(2026, 0, 1) + d * DAY);
  test.each([
    ['huge durations', [1e300, 1e308, 1e200, 1.7e308, 5e307], 0.95, /too large/],
    ['confidence 1', [1, 2, 4, 3, 5], 1, /confidence must be between 0 and 1/],
    ['confidence 0', [1, 2, 4, 3, 5], 0, /confidence must be between 0 and 1/],
  ])('%s', (_name, durations, confidence, reason) => {
    expect(taskSpeedTrend(days, durations, confidence)).toMatch(reason);
  });

  test('any finite non-negative durations give finite fields or a reason (property)', () => {
    const duration = fc.oneof(
      fc.double({ min: 0, max: 1e6, noNaN: true }),
      fc.double({ min: 0, max: Number.MAX_VALUE })
    );
    fc.assert(
      fc.property(
        fc.array(duration, { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (d, c) => {
          const trend = taskSpeedTrend(days, d, c);
          if (typeof trend !== 'string') {
            for (const v of Object.values(trend)) {
              if (typeof v === 'number') {
                expect(Number.isFinite(v)).toBe(true);
              }
            }
          }
        }
      ),
      { numRuns: 300, seed: 5 }
    );
  });
});
