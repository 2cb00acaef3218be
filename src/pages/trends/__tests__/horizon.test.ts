import {
  CAPACITY_TRAINING_WINDOW_MS,
  capacityHorizonMs,
  forecastHorizon,
  formatTimeUntil,
  toGrafanaDuration,
} from '../horizon';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('forecastHorizon', () => {
  test.each<[string, number, string]>([
    ['5 minutes (floor)', 5 * MIN, '15m'],
    ['1 hour', HOUR, '15m'],
    ['6 hours', 6 * HOUR, '1h'],
    ['24 hours', DAY, '6h'],
    ['2 days', 2 * DAY, '12h'],
    ['7 days (default)', 7 * DAY, '1d'],
    ['8 days', 8 * DAY, '2d'],
    ['30 days (ceiling)', 30 * DAY, '2d'],
    ['zero', 0, '15m'],
    ['negative', -DAY, '15m'],
    ['NaN', NaN, '15m'],
  ])('%s → %s', (_name, rangeMs, duration) => {
    expect(forecastHorizon(rangeMs).duration).toBe(duration);
  });

  test('never reaches past a quarter of ranges longer than an hour', () => {
    for (const rangeMs of [HOUR, 3 * HOUR, DAY, 7 * DAY, 90 * DAY]) {
      expect(forecastHorizon(rangeMs).ms).toBeLessThanOrEqual(rangeMs / 4);
    }
  });
});

describe('capacityHorizonMs', () => {
  test.each<[number, number]>([
    [HOUR, DAY],
    [3 * DAY, 3 * DAY],
    [7 * DAY, 7 * DAY],
    [30 * DAY, 14 * DAY],
    [NaN, DAY],
    [-5, DAY],
  ])('range %p → %p', (rangeMs, expected) => {
    expect(capacityHorizonMs(rangeMs)).toBe(expected);
  });

  test('training window is 14 days (the engine cuts it to the current regime)', () => {
    expect(CAPACITY_TRAINING_WINDOW_MS).toBe(14 * DAY);
  });
});

describe('toGrafanaDuration', () => {
  test.each<[number, string]>([
    [7 * DAY, '7d'],
    [36 * HOUR, '36h'],
    [90 * MIN, '90m'],
    [30_000, '1m'],
    [150_000, '3m'],
  ])('%p → %s', (ms, expected) => {
    expect(toGrafanaDuration(ms)).toBe(expected);
  });
});

describe('formatTimeUntil', () => {
  const now = Date.UTC(2026, 0, 1);
  test.each<[number, string]>([
    [now - HOUR, 'now'],
    [now + 30_000, 'now'],
    [now + 45 * MIN, 'in 45 min'],
    [now + 2 * HOUR, 'in 2 h'],
    [now + 2 * HOUR + 5 * MIN, 'in 2 h 5 min'],
    [now + 3 * DAY, 'in 3 d'],
    [now + 3 * DAY + 4 * HOUR + 59 * MIN, 'in 3 d 4 h'],
    [NaN, '–'],
  ])('%p', (at, expected) => {
    expect(formatTimeUntil(at, now)).toBe(expected);
  });
});
