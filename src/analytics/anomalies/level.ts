// The level check: the competitive predictors (expected.ts) follow the recent level, so a slow ramp
// away from normal (a leak) is explained away point by point. This check compares the level of the
// last few points with the profile as it is (the daily shape, not moved to the recent level),
// against two references at once: the level of the half day before them and the level of the
// whole window. A departure is rare only when both find it rare, so a lasting change of regime is
// learned within half a day (the half-day reference moves with it), a trend is no surprise (the
// half-day reference lags it by the same amount as in the training window) and the day after a
// holiday is no surprise (the whole window knows the usual level).
import { medianOf } from './expected';
import { type TailModel, tailModel, tailProbability } from './likelihood';
import { phaseSpread } from './spread';

/**
 * The departures are a smoothed, strongly correlated statistic: their tail is fitted to the top
 * 10 % and falls no faster than a factor e per half robust σ (a steeper fit to one past episode
 * made ordinary days look like 1-in-a-million).
 */
const TAIL = { share: 0.1, minScale: 0.5 };

const HOUR_MS = 3_600_000;

export interface LevelCheck {
  /** The profile as it is: what each point's phase usually looks like. */
  shape: (i: number) => number;
  /**
   * Per-phase spread of the residuals from the shape: residuals are compared in these units, so a
   * steep morning ramp (whose timing varies by day) is not a departure.
   */
  spread: Float64Array;
  /** Points in the short median (the "current level"), the point judged included. */
  short: number;
  /** Points in the half-day reference before the short median. */
  long: number;
  /** Median residual over the whole training window. */
  windowOffset: number;
  /** Robust scale of the current-level departures (spread units, never below half a quantum). */
  scale: number;
  /** Robust scale of one point's residual: a point must itself sit off the profile to be flagged. */
  pointScale: number;
  day: { above: TailModel; below: TailModel };
  window: { above: TailModel; below: TailModel };
}

export interface LevelJudgement {
  /** Calibrated probabilities of a current level this far above / below the profile's. */
  pAbove: number;
  pBelow: number;
  /** The profile moved to the half-day level: what the point would be without the departure. */
  expected: number;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

type Residual = (j: number) => number;

function residualMedian(residual: Residual, from: number, to: number): number {
  const r: number[] = [];
  for (let j = Math.max(0, from); j < to; j++) {
    const v = residual(j);
    if (Number.isFinite(v)) {
      r.push(v);
    }
  }
  return r.length >= (to - from) / 3 ? medianOf(r) : NaN;
}

interface Departure {
  /** Current level minus the half-day level / minus the window level (residual units). */
  day: number;
  window: number;
  /** Half-day level (residual units). */
  dayOffset: number;
}

function departure(
  residual: Residual,
  i: number,
  short: number,
  long: number,
  windowOffset: number
): Departure | undefined {
  const current = residualMedian(residual, i - short + 1, i + 1);
  const dayOffset = residualMedian(residual, i - short + 1 - long, i - short + 1);
  if (!Number.isFinite(current) || !Number.isFinite(dayOffset)) {
    return undefined;
  }
  return { day: current - dayOffset, window: current - windowOffset, dayOffset };
}

/** Fits the check on x[from, to); undefined when the window is shorter than a day's reference. */
export function fitLevelCheck(
  x: Float64Array,
  from: number,
  to: number,
  stepMs: number,
  shape: (i: number) => number,
  period: number,
  resolution: number
): LevelCheck | undefined {
  const short = clamp(Math.round(HOUR_MS / stepMs), 3, 12);
  const long = clamp(Math.round((12 * HOUR_MS) / stepMs), 24, 288);
  if (to - from < 3 * (short + long)) {
    return undefined;
  }
  const floor = Math.max(resolution / 2, 1e-12);
  const index: number[] = [];
  const raw: number[] = [];
  for (let j = from; j < to; j++) {
    const r = x[j] - shape(j);
    if (Number.isFinite(r)) {
      index.push(j);
      raw.push(r);
    }
  }
  // A tenth of the typical residual as a floor too: one very quiet phase must not look extreme.
  const typical = 1.4826 * medianOf(raw.map(Math.abs));
  const spread = phaseSpread(index, raw, period, Math.max(floor, 0.1 * (Number.isFinite(typical) ? typical : 0)));
  const residual: Residual = (j) => (x[j] - shape(j)) / spread[j % period];
  const windowOffset = residualMedian(residual, from, to);
  if (!Number.isFinite(windowOffset)) {
    return undefined;
  }
  const day: number[] = [];
  const window: number[] = [];
  const point: number[] = [];
  for (let i = from + short + long; i < to; i++) {
    const d = departure(residual, i, short, long, windowOffset);
    if (d && Number.isFinite(x[i])) {
      day.push(d.day);
      window.push(d.window);
      point.push(Math.abs(residual(i) - d.dayOffset));
    }
  }
  if (day.length < 2 * long) {
    return undefined;
  }
  // In spread units from here on; one quantum is the smallest step a departure can take.
  const quantum = resolution / medianOf(Array.from(spread));
  const robust = (values: number[]) => Math.max(quantum / 2, 1e-9, 1.4826 * medianOf(values.map(Math.abs)));
  const dayScale = robust(day);
  const pointScale = robust(point);
  const tail = { ...TAIL, minScale: Math.max(TAIL.minScale, quantum / dayScale) };
  const standard = (values: number[], scale: number) => values.map((v) => v / scale);
  const dayZ = standard(day, dayScale);
  const windowMedian = medianOf(window);
  const windowZ = standard(
    window.map((v) => v - windowMedian),
    dayScale
  );
  return {
    shape,
    spread,
    short,
    long,
    windowOffset: windowOffset + windowMedian,
    scale: dayScale,
    pointScale,
    day: { above: tailModel(dayZ, tail), below: tailModel(dayZ.map((v) => -v), tail) },
    window: { above: tailModel(windowZ, tail), below: tailModel(windowZ.map((v) => -v), tail) },
  };
}

/** How rare the current level is at i (x[i] and the points before it only). */
export function judgeLevel(check: LevelCheck, x: Float64Array, i: number): LevelJudgement | undefined {
  const period = check.spread.length;
  const residual: Residual = (j) => (x[j] - check.shape(j)) / check.spread[j % period];
  const d = departure(residual, i, check.short, check.long, check.windowOffset);
  if (!d || !Number.isFinite(x[i])) {
    return undefined;
  }
  const expected = check.shape(i) + d.dayOffset * check.spread[i % period];
  // The point itself must sit off the profile on the same side: the short median lags an
  // incident's end by half its length, and those points are normal again.
  const own = (residual(i) - d.dayOffset) / check.pointScale;
  const dayZ = d.day / check.scale;
  const windowZ = d.window / check.scale;
  const pAbove =
    own >= 1 ? Math.max(tailProbability(check.day.above, dayZ), tailProbability(check.window.above, windowZ)) : 1;
  const pBelow =
    own <= -1 ? Math.max(tailProbability(check.day.below, -dayZ), tailProbability(check.window.below, -windowZ)) : 1;
  return { pAbove, pBelow, expected };
}
