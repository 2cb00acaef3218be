/**
 * Time shape shared by every series: daily, weekly and yearly seasonality and growth as cosine
 * series, a yearly holiday dip, recurring incidents, and a small per-series time warp for noise.
 * All pure functions of (seed, t), so the live scrape, the 14-day history and the year in the
 * long-term store are one signal.
 */
import { type CosineSeries, type RecurringWindow, add, constant, integral, windowedIntegral } from './cosineSeries';
import { between, seededDraws, unit } from './random';

/** Monday 2025-01-06 00:00 UTC: counters count from here, weekdays line up with the calendar. */
export const DEMO_EPOCH_SECONDS = 1736121600;
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
export const WEEK = 7 * DAY;
export const YEAR = 365 * DAY;

const DAILY = (2 * Math.PI) / DAY;
const WEEKLY = (2 * Math.PI) / WEEK;
const YEARLY = (2 * Math.PI) / YEAR;
/**
 * Growth is the rising half of a 12-year cycle: a cosine keeps every counter a closed-form integral
 * (cosineSeries.ts). Between 2025 and 2028 it is within 5 % of a straight line through the anchor.
 */
const GROWTH_PERIOD = 12 * YEAR;
/** 2026-12-01: the growth term is 0 here (the load level of the demo's first releases) and rises steepest. */
export const GROWTH_ANCHOR_TAU = 694 * DAY;
export const GROWTH_AMPLITUDE = 0.3;
/** Late November: the seasonal peak (a shop's busiest weeks). */
const SEASONAL_PEAK_TAU = 323 * DAY;
const SEASONAL_AMPLITUDE = 0.08;

/**
 * Relative load L(τ): about 1 on average, peaks around 14:00 UTC on weekdays and in late November,
 * ~45 % at night at weekends, growing about 4 % a quarter (+17 % a year) around the anchor.
 * Stays above 0.1 from 2025 to 2029 (counters must not decrease).
 */
export function loadShape(seed: number): CosineSeries {
  const draw = seededDraws(seed);
  const dailyPeak = dailyPeakSeconds(seed);
  const weeklyPeak = 2 * DAY + 14 * HOUR;
  const growthOmega = (2 * Math.PI) / GROWTH_PERIOD;
  return add(
    constant(1),
    [{ amp: between(draw('load.daily'), 0.35, 0.42), omega: DAILY, phase: -DAILY * dailyPeak }],
    [{ amp: 0.13, omega: WEEKLY, phase: -WEEKLY * weeklyPeak }],
    [{ amp: SEASONAL_AMPLITUDE, omega: YEARLY, phase: -YEARLY * SEASONAL_PEAK_TAU }],
    // a·sin(Ω(τ − anchor)) written as a cosine.
    [{ amp: GROWTH_AMPLITUDE, omega: growthOmega, phase: -growthOmega * GROWTH_ANCHOR_TAU - Math.PI / 2 }]
  );
}

/** Seconds after midnight UTC at which the daily load peaks (about 14:00, moved by the seed). */
export function dailyPeakSeconds(seed: number): number {
  return 14 * HOUR + between(seededDraws(seed)('load.dailyPeak'), -HOUR, HOUR);
}

export interface HolidayDip {
  /** Every year from 22 December for 12 days. */
  window: RecurringWindow;
  /** Share of the load that goes away while it lasts. */
  depth: number;
}

export function holidayDip(): HolidayDip {
  return { window: { offset: 350 * DAY, period: YEAR, duration: 12 * DAY }, depth: 0.35 };
}

/** ∫₀^τ series with the holiday dip taken out: what a counter driven by `series` has counted. */
export function dippedIntegral(series: CosineSeries, dip: HolidayDip, tau: number): number {
  return integral(series, 0, tau) - dip.depth * windowedIntegral(series, dip.window, tau);
}

export interface Incidents {
  /** Latency spike on `service`: a large share of requests takes the slow path. */
  latencySpike: { service: string; window: RecurringWindow; slowShare: number };
  /** Error burst on `service`: a share of the average rate fails with 503. */
  errorBurst: { service: string; window: RecurringWindow; ratio: number };
}

export function incidents(seed: number): Incidents {
  const draw = seededDraws(seed);
  return {
    latencySpike: {
      service: 'payments',
      window: {
        offset: Math.floor(between(draw('incident.latency'), 0, 3 * DAY)),
        period: 3 * DAY,
        duration: 25 * MINUTE,
      },
      slowShare: 0.5,
    },
    errorBurst: {
      service: 'auth',
      window: {
        offset: Math.floor(between(draw('incident.errors'), 0, 2 * DAY)),
        period: 2 * DAY,
        duration: 15 * MINUTE,
      },
      ratio: 0.3,
    },
  };
}

/**
 * Noise as a time warp τ' = τ + δ(τ), with δ linear between per-minute knots in [−jitter, jitter].
 * Every cumulative of one series uses the same warp, so buckets stay ≤ count and counters never
 * decrease (|δ'| ≤ 2·jitter/60 < 1), while per-minute rates wobble by about ±2·jitter/60.
 */
export function warp(key: number, tau: number, jitterSeconds: number): number {
  const k = Math.floor(tau / MINUTE);
  const frac = tau / MINUTE - k;
  const a = jitterSeconds * (2 * unit(key, k) - 1);
  const b = jitterSeconds * (2 * unit(key, k + 1) - 1);
  return tau + a + (b - a) * frac;
}
