import { gaussian, seededRandom, seasonalSeries } from '../../../../tests/support/analytics/synthetic';
import { prepareSeries } from '../../prepare/prepare';
import { runAnalysisInThread } from '../../runtime/analyse';
import type { PreparedSeries } from '../../types';
import { ROUTINE_REASON, SLOW_DRIFT_REASON, calibratedAnomalies, rarity } from '../calibrated';
import { judgeCausally } from '../streaming';

const STEP = 10 * 60_000;
const DAY = 144;

function prepared(values: number[]): PreparedSeries {
  const start = Date.UTC(2026, 0, 5);
  const p = prepareSeries({ timestamps: values.map((_, i) => start + i * STEP), values });
  if (!('values' in p)) {
    throw new Error(p.reason);
  }
  return p;
}

function daily(days: number, seed: number): number[] {
  return seasonalSeries({
    points: days * DAY,
    stepMs: STEP,
    period: DAY,
    seed,
    noise: 3,
    amplitude: 30,
    trend: 0,
    level: 200,
  }).values;
}

const rules = { direction: 'both' as const, sensitivity: 1 };

describe('calibrated anomalies', () => {
  it('flags nothing on a clean daily series', () => {
    expect(calibratedAnomalies(prepared(daily(7, 1)), rules)).toEqual([]);
  });

  it('flags a spike in the past once, in the range view, and says how rare it is', () => {
    const values = daily(7, 2);
    values[4 * DAY + 30] += 40;
    const found = calibratedAnomalies(prepared(values), rules);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ view: 'range', direction: 'above' });
    expect(found[0].points).toContain(4 * DAY + 30);
    expect(found[0].reason).toMatch(/^In the range .*1 in [\d,]+ points|under 1 in a million/);
    expect(found[0].severity).toBeGreaterThan(3);
  });

  it('marks the whole of a sustained incident in the range, not only its onset', () => {
    const values = daily(7, 14);
    const at = 4 * DAY + 50;
    for (let i = at; i < at + 12; i++) {
      values[i] += 45; // 15 σ for 2 hours: the recent level alone would learn it after about an hour
    }
    const found = calibratedAnomalies(prepared(values), rules);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ view: 'range', direction: 'above' });
    // Every point of it (the CUSUM may hold the alert one point past the end).
    expect(found[0].points.slice(0, 12)).toEqual(Array.from({ length: 12 }, (_, k) => at + k));
    expect(found[0].points.length).toBeLessThanOrEqual(13);
  });

  it('marks a sustained drop on the newest points for as long as it lasts', () => {
    const values = daily(7, 8);
    const n = values.length;
    for (let i = n - 10; i < n; i++) {
      values[i] -= 45;
    }
    const found = calibratedAnomalies(prepared(values), rules);
    expect(found.map((a) => [a.view, a.direction])).toEqual([['live', 'below']]);
    expect(found[0].points).toEqual(Array.from({ length: 10 }, (_, k) => n - 10 + k));
  });

  it('reports a lasting level shift once and learns it within half a day', () => {
    const values = daily(7, 11);
    const at = 3 * DAY;
    for (let i = at; i < values.length; i++) {
      values[i] += 45;
    }
    const found = calibratedAnomalies(prepared(values), rules);
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found[0].points[0]).toBeLessThan(at + 6);
    expect(found.every((a) => a.points[a.points.length - 1] < at + DAY / 2)).toBe(true);
  });

  it.each([22, 25, 26])(
    'flags a slow drift on the newest points (a leak: 12 σ over 6 hours), each point close to the recent level (seed %i)',
    (seed) => {
      const values = daily(7, seed);
      const length = 36;
      const at = values.length - length;
      for (let i = at; i < values.length; i++) {
        values[i] += (36 * (i - at + 1)) / length;
      }
      const found = calibratedAnomalies(prepared(values), rules);
      expect(found.map((a) => [a.view, a.direction, a.reason.includes(SLOW_DRIFT_REASON)])).toEqual([
        ['live', 'above', true],
      ]);
    }
  );

  it('names a drift in the range a drift, also after the second pass leaves its points out of the level', () => {
    const values = daily(7, 35);
    const at = values.length - 60;
    for (let i = at; i < values.length; i++) {
      values[i] += i < at + 36 ? (36 * (i - at + 1)) / 36 : 36; // a climb over 6 hours, then it stays
    }
    // The drift's intervals: the noise has its own rare points (a 1-in-6,000 dip a few hours before).
    const driftStart = Date.UTC(2026, 0, 5) + at * STEP;
    const inRange = calibratedAnomalies(prepared(values), rules).filter(
      (a) => a.view === 'range' && a.endMs >= driftStart
    );
    expect(inRange.length).toBeGreaterThan(0);
    expect(inRange.map((a) => a.reason.includes(SLOW_DRIFT_REASON))).toEqual(inRange.map(() => true));
  });

  // An hourly job (one 10-minute point of +40, 13 σ) that stops at day 5.5: the recent level never
  // expected the job, so it cannot be what says a missing run is normal.
  function hourlyJob(seed: number, stop: number): number[] {
    const values = daily(7, seed);
    for (let i = 2; i < stop; i += 6) {
      values[i] += 40;
    }
    return values;
  }

  it.each([1, 2, 3, 5, 6])(
    'reports a job that stopped once, at its first missed run, and learns it (seed %i)',
    (seed) => {
      const stop = 5 * DAY + 70;
      const firstMissed = stop + ((((2 - stop) % 6) + 6) % 6);
      const found = calibratedAnomalies(prepared(hourlyJob(seed, stop)), rules);
      expect(found.map((a) => [a.view, a.direction, a.points])).toEqual([['range', 'below', [firstMissed]]]);
      expect(found[0].reason).toContain(ROUTINE_REASON.below);
    }
  );

  it('judged causally, a stopped job alerts at its first missed run and not at the 25 after it', () => {
    const stop = 5 * DAY + 70;
    const x = Float64Array.from(hourlyJob(1, stop));
    // Refit every 2 hours on the trailing week, as the live view and the benchmark do.
    const verdicts = judgeCausally(x, STEP, { from: 4 * DAY, trainPoints: 7 * DAY, every: 12, direction: 'both' });
    const flagged = verdicts.filter((v) => v.flagged && v.index >= stop - 6).map((v) => v.index);
    const firstMissed = stop + ((((2 - stop) % 6) + 6) % 6);
    expect(flagged).toEqual([firstMissed]);
    // The job's runs before it stopped were expected: none of them alerted.
    expect(verdicts.filter((v) => v.flagged && (v.index - 2) % 6 === 0 && v.index < stop)).toEqual([]);
  });

  it("on a week of 1-minute points, lists the incidents and the job's stop, not the job's runs", () => {
    // An hourly one-minute job (+25, about 17 σ) until minute 8,000, and three 10-minute incidents (+30).
    let state = 1;
    const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
    const values = Array.from({ length: 10_000 }, (_, i) => {
      const noise = 3 * (random() + random() + random() - 1.5);
      const job = i % 60 === 7 && i < 8000 ? 25 : 0;
      const incident = i % 3000 < 10 && i > 0 ? 30 : 0;
      return 100 + 20 * Math.sin((2 * Math.PI * i) / 1440) + noise + job + incident;
    });
    const start = Date.UTC(2026, 0, 5);
    const p = prepareSeries({ timestamps: values.map((_, i) => start + i * 60_000), values });
    if (!('values' in p)) {
      throw new Error(p.reason);
    }
    const found = calibratedAnomalies(p, { direction: 'both', sensitivity: 0.75 });
    expect(found.map((a) => [a.direction, a.points[0], a.reason.includes(ROUTINE_REASON.below)])).toEqual([
      ['above', 3000, false],
      ['above', 6000, false],
      ['below', 8047, true], // the first run that did not come
      ['above', 9000, false],
    ]);
  });

  it('flags a drop on the newest points live, judged on the points before them', () => {
    const values = daily(7, 3);
    const n = values.length;
    for (let i = n - 4; i < n; i++) {
      values[i] -= 60;
    }
    const found = calibratedAnomalies(prepared(values), rules);
    expect(found.map((a) => [a.view, a.direction])).toEqual([['live', 'below']]);
    expect(found[0].reason).toMatch(/^Live/);
  });

  it('keeps scores finite on quantised data with a zero spread (the resolution is the floor)', () => {
    const random = seededRandom(5);
    const values: number[] = Array.from({ length: 3 * DAY }, () => (random() < 0.97 ? 20 : 25));
    values[2 * DAY] = 60;
    const found = calibratedAnomalies(prepared(values), rules);
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found.every((a) => Number.isFinite(a.score) && a.score < 400)).toBe(true);
    expect(found.some((a) => a.points.includes(2 * DAY))).toBe(true);
  });

  it('the minimum departure silences flags too small to matter', () => {
    const random = seededRandom(9);
    const values = Array.from({ length: 3 * DAY }, () => 1000 + 0.5 * gaussian(random));
    values[2 * DAY] += 10; // 20 σ but 1 % off
    expect(calibratedAnomalies(prepared(values), { ...rules, minDeviation: 0.05 })).toEqual([]);
    expect(calibratedAnomalies(prepared(values), rules).length).toBeGreaterThan(0);
  });

  it('is what analyse() answers for anomalies', async () => {
    const values = daily(7, 4);
    values[5 * DAY] += 50;
    const start = Date.UTC(2026, 0, 5);
    const result = await runAnalysisInThread({
      id: 'a',
      series: { timestamps: values.map((_, i) => start + i * STEP), values },
      forecast: { model: 'auto', horizon: 12 },
      anomalies: rules,
    });
    expect(result.ok).toBe(true);
    expect(result.ok && result.anomalies.map((a) => a.view)).toEqual(['range']);
  });

  it.each([
    [3, '1 in 1,000'],
    [0.5, '1 in 3'],
    [7, 'under 1 in a million'],
  ])('rarity(%f) = %s', (s, text) => {
    expect(rarity(s)).toBe(text);
  });
});
