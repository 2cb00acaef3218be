import fc from 'fast-check';

import { isCannotModel, monthlyTrend } from '..';
import type { MonthlyTrend } from '../seasonality/monthly';

const DAY = 86_400_000;
const START = Date.UTC(2025, 10, 1); // 1 Nov 2025, 00:00 UTC

/** Daily samples stamped at the end of each day (as a 1d aggregate evaluated at midnight). */
function daily(days: number, value: (day: number) => number) {
  const timestamps = Array.from({ length: days }, (_, d) => START + (d + 1) * DAY);
  return { timestamps, values: timestamps.map((_, d) => value(d)) };
}

function ok(result: ReturnType<typeof monthlyTrend>): MonthlyTrend {
  if (isCannotModel(result)) {
    throw new Error(result.reason);
  }
  return result;
}

test('13 months of days give 13 (or 14 partial) month means, each day in its own UTC month', () => {
  const r = ok(monthlyTrend(daily(395, () => 10)));
  expect(r.months[0]).toMatchObject({ key: '2025-11', days: 30, mean: 10 });
  expect(r.months.filter((m) => m.days >= 28)).toHaveLength(13);
  expect(r.days).toBe(395);
});

test('exact compound growth is recovered with a tight interval around it (fast-check)', () => {
  fc.assert(
    fc.property(fc.double({ min: -0.05, max: 0.1, noNaN: true }), (perMonth) => {
      const perDay = Math.pow(1 + perMonth, 12 / 365.25);
      const g = ok(monthlyTrend(daily(395, (d) => 100 * Math.pow(perDay, d)))).growth!;
      expect(g.estimate).toBeCloseTo(perMonth, 2);
      expect(g.lower).toBeLessThanOrEqual(g.estimate);
      expect(g.upper).toBeGreaterThanOrEqual(g.estimate);
      expect(g.upper - g.lower).toBeLessThan(0.01);
    })
  );
});

test('a seasonal swing widens the interval instead of faking precision', () => {
  const flat = ok(monthlyTrend(daily(395, (d) => 100 + 0.05 * d))).growth!;
  const seasonal = ok(
    monthlyTrend(daily(395, (d) => (100 + 0.05 * d) * (1 + 0.3 * Math.sin((2 * Math.PI * d) / 365))))
  ).growth!;
  expect(seasonal.upper - seasonal.lower).toBeGreaterThan(5 * (flat.upper - flat.lower));
});

test('weekly profile: weekends at half the weekday level show as indices', () => {
  // Day 0 is 1 Nov 2025, a Saturday; d % 7 of 0 and 1 are Saturday and Sunday.
  const r = ok(monthlyTrend(daily(364, (d) => (d % 7 < 2 ? 50 : 100))));
  const byDay = Object.fromEntries(r.dayOfWeek.map((b) => [b.key, b.index]));
  expect(byDay[6] / byDay[1]).toBeCloseTo(0.5, 10);
  expect(byDay[0] / byDay[3]).toBeCloseTo(0.5, 10);
  expect(r.dayOfWeek.reduce((a, b) => a + b.index, 0) / 7).toBeCloseTo(1, 10);
});

test('year over year compares the same month a year apart', () => {
  const r = ok(monthlyTrend(daily(395, (d) => (d < 30 ? 100 : d >= 365 ? 120 : 110))));
  expect(r.yearOverYear).toMatchObject({ key: '2026-11' });
  expect(r.yearOverYear!.ratio).toBeCloseTo(1.2, 10);
  expect(r.yearOverYear!.perMonth).toBeCloseTo(Math.pow(1.2, 1 / 12) - 1, 12);
});

test.each([
  [{ timestamps: [], values: [] }, 'all-missing'],
  [daily(20, () => Number.NaN), 'all-missing'],
  [daily(10, () => 1), 'too-short'],
])('bad input gives a reason, not a crash (%#)', (series, code) => {
  const r = monthlyTrend(series);
  expect(isCannotModel(r) && r.code).toBe(code);
});

test('three months: profiles but no growth (a slope would be the season)', () => {
  const r = ok(monthlyTrend(daily(90, (d) => 100 + d)));
  expect(r.growth).toBeUndefined();
  expect(r.monthOfYear.length).toBeGreaterThanOrEqual(3);
});
