// Seasonality profile by hour of day and day of week, with a one-line hint for the UI.
import { cannotModel, isCannotModel, prepareSeries } from '../prepare/prepare';
import { sortedQuantile } from '../stats/robust';
import type { CannotModel, ProfileBucket, SeasonalityProfile, SeriesInput } from '../types';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function bucket(key: number, values: number[]): ProfileBucket {
  const sorted = Float64Array.from(values).sort();
  const count = values.length;
  const mean = count ? values.reduce((a, b) => a + b, 0) / count : 0;
  const variance = count > 1 ? values.reduce((a, b) => a + (b - mean) ** 2, 0) / (count - 1) : 0;
  return {
    key,
    count,
    mean,
    stdDev: Math.sqrt(variance),
    p25: count ? sortedQuantile(sorted, 0.25) : 0,
    p75: count ? sortedQuantile(sorted, 0.75) : 0,
  };
}

function hh(hour: number): string {
  return `${String(hour % 24).padStart(2, '0')}:00`;
}

/** `tzOffsetMinutes` east of UTC (e.g. 60 for CET in winter); buckets are in that local time. */
export function seasonalityProfile(series: SeriesInput, tzOffsetMinutes = 0): SeasonalityProfile | CannotModel {
  const prepared = prepareSeries(series);
  if (isCannotModel(prepared)) {
    return prepared;
  }
  const spanMs = prepared.stepMs * (prepared.values.length - 1);
  if (spanMs < 86_400_000 || prepared.stepMs > 3_600_000) {
    return cannotModel(
      'too-short',
      'An hour-of-day profile needs at least one day of data at a step of one hour or less.'
    );
  }
  const offsetMs = (Number.isFinite(tzOffsetMinutes) ? tzOffsetMinutes : 0) * 60_000;
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  const byDay: number[][] = Array.from({ length: 7 }, () => []);
  for (let i = 0; i < prepared.values.length; i++) {
    if (prepared.imputed[i]) {
      continue;
    }
    const local = new Date(prepared.startMs + i * prepared.stepMs + offsetMs);
    byHour[local.getUTCHours()].push(prepared.values[i]);
    byDay[local.getUTCDay()].push(prepared.values[i]);
  }
  const hourOfDay = byHour.map((v, h) => bucket(h, v));
  const dayOfWeek = byDay.map((v, d) => bucket(d, v));
  return { ok: true, tzOffsetMinutes: offsetMs / 60_000, hourOfDay, dayOfWeek, hint: describe(hourOfDay, dayOfWeek) };
}

/** The busiest contiguous hours (mean above the midpoint of trough and peak) against the rest. */
function describe(hours: ProfileBucket[], days: ProfileBucket[]): string {
  const filled = hours.filter((b) => b.count > 0);
  const peak = Math.max(...filled.map((b) => b.mean));
  const trough = Math.min(...filled.map((b) => b.mean));
  if (!(peak > trough) || filled.length < 24) {
    return 'No clear daily pattern.';
  }
  const mid = (peak + trough) / 2;
  const peakHour = hours.findIndex((b) => b.count > 0 && b.mean === peak);
  let start = peakHour;
  let end = peakHour;
  while (hours[(start + 23) % 24].mean >= mid && (start + 23) % 24 !== peakHour) {
    start = (start + 23) % 24;
  }
  while (hours[(end + 1) % 24].mean >= mid && (end + 1) % 24 !== start) {
    end = (end + 1) % 24;
  }
  const inPeak = (h: number) => (start <= end ? h >= start && h <= end : h >= start || h <= end);
  const peakMean = mean(hours.filter((b) => inPeak(b.key)).map((b) => b.mean));
  const offMean = mean(hours.filter((b) => !inPeak(b.key)).map((b) => b.mean));
  const weekday = mean(days.filter((d) => d.key >= 1 && d.key <= 5 && d.count > 0).map((d) => d.mean));
  const weekend = mean(days.filter((d) => (d.key === 0 || d.key === 6) && d.count > 0).map((d) => d.mean));
  const whenPrefix = weekday > 0 && weekend > 0 && weekday / weekend >= 1.2 ? 'weekday ' : '';
  const window = `${hh(start)}–${hh(end + 1)}`;
  if (!(offMean > 0) || !(peakMean > 0)) {
    return `${whenPrefix}peak ${window}; quietest around ${hh(hours.findIndex((b) => b.mean === trough))}.`;
  }
  const busiestDay = days.reduce((a, b) => (b.count > 0 && b.mean > a.mean ? b : a), days[0]);
  const dayNote = days.every((d) => d.count > 0) ? ` Busiest day: ${DAY_NAMES[busiestDay.key]}.` : '';
  return `${whenPrefix}peak ${window} is ${(peakMean / offMean).toFixed(1)}x the off-peak hours.${dayNote}`;
}

function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}
