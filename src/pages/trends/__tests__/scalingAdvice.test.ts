import type { ProfileBucket, SeasonalityProfile } from '../../../analytics';
import { MIN_STRENGTH, hourOfDayStrength, scalingAdvice } from '../scalingAdvice';

/** A profile whose hour means follow `mean(h)` with spread `sd` and `count` samples an hour. */
function profile(mean: (h: number) => number, sd: number, weekend = 1): SeasonalityProfile {
  const bucket = (key: number, m: number): ProfileBucket => ({
    key,
    count: 70,
    mean: m,
    stdDev: sd,
    p25: m - sd,
    p75: m + sd,
  });
  return {
    ok: true,
    tzOffsetMinutes: 0,
    hourOfDay: Array.from({ length: 24 }, (_, h) => bucket(h, mean(h))),
    dayOfWeek: Array.from({ length: 7 }, (_, d) => bucket(d, d === 0 || d === 6 ? 100 * weekend : 100)),
    hint: '',
  };
}

// Office hours: 40 req/s at night, 100 from 09:00 to 17:00, ramps either side.
const office = (h: number) => (h >= 9 && h < 17 ? 100 : h === 8 || h === 17 ? 70 : 40);

test('a strong weekday pattern: ratio, ramp, weekdays only, and a KEDA snippet with those numbers', () => {
  const a = scalingAdvice(profile(office, 5, 0.5), 14, 'Etc/UTC')!;
  expect(a.ratio).toBeCloseTo(2.5);
  expect(a.rampStartHour).toBe(8);
  expect(a.rampEndHour).toBe(18);
  expect(a.weekdaysOnly).toBe(true);
  expect(a.replicas).toBe(5);
  expect(a.strength).toBeGreaterThan(0.9);
  expect(a.caveats).toEqual([]);
  expect(a.summary).toMatch(/2\.5× the \d\d:00 trough; the ramp starts at 08:00 and is over by 18:00 on weekdays/);
  expect(a.snippet).toContain('start: "0 7 * * 1-5"');
  expect(a.snippet).toContain('end: "0 18 * * 1-5"');
  expect(a.snippet).toContain('desiredReplicas: "5"   # 2 night replicas × peak/trough 2.50, rounded up');
  expect(a.snippet).toContain('timezone: Etc/UTC');
});

test('a weak pattern and a short range come with caveats', () => {
  const a = scalingAdvice(profile(office, 80), 2, 'Etc/UTC')!;
  expect(a.strength).toBeLessThan(MIN_STRENGTH);
  expect(a.caveats).toHaveLength(2);
  expect(a.caveats[0]).toMatch(/Only 2\.0 days/);
  expect(a.caveats[1]).toMatch(/weak/);
});

test('strength: all variance between hours is 1, none is 0', () => {
  expect(hourOfDayStrength(profile(office, 0).hourOfDay)).toBeCloseTo(1);
  expect(hourOfDayStrength(profile(() => 50, 10).hourOfDay)).toBe(0);
});

test('no traffic: no advice', () => {
  const p = profile(office, 1);
  expect(
    scalingAdvice({ ...p, hourOfDay: p.hourOfDay.map((b) => ({ ...b, count: 0 })) }, 7, 'Etc/UTC')
  ).toBeUndefined();
});
