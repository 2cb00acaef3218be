// The between-window slope spread (slopeSpread.ts) and what it does to a capacity band: a one-day
// regime riding a slow cycle has a slope the OLS interval is too sure of.
import { gaussian, seededRandom } from '../../../tests/support/analytics/synthetic';
import { estimateCapacity } from '../capacity/capacity';
import { MIN_SLOPE_WINDOWS, slopeSpread } from '../capacity/slopeSpread';
import { forecast } from '../models/forecast';
import type { ForecastResult } from '../types';

const STEP = 20 * 60_000;
const DAY = 86_400_000;
const PER_DAY = DAY / STEP;
const T0 = Date.UTC(2026, 10, 22);

/** Regimes of `length` points, each a line of `slopes[r]` per step from 0.3, with Gaussian noise. */
function regimes(slopes: number[], length: number, noise: number, seed: number) {
  const random = seededRandom(seed);
  const values: number[] = [];
  slopes.forEach((slope) => {
    for (let i = 0; i < length; i++) {
      values.push(0.3 + slope * i + noise * gaussian(random));
    }
  });
  return { values, starts: slopes.map((_, r) => r * length) };
}

describe('slopeSpread', () => {
  test('regimes with one slope and independent noise: τ² stays within the noise of its own estimate', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { values, starts } = regimes([0.001, 0.001, 0.001, 0.001, 0.001, 0.001], 60, 0.01, seed);
      const { tau2, windows } = slopeSpread(values, starts, 60);
      expect(windows).toBe(6);
      // Slope standard error of one window: σ / √Sxx, Sxx = 60·(60² − 1)/12.
      const se2 = 0.01 ** 2 / ((60 * (60 ** 2 - 1)) / 12);
      expect(tau2).toBeLessThan(4 * se2);
    }
  });

  test('slopes that alternate by ±δ give τ² ≈ δ² (noise taken out)', () => {
    const delta = 0.0004;
    const { values, starts } = regimes([0.001 + delta, 0.001 - delta, 0.001 + delta, 0.001 - delta, 0.001 + delta, 0.001 - delta], 60, 0.002, 3);
    const { tau2 } = slopeSpread(values, starts, 60);
    // Sample variance of ±δ over 6 windows is δ²·6/5.
    expect(Math.sqrt(tau2) / delta).toBeGreaterThan(0.9);
    expect(Math.sqrt(tau2) / delta).toBeLessThan(1.3);
  });

  test(`fewer than ${MIN_SLOPE_WINDOWS} windows, or windows too short, say nothing`, () => {
    const { values, starts } = regimes([0.001, 0.003], 60, 0.002, 4);
    expect(slopeSpread(values, starts, 60)).toEqual({ tau2: 0, windows: 2 });
    expect(slopeSpread(values, starts, 2)).toEqual({ tau2: 0, windows: 0 });
  });
});

describe('a short regime on a slow cycle', () => {
  // A leak restarted every 1.5 days, riding a 7-day cycle: inside the last (one-day) regime the cycle
  // tilts the slope, and the truth is the leak plus the cycle on, without the next restart.
  const leakPerDay = 0.12;
  const cycle = (t: number) => 0.03 * Math.sin((2 * Math.PI * t) / 7 + 2.2);
  const n = 7 * PER_DAY;
  const lastRestart = n - PER_DAY;
  const sinceRestart = (i: number) => (i >= lastRestart ? i - lastRestart : i % Math.round(1.5 * PER_DAY));
  const regime = (i: number) => 0.3 + leakPerDay * (sinceRestart(i) / PER_DAY) + cycle(i / PER_DAY);

  test('the truth lies between earliest and latest in ≥ 90 % of noise draws', async () => {
    let inside = 0;
    const draws = 20;
    for (let seed = 1; seed <= draws; seed++) {
      const random = seededRandom(seed);
      const values = Array.from({ length: n }, (_, i) => regime(i) + 0.004 * gaussian(random));
      const timestamps = values.map((_, i) => T0 + i * STEP);
      const r = await forecast({ timestamps, values }, { model: 'linear', horizon: 7 * PER_DAY, currentRegimeOnly: true });
      expect(r.ok).toBe(true);
      const f = r as ForecastResult;
      expect(f.regime?.sinceMs).toBe(T0 + lastRestart * STEP);
      const estimate = estimateCapacity(f, 0.8, values[n - 1]);
      // When the noise-free regime (leak + cycle, no restart) reaches 0.8.
      let k = n;
      while (regime(k) < 0.8) {
        k++;
      }
      const truthMs = T0 + k * STEP;
      if ((estimate.earliestMs ?? Infinity) <= truthMs && truthMs <= (estimate.latestMs ?? Infinity)) {
        inside++;
      }
    }
    expect(inside / draws).toBeGreaterThanOrEqual(0.9);
  });
});

test('a slope variance passed in by a caller is replaced by the engine’s own', async () => {
  const values = Array.from({ length: 200 }, (_, i) => 0.2 + 0.001 * i + 0.002 * Math.sin(i));
  const timestamps = values.map((_, i) => T0 + i * STEP);
  const plain = (await forecast({ timestamps, values }, { model: 'linear', horizon: 50 })) as ForecastResult;
  const forged = (await forecast({ timestamps, values }, { model: 'linear', horizon: 50, slopeVariance: Number.NaN })) as ForecastResult;
  expect(Array.from(forged.forecast.upper)).toEqual(Array.from(plain.forecast.upper));
  expect(forged.model.why).toBe(plain.model.why);
});
