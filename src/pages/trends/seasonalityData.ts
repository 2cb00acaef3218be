// Seasonality profile plumbing: the request-rate frame → the engine's input, the engine's profile →
// the frames the bar charts draw, and the time zone the buckets are computed in.
import { type DataFrame, FieldType, dateTimeForTimeZone, toDataFrame } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import type { ProfileBucket, SeasonalityProfile, SeriesInput } from '../../analytics';

const DAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** Monday first, as operators read a week. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

/** The first numeric series with a time field (the query sums to one series), or undefined. */
export function seriesFromFrames(frames: readonly DataFrame[] | undefined): SeriesInput | undefined {
  for (const frame of frames ?? []) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const value = frame.fields.find((f) => f.type === FieldType.number);
    if (time && value && frame.length > 0) {
      return {
        timestamps: Array.from(time.values as ArrayLike<number>, Number),
        values: Array.from(value.values as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : null)),
      };
    }
  }
  return undefined;
}

/** Minutes east of UTC for the dashboard's time zone at `atMs` ("browser" = the viewer's zone). */
export function tzOffsetMinutes(timeZone: TimeZone | undefined, atMs: number): number {
  if (!timeZone || timeZone === 'utc') {
    return 0;
  }
  if (timeZone === 'browser') {
    return -new Date(atMs).getTimezoneOffset();
  }
  const offset = dateTimeForTimeZone(timeZone, atMs).utcOffset();
  return Number.isFinite(offset) ? offset : 0;
}

/**
 * "00" … "23": the bar chart draws every category label, and 24 "HH:00" labels ran together
 * ("00:0001:00…") at dashboard widths; two digits fit under each bar and the axis says "Hour".
 */
function hh(hour: number): string {
  return String(hour).padStart(2, '0');
}

function profileFrame(
  refId: string,
  labelName: string,
  labels: string[],
  buckets: ProfileBucket[],
  unit: string
): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: labelName, type: FieldType.string, values: labels },
      {
        name: 'Average',
        type: FieldType.number,
        values: buckets.map((b) => (b.count > 0 ? b.mean : null)),
        config: { unit },
      },
      {
        name: 'Typical high (p75)',
        type: FieldType.number,
        values: buckets.map((b) => (b.count > 0 ? b.p75 : null)),
        config: { unit },
      },
    ],
  });
}

/** Hour-of-day bars (00 … 23) and day-of-week bars (Mon … Sun); empty buckets are gaps. */
export function profileFrames(profile: SeasonalityProfile, unit = 'reqps'): { byHour: DataFrame; byDay: DataFrame } {
  const hours = [...profile.hourOfDay].sort((a, b) => a.key - b.key);
  const days = WEEK_ORDER.map((d) => profile.dayOfWeek.find((b) => b.key === d)).filter((b): b is ProfileBucket =>
    Boolean(b)
  );
  return {
    byHour: profileFrame(
      'byHour',
      'Hour',
      hours.map((b) => hh(b.key)),
      hours,
      unit
    ),
    byDay: profileFrame(
      'byDay',
      'Day',
      days.map((b) => DAY_SHORT[b.key]),
      days,
      unit
    ),
  };
}

/** "in UTC" / "in UTC+01:00": where the hours on the axis are. */
export function describeOffset(minutes: number): string {
  if (minutes === 0) {
    return 'UTC';
  }
  const sign = minutes > 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
