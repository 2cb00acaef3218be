// Synthetic saturation series with a known answer, for the capacity backtest (`npm run bench:capacity`)
// and its CI-sized jest run. Each case is a week of history at the Trends page's resolution (20 min),
// ending "now", and the time the noise-free *current regime* crosses the threshold.
//
// The truth is counterfactual on purpose: "when does this fill up if nobody compacts, restarts or scales
// it?" is the capacity question. A planned restart is an intervention no fit can foresee, so the next
// reset is never part of the truth; only past resets shape the history.
import { gaussian, seededRandom } from '../../tests/support/analytics/synthetic';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** What the page sees: a week at 20-minute steps (500 points), 90 %, a week ahead, a 95 % band. */
export const BACKTEST_STEP_MS = 20 * MINUTE;
export const BACKTEST_HISTORY_MS = 7 * DAY;
export const BACKTEST_HORIZON_MS = 7 * DAY;
export const BACKTEST_THRESHOLD = 0.9;
export const BACKTEST_CONFIDENCE = 0.95;
/** "No crossing" cases cross no earlier than this many horizons ahead (or never). */
export const NO_CROSSING_MARGIN = 1.5;
/** "Now" of every synthetic case: a Sunday noon, so daily shapes line up with the calendar. */
export const NOW_MS = Date.UTC(2026, 10, 29, 12);

export interface BacktestCase {
  family: string;
  /** Noise label: low / mid / high standard deviation, or the demo's own noise. */
  noise: string;
  id: string;
  timestamps: number[];
  values: number[];
  nowMs: number;
  threshold: number;
  horizonMs: number;
  /** When the noise-free current regime first reaches the threshold; undefined = not within the horizon. */
  truthMs?: number;
}

export const NOISE_LEVELS: ReadonlyArray<[string, number]> = [
  ['low', 0.002],
  ['mid', 0.01],
  ['high', 0.03],
];

/** A shape in days relative to now (t ≤ 0 is history): `observed` with past resets, `regime` without future ones. */
interface Shape {
  observed: (tDays: number) => number;
  regime: (tDays: number) => number;
}

type Random = () => number;
type ShapeMaker = (random: Random, crossing: boolean) => Shape;

function uniform(random: Random, min: number, max: number): number {
  return min + random() * (max - min);
}

/** Days until `regime` first reaches `threshold` (minute resolution), searched to `limitDays`. */
export function firstCrossingDays(regime: (tDays: number) => number, threshold: number, limitDays: number): number | undefined {
  const stepDays = 1 / 1440;
  let prev = regime(0);
  if (prev >= threshold) {
    return 0;
  }
  for (let t = stepDays; t <= limitDays + 1e-9; t += stepDays) {
    const v = regime(t);
    if (v >= threshold) {
      return t - stepDays + ((threshold - prev) / (v - prev)) * stepDays;
    }
    prev = v;
  }
  return undefined;
}

/** Days to crossing for a crossing case (half a day to 6.5 d) or a no-crossing one (≥ 1.5 horizons, or never). */
function remainingDays(random: Random, crossing: boolean): number {
  const horizonDays = BACKTEST_HORIZON_MS / DAY;
  return crossing ? uniform(random, 0.5, horizonDays - 0.5) : random() < 0.25 ? Infinity : uniform(random, NO_CROSSING_MARGIN * horizonDays, 8 * horizonDays);
}

const THR = BACKTEST_THRESHOLD;
const HISTORY_DAYS = BACKTEST_HISTORY_MS / DAY;

/** Steady growth from `start` a week ago; `remaining` days to the threshold from now. */
const linear: ShapeMaker = (random, crossing) => {
  const remaining = remainingDays(random, crossing);
  if (remaining === Infinity) {
    // Flat or shrinking: no crossing ever.
    const level = uniform(random, 0.3, 0.8);
    const slope = -uniform(random, 0, 0.02);
    const f = (t: number) => level + slope * t;
    return { observed: f, regime: f };
  }
  const start = uniform(random, 0.05, 0.5);
  const slope = (THR - start) / (HISTORY_DAYS + remaining);
  const f = (t: number) => start + slope * (t + HISTORY_DAYS);
  return { observed: f, regime: f };
};

/** Fill from `base` at `slope` per day, compacted back to `base` every `period` days (the last `since` days ago). */
const sawtooth: ShapeMaker = (random, crossing) => {
  const base = uniform(random, 0.25, 0.5);
  const period = random() < 0.5 ? 7 : uniform(random, 2, 4);
  const since = uniform(random, 0.75, Math.min(period, 5));
  const remaining = remainingDays(random, crossing);
  const slope = remaining === Infinity ? uniform(random, 0.002, 0.01) : (THR - base) / (since + remaining);
  const regime = (t: number) => base + slope * (t + since);
  const observed = (t: number) => Math.min(0.99, base + slope * mod(t + since, period));
  return { observed, regime };
};

/** Memory: a leak from `base`, restarted every `period` days, with a daily wobble (peak 14:00). */
const leak: ShapeMaker = (random, crossing) => {
  const base = uniform(random, 0.3, 0.45);
  const period = uniform(random, 1.5, 4);
  const since = uniform(random, 0.75, period);
  const wobble = uniform(random, 0.005, 0.02);
  const remaining = remainingDays(random, crossing);
  const slope = remaining === Infinity ? uniform(random, 0.002, 0.01) : (THR - base) / (since + remaining);
  const daily = (t: number) => wobble * Math.cos(2 * Math.PI * (t - 2 / 24));
  return {
    observed: (t) => Math.min(0.99, base + slope * mod(t + since, period) + daily(t)),
    regime: (t) => base + slope * (t + since) + daily(t),
  };
};

/** CPU: a daily cycle (peak 14:00) on a trend; the truth is when the daily *peak* reaches the threshold. */
const seasonalCpu: ShapeMaker = (random, crossing) => {
  const amplitude = uniform(random, 0.08, 0.2);
  const remaining = remainingDays(random, crossing);
  // Peak now (14:00 is 2 h past "now"; close enough, the truth is searched numerically).
  // A steep trend needs a high start for the trough a week ago to stay above 5 %.
  const lowest = remaining === Infinity ? 0 : (2 * amplitude + 0.05 + (THR * HISTORY_DAYS) / remaining) / (1 + HISTORY_DAYS / remaining);
  const peakNow = remaining === Infinity ? uniform(random, 0.4, 0.7) : uniform(random, Math.max(0.45, lowest), 0.88);
  const slope = remaining === Infinity ? -uniform(random, 0, 0.01) : (THR - peakNow) / remaining;
  const f = (t: number) => peakNow - amplitude + slope * t + amplitude * Math.cos(2 * Math.PI * (t - 2 / 24));
  return { observed: f, regime: f };
};

/** Per-pod CPU after a scale-out (or a limit raised): the share drops by a factor `since` days ago, then grows on. */
const stepChange: ShapeMaker = (random, crossing) => {
  const since = uniform(random, 0.75, 3);
  const factor = uniform(random, 0.55, 0.8);
  const remaining = remainingDays(random, crossing);
  const lowest = remaining === Infinity ? 0 : (0.05 + (THR * HISTORY_DAYS) / remaining) / (1 + HISTORY_DAYS / remaining);
  const now = uniform(random, Math.max(0.35, lowest), 0.85);
  const slope = remaining === Infinity ? uniform(random, -0.005, 0.004) : (THR - now) / remaining;
  const regime = (t: number) => now + slope * t;
  // Before the step the same workload ran on fewer replicas: a higher share, growing faster.
  const observed = (t: number) => (t >= -since ? regime(t) : Math.min(0.99, regime(t) / factor));
  return { observed, regime };
};

export const FAMILIES: ReadonlyArray<[string, ShapeMaker]> = [
  ['linear', linear],
  ['sawtooth', sawtooth],
  ['leak', leak],
  ['seasonal-cpu', seasonalCpu],
  ['step-change', stepChange],
];

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** Samples a shape into a case: noise added to history only; the truth comes from the noise-free regime. */
export function sampleCase(family: string, noise: [string, number], id: string, shape: Shape, random: Random): BacktestCase {
  const n = Math.round(BACKTEST_HISTORY_MS / BACKTEST_STEP_MS);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const ms = NOW_MS - i * BACKTEST_STEP_MS;
    timestamps.push(ms);
    values.push(Math.max(0, shape.observed((ms - NOW_MS) / DAY) + noise[1] * gaussian(random)));
  }
  const days = firstCrossingDays(shape.regime, BACKTEST_THRESHOLD, BACKTEST_HORIZON_MS / DAY);
  return {
    family,
    noise: noise[0],
    id,
    timestamps,
    values,
    nowMs: NOW_MS,
    threshold: BACKTEST_THRESHOLD,
    horizonMs: BACKTEST_HORIZON_MS,
    ...(days !== undefined ? { truthMs: NOW_MS + days * DAY } : {}),
  };
}

/**
 * `perCell` cases per family and noise level, about 70 % crossing within the horizon. A drawn case
 * whose truth lands on the wrong side (a daily peak, a wobble) is drawn again, and one whose true
 * crossing is under half a day or between one and 1.5 horizons (a coin toss either way) is skipped.
 */
export function syntheticCases(perCell: number, seed = 1): BacktestCase[] {
  const out: BacktestCase[] = [];
  FAMILIES.forEach(([family, make], f) => {
    NOISE_LEVELS.forEach((noise, l) => {
      const random = seededRandom(seed * 7919 + f * 131 + l * 17);
      let made = 0;
      for (let attempt = 0; made < perCell && attempt < perCell * 20; attempt++) {
        const crossing = random() < 0.7;
        const shape = make(random, crossing);
        // Usage shares stay inside (0, 1) over the week behind; a shape that would go below zero there is unrealistic.
        let lowest = Infinity;
        for (let t = -BACKTEST_HISTORY_MS / DAY; t <= 0; t += 1 / 72) {
          lowest = Math.min(lowest, shape.observed(t));
        }
        if (lowest < 0.03) {
          continue;
        }
        const days = firstCrossingDays(shape.regime, BACKTEST_THRESHOLD, NO_CROSSING_MARGIN * (BACKTEST_HORIZON_MS / DAY));
        const horizonDays = BACKTEST_HORIZON_MS / DAY;
        const ok = crossing ? days !== undefined && days >= 0.5 && days <= horizonDays : days === undefined;
        if (ok) {
          out.push(sampleCase(family, noise, `${family}/${noise[0]}/${made}`, shape, random));
          made++;
        }
      }
    });
  });
  return out;
}
