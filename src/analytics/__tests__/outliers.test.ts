// One-off incidents must be flagged, not learned as seasonality; genuine level shifts must be learned.
import fc from 'fast-check';

import { seasonalSeries, slice } from '../../../tests/support/analytics/synthetic';
import { isolatedOutliers } from '../anomalies/outliers';
import { analyse } from '../index';
import { forecast } from '../models/forecast';
import { robustSeasonalFit } from '../models/robustBand';
import type { Band, ForecastResult } from '../types';

const STEP = 5 * 60_000;
/** One day of 5-minute points, like the demo's checkout series. */
const PERIOD = 288;
const DAYS = 7;
const HISTORY = PERIOD * DAYS;
const NOISE = 2;

/** The noise-free pattern of `seasonalSeries` with trend 0 and level 100. */
function cleanPattern(i: number): number {
  const phase = (2 * Math.PI * i) / PERIOD;
  return 100 + 10 * (Math.sin(phase) + Math.sin(2 * phase + 1) / 3);
}

function dailySeries(seed: number) {
  return seasonalSeries({ points: HISTORY, stepMs: STEP, period: PERIOD, seed, noise: NOISE, amplitude: 10, trend: 0 });
}

function meanWidth(band: Band): number {
  let sum = 0;
  for (let i = 0; i < band.mean.length; i++) {
    sum += band.upper[i] - band.lower[i];
  }
  return sum / band.mean.length;
}

/** Largest distance of the forecast from `expected` over the next period, on the raw step grid. */
function worstMiss(result: ForecastResult, expected: (i: number) => number): number {
  let worst = 0;
  const factor = result.stepMs / STEP;
  for (let h = 0; h < result.forecast.mean.length; h++) {
    worst = Math.max(worst, Math.abs(result.forecast.mean[h] - expected(HISTORY + h * factor)));
  }
  return worst;
}

async function seasonalForecast(
  values: { timestamps: number[]; values: number[] },
  maxPoints?: number
): Promise<ForecastResult> {
  const result = await forecast(slice(values, 0, HISTORY), {
    model: 'seasonal',
    periods: [PERIOD],
    horizon: PERIOD,
    maxPoints,
  });
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result;
}

describe('isolatedOutliers', () => {
  const noise = Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) * 0.5);

  test('a short run far beyond the residual spread is flagged, nothing else', () => {
    const residuals = [...noise];
    residuals[50] = residuals[51] = residuals[52] = 20;
    const mask = isolatedOutliers(residuals, 40);
    expect(mask && Array.from(mask).flatMap((m, i) => (m ? [i] : []))).toEqual([50, 51, 52]);
  });

  test('a run longer than a quarter of the period is kept (a change in shape, not an incident)', () => {
    const residuals = [...noise];
    residuals.fill(20, 50, 61);
    expect(isolatedOutliers(residuals, 40)).toBeUndefined();
    // At a period of 44 the same 11-point run is exactly a quarter: short enough to be an incident.
    const mask = isolatedOutliers(residuals, 44);
    expect(mask && Array.from(mask).flatMap((m, i) => (m ? [i] : []))).toEqual(Array.from({ length: 11 }, (_, i) => 50 + i));
  });

  test('a run that reaches the last point is kept (it may be a level shift in progress)', () => {
    const residuals = [...noise];
    residuals[198] = residuals[199] = 20;
    expect(isolatedOutliers(residuals, 40)).toBeUndefined();
  });

  test('one spike among exactly fitted points (MAD 0) is still an outlier; pure noise has none', () => {
    const exact = new Array(100).fill(0);
    exact[30] = 5;
    expect(isolatedOutliers(exact, 24)?.[30]).toBe(1);
    expect(isolatedOutliers(noise, 40)).toBeUndefined();
    expect(isolatedOutliers(new Array(50).fill(0), 24)).toBeUndefined();
  });

  test('an infinite residual among exact fits is not an outlier (fast-check counterexample)', () => {
    const residuals = [0, NaN, NaN, 0, 0, 0, Infinity, 0, 0, -2e-323];
    const mask = isolatedOutliers(residuals, 2);
    expect(mask === undefined || mask[6] === 0).toBe(true);
  });

  test('property: never flags a non-finite residual, the last point, a long run or more than 10 %', () => {
    const residual = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
      { weight: 2, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300, 1000, -1000) }
    );
    fc.assert(
      fc.property(fc.array(residual, { maxLength: 300 }), fc.integer({ min: 2, max: 100 }), (residuals, period) => {
        const mask = isolatedOutliers(residuals, period);
        if (!mask) {
          return;
        }
        const flagged = Array.from(mask).flatMap((m, i) => (m ? [i] : []));
        expect(flagged.length).toBeGreaterThan(0);
        expect(flagged.length).toBeLessThanOrEqual(0.1 * residuals.length);
        expect(mask[residuals.length - 1]).toBe(0);
        flagged.forEach((i) => expect(Number.isFinite(residuals[i])).toBe(true));
        let run = 0;
        for (const m of mask) {
          run = m ? run + 1 : 0;
          expect(run).toBeLessThanOrEqual(Math.max(1, Math.floor(period / 4)));
        }
      })
    );
  });
});

describe.each([
  ['full resolution', undefined],
  ['fitted on bucket means (maxPoints 500)', 500],
])('a one-off incident in a daily-seasonal series, %s', (_name, maxPoints) => {
  const clean = dailySeries(21);
  const incidentAt = PERIOD * 5 + 110;
  const spiked = { timestamps: clean.timestamps, values: [...clean.values] };
  for (let i = incidentAt; i < incidentAt + 10; i++) {
    spiked.values[i] *= 2;
  }

  test('is not forecast to recur and does not widen the band', async () => {
    const [cleanFit, spikedFit] = await Promise.all([
      seasonalForecast(clean, maxPoints),
      seasonalForecast(spiked, maxPoints),
    ]);
    // Before the fix the forecast repeated the incident (~20 above the pattern at its phase).
    expect(worstMiss(spikedFit, cleanPattern)).toBeLessThan(3 * NOISE);
    expect(worstMiss(cleanFit, cleanPattern)).toBeLessThan(3 * NOISE);
    // ...and the band ballooned to ~6x the clean fit's width.
    expect(meanWidth(spikedFit.forecast) / meanWidth(cleanFit.forecast)).toBeGreaterThan(0.85);
    expect(meanWidth(spikedFit.forecast) / meanWidth(cleanFit.forecast)).toBeLessThan(1.15);
    expect(spikedFit.model.why).toMatch(/one-off outliers replaced/);
    expect(cleanFit.model.why).not.toMatch(/outliers replaced/);
  });

  test('in the last day, where the holdout measures the band scale, it does not widen the band either', async () => {
    const late = { timestamps: clean.timestamps, values: [...clean.values] };
    for (let i = HISTORY - 100; i < HISTORY - 90; i++) {
      late.values[i] *= 2;
    }
    const [cleanFit, lateFit] = await Promise.all([
      seasonalForecast(clean, maxPoints),
      seasonalForecast(late, maxPoints),
    ]);
    expect(worstMiss(lateFit, cleanPattern)).toBeLessThan(3 * NOISE);
    expect(meanWidth(lateFit.forecast) / meanWidth(cleanFit.forecast)).toBeGreaterThan(0.85);
    expect(meanWidth(lateFit.forecast) / meanWidth(cleanFit.forecast)).toBeLessThan(1.15);
  });

  test('is still reported as an anomaly interval', async () => {
    const result = await analyse({
      id: `incident-${maxPoints ?? 'full'}`,
      series: spiked,
      forecast: { model: 'seasonal', periods: [PERIOD], horizon: PERIOD, maxPoints },
      anomalies: { direction: 'above', minDurationPoints: 3 },
    });
    if (!result.ok) {
      throw new Error(result.error.reason);
    }
    const incident = result.anomalies.find((a) => a.points.includes(incidentAt));
    expect(incident?.points.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, k) => incidentAt + k));
    // The alert may hold one point past the end, a point that departs on its own (rarer than 1 in
    // 10: seed 21 draws a 1.75 σ rise there).
    const after = incident?.points.slice(10) ?? [];
    expect(after.length).toBeLessThanOrEqual(1);
    expect(after.map((i) => (spiked.values[i] - cleanPattern(i)) / NOISE > 1.28)).toEqual(after.map(() => true));
    expect(incident?.score).toBeGreaterThan(5);
  });
});

describe('a genuine level shift is learned, not cleaned away', () => {
  test.each([
    ['full resolution', undefined],
    ['bucket means', 500],
  ])('a +30 step lasting the last 1.8 days is forecast at the new level (%s)', async (_name, maxPoints) => {
    const shifted = dailySeries(23);
    for (let i = PERIOD * 5 + 50; i < HISTORY; i++) {
      shifted.values[i] += 30;
    }
    const result = await seasonalForecast(shifted, maxPoints);
    expect(worstMiss(result, (i) => cleanPattern(i) + 30)).toBeLessThan(3 * NOISE);
  });

  test('a +30 plateau lasting 1.5 days in the middle of the history is data, not an outlier', () => {
    const plateau = dailySeries(25);
    const from = PERIOD * 3 + 50;
    const to = from + Math.round(1.5 * PERIOD);
    for (let i = from; i < to; i++) {
      plateau.values[i] += 30;
    }
    // The first pass of the cleaning, exactly as seasonal.ts runs it at full resolution.
    const values = Float64Array.from(plateau.values);
    const fit = robustSeasonalFit(values, PERIOD);
    const mask = isolatedOutliers(
      values.map((v, i) => v - fit.mean[i]),
      PERIOD
    );
    // At most a handful of points at the plateau's edges, where the rolling median turns, are replaced.
    const replaced = mask ? mask.reduce((a, b) => a + b, 0) : 0;
    expect(replaced).toBeLessThan(0.05 * (to - from));
  });
});
