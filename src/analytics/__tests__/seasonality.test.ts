import { seasonalityProfile } from '../seasonality/profile';

const HOUR = 3_600_000;
// Monday 2026-01-05 00:00 UTC
const MONDAY = Date.UTC(2026, 0, 5);

/** Office-hours traffic: 240 req/s on weekdays 09:00–17:00, 100 otherwise. */
function officeTraffic(weeks: number, tzShiftHours = 0) {
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < weeks * 168; i++) {
    const t = MONDAY + i * HOUR;
    const local = new Date(t + tzShiftHours * HOUR);
    const hour = local.getUTCHours();
    const weekday = local.getUTCDay() >= 1 && local.getUTCDay() <= 5;
    timestamps.push(t);
    values.push(weekday && hour >= 9 && hour < 17 ? 240 : 100);
  }
  return { timestamps, values };
}

describe('seasonalityProfile', () => {
  test('hour-of-day and day-of-week averages with a plain-language hint', () => {
    const profile = seasonalityProfile(officeTraffic(2));
    if (!profile.ok) {
      throw new Error(profile.reason);
    }
    expect(profile.hourOfDay).toHaveLength(24);
    expect(profile.dayOfWeek).toHaveLength(7);
    expect(profile.hourOfDay[10].mean).toBe(200); // 5 weekdays at 240, 2 weekend days at 100
    expect(profile.hourOfDay[3].mean).toBe(100);
    expect(profile.dayOfWeek[0].mean).toBe(100); // Sunday
    expect(profile.dayOfWeek[2].mean).toBeCloseTo((8 * 240 + 16 * 100) / 24);
    expect(profile.hourOfDay[10].stdDev).toBeGreaterThan(0);
    expect(profile.hint).toBe('weekday peak 09:00–17:00 is 2.0x the off-peak hours. Busiest day: Monday.');
  });

  test('a timezone offset moves the buckets to local time', () => {
    // The same office hours in UTC+2 happen at 07:00–15:00 UTC.
    const profile = seasonalityProfile(officeTraffic(2, 2), 120);
    if (!profile.ok) {
      throw new Error(profile.reason);
    }
    expect(profile.hint).toMatch(/^weekday peak 09:00–17:00/);
  });

  test('less than a day of data is refused with a reason', () => {
    const short = officeTraffic(1);
    const result = seasonalityProfile({ timestamps: short.timestamps.slice(0, 20), values: short.values.slice(0, 20) });
    expect(result).toMatchObject({ ok: false, code: 'too-short' });
  });
});
