import { taskSpeedTrend, type TaskSpeedTrend } from '../models/taskSpeed';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5);

test('slope and its 95% interval match statsmodels OLS', () => {
  // statsmodels: OLS(y, add_constant(x)).fit() → slope -17.20238095, conf_int [-21.33311349, -13.07164841]
  const y = [1000, 980, 990, 940, 930, 925, 900, 880];
  const r = taskSpeedTrend(
    y.map((_, i) => T0 + i * DAY),
    y
  ) as TaskSpeedTrend;
  expect(r.slopeMsPerDay).toBeCloseTo(-17.20238095, 6);
  expect(r.slopeLowerMsPerDay).toBeCloseTo(-21.33311349, 5);
  expect(r.slopeUpperMsPerDay).toBeCloseTo(-13.07164841, 5);
  expect(r.verdict).toBe('faster');
  expect(r.relativeChangePerWeek).toBeCloseTo((7 * -17.20238095) / (y.reduce((a, b) => a + b) / y.length), 6);
});

test('gaps (null) are skipped, not read as zero-duration runs', () => {
  const r = taskSpeedTrend([T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY], [100, null, 120, 140]) as TaskSpeedTrend;
  expect(r.points).toBe(3);
  // x = 0, 2, 3 days; y = 100, 120, 140: Sxy = 60, Sxx = 42/9, slope = 90/7 ms per day.
  expect(r.slopeMsPerDay).toBeCloseTo(90 / 7, 9);
});

test('a flat noisy series has no clear trend', () => {
  const y = [100, 130, 90, 120, 95, 125, 100];
  expect(
    (
      taskSpeedTrend(
        y.map((_, i) => T0 + i * DAY),
        y
      ) as TaskSpeedTrend
    ).verdict
  ).toBe('no clear trend');
});

test.each([
  [[T0, T0 + DAY], [1, 2], /at least 3 intervals/],
  [[T0, T0, T0], [1, 2, 3], /one interval/],
  [[T0, T0 + DAY, T0 + 2 * DAY], [NaN, null, 3], /found 1/],
  [[T0], [1, 2], /different lengths/],
])('cannot fit %j → explains', (t, d, message) => {
  expect(taskSpeedTrend(t, d)).toMatch(message);
});
