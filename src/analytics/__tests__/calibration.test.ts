// Calibration: a 95 % band must cover 92–98 % of future points on series whose noise is known.
import { seasonalSeries, slice } from '../../../tests/support/analytics/synthetic';
import { bandAt } from '../models/band';
import { forecast } from '../models/forecast';
import type { ModelChoice } from '../types';

const HOUR = 3_600_000;

async function coverage(model: ModelChoice, count: number, maxPoints?: number) {
  let inside = 0;
  let total = 0;
  for (let seed = 1; seed <= count; seed++) {
    const period = 24;
    const history = period * 14;
    const horizon = period * 2;
    const full = seasonalSeries({
      points: history + horizon,
      stepMs: HOUR,
      period,
      seed: 1000 + seed,
      noise: 2,
      amplitude: 10,
      trend: 0.01,
    });
    const result = await forecast(slice(full, 0, history), {
      model,
      horizon,
      confidence: 0.95,
      periods: model === 'seasonal' ? [period] : undefined,
      maxPoints,
    });
    if (!result.ok) {
      throw new Error(result.reason);
    }
    for (let h = 0; h < horizon; h++) {
      const band = bandAt(result.forecast, full.timestamps[history + h]);
      const value = full.values[history + h];
      inside += value >= band.lower && value <= band.upper ? 1 : 0;
      total++;
    }
  }
  return inside / total;
}

describe('95 % prediction band coverage on synthetic seasonal series (40 series × 48 future points)', () => {
  test('seasonal MSTL band', async () => {
    const covered = await coverage('seasonal', 40);
    expect(covered).toBeGreaterThanOrEqual(0.92);
    expect(covered).toBeLessThanOrEqual(0.98);
  });

  test('auto (detects the period, picks seasonal)', async () => {
    const covered = await coverage('auto', 40);
    expect(covered).toBeGreaterThanOrEqual(0.92);
    expect(covered).toBeLessThanOrEqual(0.98);
  });

  test('seasonal fitted on bucket means (maxPoints) still describes raw points', async () => {
    const covered = await coverage('seasonal', 40, 100);
    expect(covered).toBeGreaterThanOrEqual(0.92);
    expect(covered).toBeLessThanOrEqual(0.98);
  });

  test('linear OLS band on a linear series with Gaussian noise', async () => {
    let inside = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const full = seasonalSeries({ points: 260, stepMs: HOUR, period: 24, seed, noise: 3, amplitude: 0, trend: 0.5 });
      const result = await forecast(slice(full, 0, 200), { model: 'linear', horizon: 60 });
      if (!result.ok) {
        throw new Error(result.reason);
      }
      for (let h = 0; h < 60; h++) {
        const value = full.values[200 + h];
        inside += value >= result.forecast.lower[h] && value <= result.forecast.upper[h] ? 1 : 0;
        total++;
      }
    }
    expect(inside / total).toBeGreaterThanOrEqual(0.92);
    expect(inside / total).toBeLessThanOrEqual(0.98);
  });
});
