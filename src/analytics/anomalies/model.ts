// The anomaly model of one series: the competitive predictors (expected.ts), each with a per-phase
// spread of its errors (floored by the data's resolution) and the calibrated tails of its own
// standardised errors (likelihood.ts). Fitted on a trailing window; judges later points.
import { median } from '../stats/robust';

import {
  type Predictor,
  dayTypeBase,
  lagCorrelation,
  lastCycle,
  phaseProfile,
  profilePredictor,
  recentLevel,
} from './expected';
import { type TailModel, declustered, tailModel, tailProbability } from './likelihood';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A season must repeat this often in the window to be trusted (one odd day is not a pattern). */
export const MIN_CYCLES = 3;
/** Cycles a short (job-like) period is learned from: a new job is normal after about half of them. */
const SHORT_CYCLES = 5;
/** A predictor stays in the ensemble while its typical error is within this factor of the best one. */
const COMPETITIVE = 1.5;
/** A job-like period must beat the recent level by this factor to count as a pattern. */
const SHORT_PERIOD_GAIN = 0.8;
const MIN_POINTS = 24;

export interface FittedPredictor {
  predictor: Predictor;
  /** Spread of the errors per phase of `spreadPeriod` (1 = one spread for every point). */
  spread: Float64Array;
  spreadPeriod: number;
  above: TailModel;
  below: TailModel;
  /** Typical error (1.4826 · median |error|) over the window. */
  typical: number;
}

export interface AnomalyModel {
  predictors: FittedPredictor[];
  /** Smallest step between distinct values in the window (1 for counts, 5 for CPU in 5 % steps). */
  resolution: number;
}

export interface Judgement {
  /** Calibrated probability of a departure at least this far above / below expectation. */
  pAbove: number;
  pBelow: number;
  /** The best predictor's expectation and standardised error. */
  expected: number;
  z: number;
}

function stepsOf(ms: number, stepMs: number): number {
  const steps = Math.round(ms / stepMs);
  return Math.abs(ms / stepMs - steps) < 0.01 * steps ? steps : 0;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, x));
}

export function resolutionOf(x: Float64Array, from: number, to: number): number {
  const sorted = Float64Array.from(x.subarray(from, to).filter(Number.isFinite)).sort();
  let smallest = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    if (gap > 0 && gap < smallest) {
      smallest = gap;
    }
  }
  return Number.isFinite(smallest) ? smallest : 0;
}

function candidates(
  x: Float64Array,
  from: number,
  to: number,
  stepMs: number,
  startMs: number
): { base: Predictor[]; short: Predictor[]; dayPeriod: number } {
  const n = to - from;
  const adjust = clamp(Math.round((3 * HOUR_MS) / stepMs), 6, 36);
  const base: Predictor[] = [recentLevel(clamp(Math.round((2 * HOUR_MS) / stepMs), 4, 24))];
  let nonNegative = true;
  for (let i = from; i < to; i++) {
    nonNegative &&= !(x[i] < 0);
  }
  let dayPeriod = 1;
  for (const [label, ms] of [
    ['daily profile', DAY_MS],
    ['weekly profile', 7 * DAY_MS],
  ] as const) {
    const period = stepsOf(ms, stepMs);
    if (period >= 4 && n >= MIN_CYCLES * period) {
      dayPeriod = ms === DAY_MS ? period : dayPeriod;
      const profile = phaseProfile(x, from, to, period, period >= 48 ? 1 : 0);
      const shapes: Array<[string, (i: number) => number]> = [[label, (i) => profile[i % period]]];
      const byDayType = ms === DAY_MS ? dayTypeBase(x, from, to, period, startMs, stepMs) : undefined;
      if (byDayType) {
        shapes.push(['weekday/weekend profile', byDayType]);
        // As is too: the hours after a weekend are a weekday's, whatever the night before says.
        base.push(profilePredictor('weekday/weekend profile (as is)', byDayType, adjust, 'fixed'));
      }
      for (const [name, shape] of shapes) {
        base.push(profilePredictor(name, shape, adjust, 'add'));
        if (nonNegative && profile.every((v) => v > 0)) {
          base.push(profilePredictor(`${name} (scaled)`, shape, adjust, 'mul'));
        }
      }
    }
  }
  const short: Predictor[] = [];
  for (const hours of [1, 2, 4, 6, 12]) {
    const period = stepsOf(hours * HOUR_MS, stepMs);
    if (period >= 2 && n >= SHORT_CYCLES * period + adjust) {
      const profile = phaseProfile(x, to - SHORT_CYCLES * period, to, period, 0);
      short.push(profilePredictor(`${hours} h cycle`, (i) => profile[i % period], adjust, 'add'));
    }
  }
  return { base, short, dayPeriod };
}

function errorsOf(p: Predictor, x: Float64Array, from: number, to: number): { index: number[]; error: number[] } {
  const index: number[] = [];
  const error: number[] = [];
  for (let i = from; i < to; i++) {
    if (Number.isFinite(x[i])) {
      const e = x[i] - p.predict(x, i);
      if (Number.isFinite(e)) {
        index.push(i);
        error.push(e);
      }
    }
  }
  return { index, error };
}

function typicalOf(errors: number[]): number {
  return 1.4826 * median(errors.map(Math.abs));
}

/** Per-phase spread pooled over ±2 neighbouring phases, never below `floor`. */
function phaseSpread(index: number[], error: number[], period: number, floor: number): Float64Array {
  const buckets: number[][] = Array.from({ length: period }, () => []);
  index.forEach((i, k) => buckets[i % period].push(Math.abs(error[k])));
  const spread = new Float64Array(period);
  for (let phase = 0; phase < period; phase++) {
    const pooled: number[] = [];
    for (let d = -2; d <= 2; d++) {
      pooled.push(...buckets[(phase + d + period) % period]);
    }
    const s = 1.4826 * median(pooled);
    spread[phase] = Number.isFinite(s) ? Math.max(floor, s) : floor;
  }
  return spread;
}

/**
 * Fits on x[from, to) (errors judged one step ahead inside it); x[0] is at `startMs` (UTC weekends).
 * Undefined when there is too little data.
 */
export function fitAnomalyModel(
  x: Float64Array,
  from: number,
  to: number,
  stepMs: number,
  startMs = 0
): AnomalyModel | undefined {
  let finite = 0;
  for (let i = from; i < to; i++) {
    finite += Number.isFinite(x[i]) ? 1 : 0;
  }
  if (finite < MIN_POINTS || !(stepMs > 0)) {
    return undefined;
  }
  const resolution = resolutionOf(x, from, to);
  const { base, short, dayPeriod } = candidates(x, from, to, stepMs, startMs);
  const burnIn = Math.min(to - MIN_POINTS, from + clamp(Math.round((3 * HOUR_MS) / stepMs), 6, 36));
  const scored = [...base, ...short].map((predictor) => {
    const errors = errorsOf(predictor, x, burnIn, to);
    return { predictor, errors, typical: typicalOf(errors.error) };
  });
  const level = scored[0].typical;
  // A job-like cycle that holds in the last day of the recent level's errors (a job that started
  // lately): one cycle ago is a good guess, and learns the new job after one run.
  const recentFrom = Math.max(burnIn, to - Math.max(MIN_POINTS, Math.round((to - from) / 7)));
  const levelErrors = scored[0].errors;
  const recentLevelErrors = new Array<number>(to - recentFrom).fill(NaN);
  levelErrors.index.forEach((i, k) => {
    if (i >= recentFrom) {
      recentLevelErrors[i - recentFrom] = levelErrors.error[k];
    }
  });
  for (const hours of [1, 2, 4, 6, 12]) {
    const period = Math.round((hours * HOUR_MS) / stepMs);
    if (period >= 2 && 3 * period <= recentLevelErrors.length && lagCorrelation(recentLevelErrors, period) > 0.3) {
      const predictor = lastCycle(`as ${hours} h ago`, period, clamp(Math.round((3 * HOUR_MS) / stepMs), 6, 36));
      const errors = errorsOf(predictor, x, burnIn, to);
      scored.push({ predictor, errors, typical: typicalOf(errors.error) });
      break;
    }
  }
  const cycleAgo = base.length + short.length;
  const usable = scored.filter(
    (s, k) =>
      s.errors.error.length >= MIN_POINTS / 2 &&
      (k < base.length || k >= cycleAgo || s.typical <= SHORT_PERIOD_GAIN * level)
  );
  const best = Math.min(...usable.filter((s) => scored.indexOf(s) < cycleAgo).map((s) => s.typical));
  const predictors: FittedPredictor[] = [];
  for (const s of usable) {
    // "As one cycle ago" is noisier by nature (two noisy points) but earned its place above.
    if (!(s.typical <= COMPETITIVE * best || best === 0 || scored.indexOf(s) >= cycleAgo)) {
      continue;
    }
    // The floor: half the data's resolution (quantised series), and a tenth of the typical error
    // so one very quiet phase cannot make ordinary noise elsewhere look extreme.
    const meanAbs = s.errors.error.reduce((a, e) => a + Math.abs(e), 0) / s.errors.error.length;
    const floor = Math.max(resolution / 2, 0.1 * (s.typical || meanAbs), 1e-12);
    const spread = phaseSpread(s.errors.index, s.errors.error, dayPeriod, floor);
    const z = s.errors.error.map((e, k) => e / spread[s.errors.index[k] % dayPeriod]);
    predictors.push({
      predictor: s.predictor,
      spread,
      spreadPeriod: dayPeriod,
      above: tailModel(declustered(z, s.errors.index)),
      below: tailModel(
        declustered(
          z.map((v) => -v),
          s.errors.index
        )
      ),
      typical: s.typical,
    });
  }
  predictors.sort((a, b) => a.typical - b.typical);
  return predictors.length ? { predictors, resolution } : undefined;
}

/**
 * How surprising x[i] is given x[< i]: the largest tail probability over the predictors, so a point
 * is rare only if every good explanation finds it rare.
 */
export function judgePoint(model: AnomalyModel, x: Float64Array, i: number): Judgement | undefined {
  if (!Number.isFinite(x[i])) {
    return undefined;
  }
  let pAbove = 0;
  let pBelow = 0;
  let expected = NaN;
  let z = NaN;
  for (const f of model.predictors) {
    const e = f.predictor.predict(x, i);
    if (!Number.isFinite(e)) {
      continue;
    }
    const zi = (x[i] - e) / f.spread[i % f.spreadPeriod];
    pAbove = Math.max(pAbove, tailProbability(f.above, zi));
    pBelow = Math.max(pBelow, tailProbability(f.below, -zi));
    if (Number.isNaN(expected)) {
      expected = e;
      z = zi;
    }
  }
  return Number.isNaN(expected) ? undefined : { pAbove, pBelow, expected, z };
}
