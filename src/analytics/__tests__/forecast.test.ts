import { gaussian, seasonalSeries, seededRandom, slice } from '../../../tests/support/analytics/synthetic';
import { forecast } from '../models/forecast';
import { prepareSeries } from '../prepare/prepare';
import { runAnalysisInThread } from '../runtime/analyse';
import { MEMORY_REFITS, clearAnalysisCache } from '../runtime/cache';
import { detectPeriods } from '../seasonality/periods';
import type { AnalysisRequest, PreparedSeries } from '../types';

const HOUR = 3_600_000;

/** Four weeks of hourly office traffic: a weekday daytime hump on top of a small daily wave. */
function officeWeeks(seed: number) {
  const random = seededRandom(seed);
  const timestamps: number[] = [];
  const values: number[] = [];
  const start = Date.UTC(2026, 0, 5);
  for (let i = 0; i < 24 * 7 * 4; i++) {
    const t = start + i * HOUR;
    const d = new Date(t);
    const weekday = d.getUTCDay() >= 1 && d.getUTCDay() <= 5;
    timestamps.push(t);
    values.push(
      100 +
        (weekday ? 30 : 0) * Math.max(0, Math.sin((Math.PI * (d.getUTCHours() - 8)) / 10)) +
        5 * Math.sin((2 * Math.PI * i) / 24) +
        2 * gaussian(random)
    );
  }
  return { timestamps, values };
}

describe('forecast models', () => {
  test('daily and weekly seasonality are both detected', async () => {
    const prepared = prepareSeries(officeWeeks(1)) as PreparedSeries;
    expect((await detectPeriods(prepared.values, prepared.stepMs)).periods).toEqual([24, 168]);
  });

  test('explicit periods give a multi-seasonal MSTL with a readable label', async () => {
    const result = await forecast(officeWeeks(2), {
      model: 'seasonal',
      periods: [24, 168],
      horizon: 48,
      confidence: 0.9,
    });
    if (!result.ok) {
      throw new Error(result.reason);
    }
    expect(result.model).toMatchObject({
      kind: 'mstl-ets',
      periods: [24, 168],
      label: 'seasonal MSTL, periods 1d+1w, 90 %',
    });
    expect(result.forecast.mean).toHaveLength(48);
  });

  test('auto says which model it chose and why, with holdout errors', async () => {
    const result = await forecast(officeWeeks(3), { model: 'auto', horizon: 24 });
    if (!result.ok) {
      throw new Error(result.reason);
    }
    expect(result.model.kind).toBe('mstl-ets');
    expect(result.model.why).toMatch(/^Seasonal beat linear \(holdout MAE seasonal [\d.]+ vs linear [\d.]+\)/);
  });

  test('auto picks linear for a noisy straight line', async () => {
    const line = seasonalSeries({ points: 500, stepMs: HOUR, period: 24, seed: 4, amplitude: 0, trend: 0.3, noise: 1 });
    const result = await forecast(line, { model: 'auto', horizon: 10 });
    expect(result).toMatchObject({ ok: true, model: { kind: 'linear', label: 'linear (OLS), 95 %' } });
  });

  test('robust linear ignores spikes that drag OLS', async () => {
    const line = seasonalSeries({
      points: 200,
      stepMs: HOUR,
      period: 24,
      seed: 5,
      amplitude: 0,
      trend: 1,
      noise: 0.5,
      level: 0,
    });
    for (let i = 150; i < 200; i += 10) {
      line.values[i] += 400;
    }
    const robust = await forecast(line, { model: 'robust-linear', horizon: 1 });
    const ols = await forecast(line, { model: 'linear', horizon: 1 });
    if (!robust.ok || !ols.ok) {
      throw new Error('both models must fit');
    }
    expect(Math.abs(robust.forecast.mean[0] - 200)).toBeLessThan(2);
    expect(Math.abs(ols.forecast.mean[0] - 200)).toBeGreaterThan(10);
    expect(robust.model.label).toBe('robust linear (Theil–Sen), 95 %');
  });

  test('seasonal with too little history says how much it needs', async () => {
    const short = seasonalSeries({ points: 30, stepMs: HOUR, period: 24, seed: 6 });
    expect(await forecast(short, { model: 'seasonal', periods: [24], horizon: 5 })).toMatchObject({
      ok: false,
      code: 'too-short',
      minPoints: 49,
    });
  });

  test('the training window limits what is fitted', async () => {
    const s = seasonalSeries({ points: 24 * 20, stepMs: HOUR, period: 24, seed: 7 });
    const result = await forecast(s, { model: 'linear', horizon: 5, trainingWindowMs: 24 * 5 * HOUR });
    expect(result.ok && result.fitted.mean.length).toBe(24 * 5 + 1);
  });
});

describe('reuse across refreshes', () => {
  const full = seasonalSeries({ points: 24 * 15, stepMs: HOUR, period: 24, seed: 8 });
  const request = (from: number, to: number): AnalysisRequest => ({
    id: 'checkout',
    series: slice(full, from, to),
    forecast: { model: 'auto', horizon: 24 },
  });

  beforeEach(() => clearAnalysisCache());

  test('the same data is served from the cache; a shifted window reuses the model choice', async () => {
    const first = await runAnalysisInThread(request(0, 24 * 14));
    const again = await runAnalysisInThread(request(0, 24 * 14));
    const shifted = await runAnalysisInThread(request(1, 24 * 14 + 1));
    if (!first.ok || !again.ok || !shifted.ok) {
      throw new Error('all three must model');
    }
    expect(again.forecast).toBe(first.forecast);
    expect(shifted.forecast.model.why).toMatch(/choice kept from the previous refresh/);
    expect(shifted.forecast.forecast.timestamps[0]).toBe(first.forecast.forecast.timestamps[0] + HOUR);
  });

  test(`the kept choice is re-decided after ${MEMORY_REFITS} refreshes, and its note is not repeated`, async () => {
    await runAnalysisInThread(request(0, 24 * 14));
    const whys: string[] = [];
    for (let shift = 1; shift <= MEMORY_REFITS + 1; shift++) {
      const run = await runAnalysisInThread(request(shift, 24 * 14 + shift));
      whys.push(run.ok ? (run.forecast.model.why ?? '') : 'failed');
    }
    const kept = whys.map((why) => why.includes('choice kept from the previous refresh'));
    expect(kept).toEqual([...new Array<boolean>(MEMORY_REFITS).fill(true), false]);
    expect(whys.every((why) => why.split('choice kept').length <= 2)).toBe(true);
  });

  test('zooming out (much more history) detects again instead of reusing', async () => {
    await runAnalysisInThread(request(24 * 10, 24 * 14));
    const zoomed = await runAnalysisInThread(request(0, 24 * 14));
    expect(zoomed.ok && zoomed.forecast.model.why).not.toMatch(/previous refresh/);
  });
});
