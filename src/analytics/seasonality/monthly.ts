// Trends over months from a daily series (the long-term store's daily aggregates): the mean per
// calendar month, growth per month with a confidence interval, year over year for the month seen
// in both years, and the weekly and yearly profiles as indices (1 = the average day / month).
//
// Growth is the slope of log(monthly mean) on the month's index (OLS), so "+4 % a month" compounds
// like traffic does; its t-interval uses the residuals, which hold the yearly season as well as the
// noise, so a 13-month window with a seasonal peak gives an honestly wide interval. Year over year
// compares the same calendar month a year apart: free of the season, but one pair, so no interval.
import { fitOls } from '../models/linear';
import { cannotModel } from '../prepare/prepare';
import { studentTQuantile } from '../stats/distributions';
import type { CannotModel, SeriesInput } from '../types';

const DAY_MS = 86_400_000;
/** A month counts for the growth fit only with this many days of data: a partial month is biased by its days. */
export const MIN_DAYS_FOR_GROWTH = 20;
/** Months the growth fit needs (with fewer, a slope is mostly the season). */
export const MIN_MONTHS_FOR_GROWTH = 4;

export interface MonthMean {
  /** 'YYYY-MM' in UTC. */
  key: string;
  year: number;
  /** 0 = January. */
  month: number;
  mean: number;
  days: number;
}

export interface GrowthPerMonth {
  /** Relative change per month, e.g. 0.013 = +1.3 % a month. */
  estimate: number;
  lower: number;
  upper: number;
  confidence: number;
  monthsUsed: number;
}

export interface YearOverYear {
  /** The later month, 'YYYY-MM'. */
  key: string;
  /** Later over earlier mean, e.g. 1.17. */
  ratio: number;
  /** The same as a compound change per month. */
  perMonth: number;
}

export interface ProfileIndex {
  /** Day of week (0 = Sunday) or month (0 = January). */
  key: number;
  /** Mean of that day / month over the mean of all of them (1 = average). */
  index: number;
  count: number;
}

export interface MonthlyTrend {
  months: MonthMean[];
  growth?: GrowthPerMonth;
  yearOverYear?: YearOverYear;
  dayOfWeek: ProfileIndex[];
  monthOfYear: ProfileIndex[];
  /** Days with a value. */
  days: number;
}

function indexOf(groups: Map<number, number[]>): ProfileIndex[] {
  const means = [...groups.entries()].map(([key, values]) => ({
    key,
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    count: values.length,
  }));
  const overall = means.reduce((a, m) => a + m.mean, 0) / (means.length || 1);
  return means
    .sort((a, b) => a.key - b.key)
    .map((m) => ({ key: m.key, index: overall > 0 ? m.mean / overall : 0, count: m.count }));
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

function growthOf(months: MonthMean[], confidence: number): GrowthPerMonth | undefined {
  const full = months.filter((m) => m.days >= MIN_DAYS_FOR_GROWTH && m.mean > 0);
  if (full.length < MIN_MONTHS_FOR_GROWTH) {
    return undefined;
  }
  const x = full.map((m) => m.year * 12 + m.month);
  const y = full.map((m) => Math.log(m.mean));
  const fit = fitOls(x, y);
  const se = Math.sqrt(fit.residualVariance / fit.sxx);
  const t = studentTQuantile(1 - (1 - confidence) / 2, fit.n - 2);
  return {
    estimate: Math.expm1(fit.slope),
    lower: Math.expm1(fit.slope - t * se),
    upper: Math.expm1(fit.slope + t * se),
    confidence,
    monthsUsed: full.length,
  };
}

function yearOverYearOf(months: MonthMean[]): YearOverYear | undefined {
  const byKey = new Map(months.map((m) => [m.year * 12 + m.month, m]));
  const pairs = months
    .filter((m) => m.days >= MIN_DAYS_FOR_GROWTH)
    .map((later) => [byKey.get(later.year * 12 + later.month - 12), later] as const)
    .filter(([earlier]) => earlier && earlier.days >= MIN_DAYS_FOR_GROWTH && earlier.mean > 0);
  const last = pairs[pairs.length - 1];
  if (!last) {
    return undefined;
  }
  const [earlier, later] = last;
  const ratio = later.mean / earlier!.mean;
  return { key: later.key, ratio, perMonth: Math.pow(ratio, 1 / 12) - 1 };
}

/**
 * Month means, growth and profiles of a daily series (timestamps in ms, one value per day; nulls
 * and non-finite values are skipped). Days are UTC days, like the daily aggregates.
 */
export function monthlyTrend(series: SeriesInput, confidence = 0.95): MonthlyTrend | CannotModel {
  if (!(confidence > 0 && confidence < 1)) {
    return cannotModel('unsupported', `Confidence must be between 0 and 1 (got ${confidence}).`);
  }
  const byMonth = new Map<number, number[]>();
  const byWeekday = new Map<number, number[]>();
  let days = 0;
  const n = Math.min(series.timestamps.length, series.values.length);
  for (let i = 0; i < n; i++) {
    const t = Number(series.timestamps[i]);
    const v = series.values[i];
    if (!Number.isFinite(t) || typeof v !== 'number' || !Number.isFinite(v)) {
      continue;
    }
    // A daily sample at 00:00 covers the day before it (rate over the past 1d): bucket it there.
    const day = new Date(t - DAY_MS / 2);
    push(byMonth, day.getUTCFullYear() * 12 + day.getUTCMonth(), v);
    push(byWeekday, day.getUTCDay(), v);
    days++;
  }
  if (days === 0) {
    return cannotModel('all-missing', 'The series has no values.');
  }
  if (days < 14) {
    return cannotModel('too-short', `Trends over months need at least two weeks of daily values; got ${days}.`, 14);
  }
  const months: MonthMean[] = [...byMonth.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, values]) => {
      const year = Math.floor(k / 12);
      const month = k % 12;
      return {
        key: `${year}-${String(month + 1).padStart(2, '0')}`,
        year,
        month,
        mean: values.reduce((a, b) => a + b, 0) / values.length,
        days: values.length,
      };
    });
  const byMonthOfYear = new Map<number, number[]>();
  for (const m of months) {
    push(byMonthOfYear, m.month, m.mean);
  }
  return {
    months,
    growth: growthOf(months, confidence),
    yearOverYear: yearOverYearOf(months),
    dayOfWeek: indexOf(byWeekday),
    monthOfYear: indexOf(byMonthOfYear),
    days,
  };
}
