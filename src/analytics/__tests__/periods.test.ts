import { gaussian, seasonalSeries, seededRandom } from '../../../tests/support/analytics/synthetic';
import { prepareSeries } from '../prepare/prepare';
import { detectPeriods, refinePeriods } from '../seasonality/periods';
import type { PreparedSeries } from '../types';

const HOUR = 3_600_000;
const MINUTE = 60_000;

function prepared(period: number, stepMs: number, seed: number, cycles: number): PreparedSeries {
  const series = seasonalSeries({
    points: period * cycles,
    stepMs,
    period,
    seed,
    noise: 4,
    amplitude: 10,
    trend: 0.02,
  });
  const result = prepareSeries(series);
  if (!('values' in result)) {
    throw new Error(result.reason);
  }
  return result;
}

describe('seasonal period detection is exact on noisy, trending series', () => {
  const cases: Array<[string, number, number, number]> = [
    ['1 day at 1 h', 24, HOUR, 8],
    ['1 h at 1 min', 60, MINUTE, 8],
    ['1 week at 1 h', 168, HOUR, 5],
    ['1 day at 5 min', 288, 5 * MINUTE, 5],
    ['1 day at 1 min', 1440, MINUTE, 4],
  ];
  test.each(cases)('%s → %i', async (_name, period, stepMs, cycles) => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const series = prepared(period, stepMs, seed * 7919 + period, cycles);
      const detected = await detectPeriods(series.values, series.stepMs);
      expect(detected.periods[0]).toBe(period);
    }
  });

  test('a periodogram proposal of 256 for a true 288 still yields 288', () => {
    const series = prepared(288, 5 * MINUTE, 3, 5);
    expect(refinePeriods(series.values, series.stepMs, [256]).periods).toEqual([288]);
  });

  test('a period that is not a common one is found at its autocorrelation peak', async () => {
    const series = prepared(37, 10_000, 5, 12);
    expect((await detectPeriods(series.values, series.stepMs)).periods[0]).toBe(37);
  });

  test('white noise has no period', async () => {
    const random = seededRandom(11);
    const noise = Float64Array.from({ length: 500 }, () => gaussian(random));
    expect((await detectPeriods(noise, HOUR)).periods).toEqual([]);
  });
});
