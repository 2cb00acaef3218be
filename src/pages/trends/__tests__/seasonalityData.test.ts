import { FieldType, toDataFrame } from '@grafana/data';

import { seasonalityProfile, type SeasonalityProfile } from '../../../analytics';
import { describeOffset, profileFrames, seriesFromFrames, tzOffsetMinutes } from '../seasonalityData';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 10, 2);

function frame(values: unknown[], stepMs = HOUR) {
  return toDataFrame({
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: values.map((_, i) => MONDAY + i * stepMs) },
      { name: 'Value', type: FieldType.number, values },
    ],
  });
}

describe('seriesFromFrames', () => {
  test('takes the first time series and turns non-numbers into null', () => {
    expect(seriesFromFrames([frame([1, null, NaN, 'x'])])).toEqual({
      timestamps: [MONDAY, MONDAY + HOUR, MONDAY + 2 * HOUR, MONDAY + 3 * HOUR],
      values: [1, null, NaN, null],
    });
  });

  test('no frames, empty frames and frames without time give undefined', () => {
    expect(seriesFromFrames(undefined)).toBeUndefined();
    expect(seriesFromFrames([])).toBeUndefined();
    expect(seriesFromFrames([frame([])])).toBeUndefined();
    expect(
      seriesFromFrames([toDataFrame({ fields: [{ name: 'Value', type: FieldType.number, values: [1] }] })])
    ).toBeUndefined();
  });
});

describe('profileFrames', () => {
  // Two weeks hourly: 10 req/s from 09:00 to 17:00 on weekdays, 2 otherwise.
  const values = Array.from({ length: 14 * 24 }, (_, i) => {
    const hour = i % 24;
    const day = Math.floor(i / 24) % 7; // 0 = Monday
    return day < 5 && hour >= 9 && hour < 17 ? 10 : 2;
  });
  const profile = seasonalityProfile({
    timestamps: values.map((_, i) => MONDAY + i * HOUR),
    values,
  }) as SeasonalityProfile;

  test('the engine sees the weekday office-hours peak', () => {
    expect(profile.ok).toBe(true);
    expect(profile.hint).toMatch(/^weekday peak 09:00–17:00 is \d+(\.\d)?x the off-peak hours\./);
  });

  test('hour bars 00…23 (two digits, so 24 labels do not run together) and day bars Mon…Sun, with averages and p75 in req/s', () => {
    const { byHour, byDay } = profileFrames(profile);
    expect(byHour.fields.map((f) => f.name)).toEqual(['Hour', 'Average', 'Typical high (p75)']);
    expect(byHour.fields[0].values[0]).toBe('00');
    expect(byHour.fields[0].values[23]).toBe('23');
    expect(Math.max(...byHour.fields[0].values.map((v: string) => v.length))).toBe(2);
    expect(byHour.fields[1].values[3]).toBe(2);
    expect(byHour.fields[1].values[10]).toBeCloseTo((10 * 10 + 2 * 4) / 14, 10);
    expect(byHour.fields[2].values[10]).toBe(10);
    expect(byHour.fields[1].config.unit).toBe('reqps');
    expect(byDay.fields[0].values).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(byDay.fields[1].values[5]).toBe(2);
    expect(byDay.fields[1].values[0]).toBeCloseTo((8 * 10 + 16 * 2) / 24, 10);
  });

  test('empty buckets become gaps, not zeros', () => {
    const twoDays = values.slice(0, 48);
    const short = seasonalityProfile({
      timestamps: twoDays.map((_, i) => MONDAY + i * HOUR),
      values: twoDays,
    }) as SeasonalityProfile;
    const { byDay } = profileFrames(short);
    expect(byDay.fields[1].values).toEqual([expect.any(Number), expect.any(Number), null, null, null, null, null]);
  });
});

describe('time zone', () => {
  test.each<[number, string]>([
    [0, 'UTC'],
    [60, 'UTC+01:00'],
    [-300, 'UTC-05:00'],
    [330, 'UTC+05:30'],
  ])('describeOffset(%p)', (minutes, text) => {
    expect(describeOffset(minutes)).toBe(text);
  });

  test('utc and unset are 0; an IANA zone uses its offset at that instant', () => {
    expect(tzOffsetMinutes('utc', MONDAY)).toBe(0);
    expect(tzOffsetMinutes(undefined, MONDAY)).toBe(0);
    expect(tzOffsetMinutes('Europe/Berlin', Date.UTC(2026, 0, 15))).toBe(60);
    expect(tzOffsetMinutes('Europe/Berlin', Date.UTC(2026, 6, 15))).toBe(120);
    expect(tzOffsetMinutes('browser', MONDAY)).toBe(-new Date(MONDAY).getTimezoneOffset());
  });
});
