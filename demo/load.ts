/**
 * Time shape shared by every series: daily and weekly seasonality as cosine series, recurring
 * incidents, and a small per-series time warp for noise. All pure functions of (seed, t).
 */
import { type CosineSeries, type RecurringWindow, add, constant } from './cosineSeries';
import { between, seededDraws, unit } from './random';

/** Monday 2025-01-06 00:00 UTC: counters count from here, weekdays line up with the calendar. */
export const DEMO_EPOCH_SECONDS = 1736121600;
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
export const WEEK = 7 * DAY;

const DAILY = (2 * Math.PI) / DAY;
const WEEKLY = (2 * Math.PI) / WEEK;

/** Relative load L(τ): 1 on average, peaks around 14:00 UTC on weekdays, ~45 % at night at weekends. */
export function loadShape(seed: number): CosineSeries {
  const draw = seededDraws(seed);
  const dailyPeak = 14 * HOUR + between(draw('load.dailyPeak'), -HOUR, HOUR);
  const weeklyPeak = 2 * DAY + 14 * HOUR;
  return add(
    constant(1),
    [{ amp: between(draw('load.daily'), 0.35, 0.42), omega: DAILY, phase: -DAILY * dailyPeak }],
    [{ amp: 0.13, omega: WEEKLY, phase: -WEEKLY * weeklyPeak }]
  );
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
      window: { offset: Math.floor(between(draw('incident.latency'), 0, 3 * DAY)), period: 3 * DAY, duration: 25 * MINUTE },
      slowShare: 0.5,
    },
    errorBurst: {
      service: 'auth',
      window: { offset: Math.floor(between(draw('incident.errors'), 0, 2 * DAY)), period: 2 * DAY, duration: 15 * MINUTE },
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
