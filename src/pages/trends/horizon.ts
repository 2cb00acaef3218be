// How far ahead the page looks, derived from the time range: a forecast reaches about as far as a
// quarter of the history behind it (past that the band is mostly width), and a capacity estimate
// as far as the whole range, because "will this volume fill up this week?" is the question.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Grafana durations the forecast horizon snaps to, shortest first. */
const FORECAST_HORIZONS: ReadonlyArray<[number, string]> = [
  [15 * MINUTE, '15m'],
  [30 * MINUTE, '30m'],
  [HOUR, '1h'],
  [3 * HOUR, '3h'],
  [6 * HOUR, '6h'],
  [12 * HOUR, '12h'],
  [DAY, '1d'],
  [2 * DAY, '2d'],
];

/** The longest listed horizon not above a quarter of the range (the default 7 days gives "1d"). */
export function forecastHorizon(rangeMs: number): { ms: number; duration: string } {
  const target = Number.isFinite(rangeMs) && rangeMs > 0 ? rangeMs / 4 : 0;
  let chosen = FORECAST_HORIZONS[0];
  for (const candidate of FORECAST_HORIZONS) {
    if (candidate[0] <= target) {
      chosen = candidate;
    }
  }
  return { ms: chosen[0], duration: chosen[1] };
}

export const MIN_CAPACITY_HORIZON_MS = DAY;
export const MAX_CAPACITY_HORIZON_MS = 14 * DAY;

/** Capacity looks as far ahead as the range reaches back, between 1 and 14 days. */
export function capacityHorizonMs(rangeMs: number): number {
  if (!Number.isFinite(rangeMs) || rangeMs <= 0) {
    return MIN_CAPACITY_HORIZON_MS;
  }
  return Math.min(MAX_CAPACITY_HORIZON_MS, Math.max(MIN_CAPACITY_HORIZON_MS, rangeMs));
}

/**
 * Capacity looks back up to 14 days; the engine then fits only the regime since the last reset
 * (compaction, restart, scale-out), because a fit across one would average the growth away.
 */
export const CAPACITY_TRAINING_WINDOW_MS = 14 * DAY;

/** "2d", "36h", "90m": a whole-unit Grafana duration for `ms`, for panel options. */
export function toGrafanaDuration(ms: number): string {
  for (const [size, unit] of [
    [DAY, 'd'],
    [HOUR, 'h'],
    [MINUTE, 'm'],
  ] as const) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return `${Math.max(1, Math.round(ms / MINUTE))}m`;
}

/** "in 3 d 4 h", "in 45 min", "now": a duration from `nowMs` to `atMs` for the table. */
export function formatTimeUntil(atMs: number, nowMs: number): string {
  const ms = atMs - nowMs;
  if (!Number.isFinite(ms)) {
    return '–';
  }
  if (ms < MINUTE) {
    return 'now';
  }
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  if (days > 0) {
    return hours > 0 ? `in ${days} d ${hours} h` : `in ${days} d`;
  }
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (hours > 0) {
    return minutes > 0 ? `in ${hours} h ${minutes} min` : `in ${hours} h`;
  }
  return `in ${minutes} min`;
}
