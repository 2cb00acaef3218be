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
  recentTrend,
  routineProfile,
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
/**
 * Days a daily profile is learned from. Fitted on the same points it then predicts, a profile of few
 * days expects each point partly from itself: its errors in the fit are narrower than the next day's,
 * so its tails are too. On the anomaly benchmark (bench/anomaly --train-days D, seed 1) a daily profile
 * scored 61.1 at 3 days, 71.2 at 4, 80.2 at 5, 83.5 at 6 and 90.1 at 7; yesterday with the recent
 * trend (below) 83.4, 85.0, 84.8, 85.5 and 84.3. Six days, so a week's range (or its live view, a
 * few points short of a week) always has its profile.
 */
const DAILY_PROFILE_CYCLES = 6;
/** How late a day's kind may turn after UTC midnight (a weekend in the Americas, or a smooth week). */
const DAY_TYPE_LATE = 3 * HOUR_MS;
/** The periods (hours) a job-like cycle is looked for at. */
const JOB_HOURS = [1, 2, 4, 6, 12] as const;
/**
 * A predictor sits out a point when, at the same moment of the last ROUTINE_LOOKBACK runs of the
 * series' job-like cycle, its typical miss was over ROUTINE_MISS times both the best predictor's miss
 * there and the best typical error: the recent level at the minute an hourly job runs. So a job that
 * did not run is judged by what knows the job, not explained away by what never expected it.
 */
const ROUTINE_LOOKBACK = 3;
/** Runs the job's usual rise is the median of (routineProfile). */
const ROUTINE_CYCLES = 4;
const ROUTINE_MISS = 4;
/** A point a predictor finds at least this likely is ordinary to it (the streaming allowance: 1 in 10). */
const ROUTINE_ORDINARY = 0.1;

export interface FittedPredictor {
  predictor: Predictor;
  /** Spread of the errors per phase of `spreadPeriod` (1 = one spread for every point). */
  spread: Float64Array;
  spreadPeriod: number;
  above: TailModel;
  below: TailModel;
  /** Typical error (1.4826 · median |error|) over the window. */
  typical: number;
  /** Its predictions over the fit window, on the array it was fitted on (expectationOf). */
  fitted?: { x: Float64Array; from: number; expected: Float64Array };
}

export interface AnomalyModel {
  predictors: FittedPredictor[];
  /** Smallest step between distinct values in the window (1 for counts, 5 for CPU in 5 % steps). */
  resolution: number;
  /** Steps of the shortest job-like cycle in the window (an hourly job: 1 h), if any. */
  routinePeriod?: number;
  /** The job's last runs (routineProfile), with routinePeriod. */
  routine?: Predictor;
}

export interface Judgement {
  /** Calibrated probability of a departure at least this far above / below expectation. */
  pAbove: number;
  pBelow: number;
  /** The best predictor's expectation and standardised error. */
  expected: number;
  z: number;
  /**
   * Set when predictors that sat out this point (ROUTINE_MISS) found it ordinary: what usually
   * happens at this moment of the cycle did not happen (a job that did not run), or happened off-cycle.
   */
  routine?: true;
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
): { base: Predictor[]; short: Predictor[]; dayPeriod: number; withTrend: boolean } {
  const n = to - from;
  const adjust = clamp(Math.round((3 * HOUR_MS) / stepMs), 6, 36);
  // The last 2 hours: what the recent level (and, on a short window, the recent trend) reads.
  const recent = clamp(Math.round((2 * HOUR_MS) / stepMs), 4, 24);
  const base: Predictor[] = [recentLevel(recent)];
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
    if (period >= 4 && n >= (ms === DAY_MS ? DAILY_PROFILE_CYCLES : MIN_CYCLES) * period) {
      dayPeriod = ms === DAY_MS ? period : dayPeriod;
      const profile = phaseProfile(x, from, to, period, period >= 48 ? 1 : 0);
      const shapes: Array<[string, (i: number) => number]> = [[label, (i) => profile[i % period]]];
      const byDayType = ms === DAY_MS ? dayTypeBase(x, from, to, period, startMs, stepMs) : undefined;
      if (byDayType) {
        shapes.push(['weekday/weekend profile', byDayType]);
        // As is too: the hours after a weekend are a weekday's, whatever the night before says.
        base.push(profilePredictor('weekday/weekend profile (as is)', byDayType, adjust, 'fixed'));
        // And the day's kind read DAY_TYPE_LATE late: where weekends turn at local midnight, or
        // the week's swing is smooth, the first hours of a Saturday or a Monday are still the
        // previous kind's (the demo: every service 28 % over the weekend profile at Saturday 00:00).
        const lateSteps = DAY_TYPE_LATE / stepMs;
        base.push(
          profilePredictor(
            `weekday/weekend profile (read ${DAY_TYPE_LATE / HOUR_MS} h late)`,
            (i) => byDayType(i, lateSteps),
            adjust,
            'add'
          )
        );
      }
      for (const [name, shape] of shapes) {
        base.push(profilePredictor(name, shape, adjust, 'add'));
        if (nonNegative && profile.every((v) => v > 0)) {
          base.push(profilePredictor(`${name} (scaled)`, shape, adjust, 'mul'));
        }
      }
    }
  }
  const day = stepsOf(DAY_MS, stepMs);
  const withTrend = day >= 4 && n < DAILY_PROFILE_CYCLES * day;
  if (withTrend) {
    // Too short a window for a daily profile (a range of a day to a few days): the recent level
    // lags every morning's rise and evening's fall, and its slow sums took each for a drift (a
    // 2-day range: 7.5 false alerts per series per week). The level with its slope follows the
    // swing (and a weekend's drop within the hour); yesterday, level-adjusted, is the day's shape
    // once the window holds one. The level stays beside the trend (fitAnomalyModel): at each turn
    // of the day the trend overshoots and the level lags, and the truth lies between them.
    base.push(recentTrend(recent));
    if (n > day + adjust) {
      base.push(lastCycle('as yesterday', day, adjust));
    }
  }
  const short: Predictor[] = [];
  for (const hours of JOB_HOURS) {
    const period = stepsOf(hours * HOUR_MS, stepMs);
    if (period >= 2 && n >= SHORT_CYCLES * period + adjust) {
      const profile = phaseProfile(x, to - SHORT_CYCLES * period, to, period, 0);
      short.push(profilePredictor(`${hours} h cycle`, (i) => profile[i % period], adjust, 'add'));
    }
  }
  return { base, short, dayPeriod, withTrend };
}

/** values scattered to their indices over [from, to) (NaN elsewhere; indices outside are left out). */
function atIndices(index: readonly number[], values: readonly number[], from: number, to: number): Float64Array {
  const out = new Float64Array(Math.max(0, to - from)).fill(NaN);
  index.forEach((i, k) => {
    if (i >= from && i < to) {
      out[i - from] = values[k];
    }
  });
  return out;
}

/**
 * Whether the recent level's errors repeat like a job's runs at `period` steps: they correlate at that
 * lag and not half-way between runs. A smooth daily swing the level lags behind correlates at every
 * short lag alike, and is no job.
 */
function repeatsAt(errors: Float64Array, period: number): boolean {
  const atPeriod = period >= 2 && 3 * period <= errors.length ? lagCorrelation(errors, period) : 0;
  return atPeriod > 0.3 && atPeriod - lagCorrelation(errors, Math.floor(period / 2)) > 0.3;
}

/**
 * The shortest job-like cycle (1, 2, 4, 6 or 12 h) in the recent level's errors over the window (an
 * hourly job's runs are all misses of the level), or undefined.
 */
function routineOf(levelErrors: { index: number[]; error: number[] }, from: number, to: number, stepMs: number) {
  const errors = atIndices(levelErrors.index, levelErrors.error, from, to);
  return JOB_HOURS.map((hours) => Math.round((hours * HOUR_MS) / stepMs)).find((period) => repeatsAt(errors, period));
}

interface Errors {
  index: number[];
  error: number[];
  /** The prediction behind each error (x[index] − error, without its rounding). */
  expected: number[];
}

function errorsOf(p: Predictor, x: Float64Array, from: number, to: number): Errors {
  const index: number[] = [];
  const error: number[] = [];
  const expected: number[] = [];
  for (let i = from; i < to; i++) {
    if (Number.isFinite(x[i])) {
      const prediction = p.predict(x, i);
      const e = x[i] - prediction;
      if (Number.isFinite(e)) {
        index.push(i);
        error.push(e);
        expected.push(prediction);
      }
    }
  }
  return { index, error, expected };
}

/**
 * The predictions the fit made on `x`, by index: judging the same array again (the range view
 * judges the points it was fitted on) reads them instead of predicting every point twice. A
 * prediction at i reads only x[< i], which the judge does not change.
 */
function fittedExpectations(x: Float64Array, from: number, to: number, errors: Errors): FittedPredictor['fitted'] {
  return { x, from, expected: atIndices(errors.index, errors.expected, from, to) };
}

/** f's expectation at x[i]: the fit's own when it was made on this array, else predicted now. */
function expectationOf(f: FittedPredictor, x: Float64Array, i: number): number {
  const fitted = f.fitted;
  if (fitted && fitted.x === x && i >= fitted.from && i < fitted.from + fitted.expected.length) {
    const e = fitted.expected[i - fitted.from];
    if (!Number.isNaN(e)) {
      return e;
    }
  }
  return f.predictor.predict(x, i);
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
  const { base, short, dayPeriod, withTrend } = candidates(x, from, to, stepMs, startMs);
  const burnIn = Math.min(to - MIN_POINTS, from + clamp(Math.round((3 * HOUR_MS) / stepMs), 6, 36));
  const scored = [...base, ...short].map((predictor) => {
    const errors = errorsOf(predictor, x, burnIn, to);
    return { predictor, errors, typical: typicalOf(errors.error) };
  });
  const level = scored[0].typical;
  // A job-like cycle that holds in the last day of the recent level's errors (a job that started
  // lately): one cycle ago is a good guess, and learns the new job after one run. Only a job's
  // (repeatsAt): on a smooth swing "as one cycle ago" is the series an hour late, which follows a
  // drift and finds an incident's second point ordinary.
  const recentFrom = Math.max(burnIn, to - Math.max(MIN_POINTS, Math.round((to - from) / 7)));
  const levelErrors = scored[0].errors;
  const recentLevelErrors = atIndices(levelErrors.index, levelErrors.error, recentFrom, to);
  const routinePeriod = routineOf(levelErrors, burnIn, to, stepMs);
  let routine: Predictor | undefined;
  if (routinePeriod) {
    const hours = (routinePeriod * stepMs) / HOUR_MS;
    routine = routineProfile(`the job's last runs (every ${hours} h)`, routinePeriod, ROUTINE_CYCLES);
    const errors = errorsOf(routine, x, burnIn, to);
    scored.push({ predictor: routine, errors, typical: typicalOf(errors.error) });
  }
  // "As one cycle ago" for a job seen anywhere in the window too: it learns a stop after one missed
  // run (the range view of a job that stopped days ago, which its last day no longer shows).
  const lastCycleHours = JOB_HOURS.find((hours) =>
    repeatsAt(recentLevelErrors, Math.round((hours * HOUR_MS) / stepMs))
  );
  const cycleHours = lastCycleHours ?? (routinePeriod ? (routinePeriod * stepMs) / HOUR_MS : undefined);
  if (cycleHours !== undefined) {
    const period = Math.round((cycleHours * HOUR_MS) / stepMs);
    const predictor = lastCycle(`as ${cycleHours} h ago`, period, clamp(Math.round((3 * HOUR_MS) / stepMs), 6, 36));
    const errors = errorsOf(predictor, x, burnIn, to);
    scored.push({ predictor, errors, typical: typicalOf(errors.error) });
  }
  const cycleAgo = base.length + short.length;
  const usable = scored.filter(
    (s, k) =>
      s.errors.error.length >= MIN_POINTS / 2 &&
      (k < base.length || k >= cycleAgo || s.typical <= SHORT_PERIOD_GAIN * level)
  );
  const best = Math.min(...usable.filter((s) => scored.indexOf(s) < cycleAgo).map((s) => s.typical));
  const kept = usable.filter((s) => {
    // "As one cycle ago" is noisier by nature (two noisy points) but earned its place above. With a
    // job in the window the recent level stays: it judges (competentAt) once the job has stopped.
    // Beside the recent trend too: at a turn of the day one overshoots and the other lags.
    const k = scored.indexOf(s);
    return (
      s.typical <= COMPETITIVE * best ||
      best === 0 ||
      k >= cycleAgo ||
      (k === 0 && (routinePeriod !== undefined || withTrend))
    );
  });
  const judges = judgedBy(kept, resolution, routinePeriod, burnIn, to);
  const predictors: FittedPredictor[] = [];
  for (const [p, s] of kept.entries()) {
    // The floor: half the data's resolution (quantised series), and a tenth of the typical error
    // so one very quiet phase cannot make ordinary noise elsewhere look extreme.
    const meanAbs = s.errors.error.reduce((a, e) => a + Math.abs(e), 0) / s.errors.error.length;
    const floor = Math.max(resolution / 2, 0.1 * (s.typical || meanAbs), 1e-12);
    // Its spread and tails from the points it judges: the level's are not its misses at the job's
    // runs (those would make a hung job's load look ordinary), nor a profile's after the job stopped.
    const own = s.errors.index.flatMap((i, k) => (judges(p, i) ? [k] : []));
    const index = own.map((k) => s.errors.index[k]);
    const error = own.map((k) => s.errors.error[k]);
    const spread = phaseSpread(index, error, dayPeriod, floor);
    const z = error.map((e, k) => e / spread[index[k] % dayPeriod]);
    predictors.push({
      predictor: s.predictor,
      spread,
      spreadPeriod: dayPeriod,
      above: tailModel(declustered(z, index)),
      below: tailModel(
        declustered(
          z.map((v) => -v),
          index
        )
      ),
      typical: s.typical,
      fitted: fittedExpectations(x, burnIn, to, s.errors),
    });
  }
  predictors.sort((a, b) => a.typical - b.typical);
  if (!predictors.length) {
    return undefined;
  }
  // Without its job predictor (too few runs to score) the window is judged as if it had no job.
  return predictors.some((f) => f.predictor === routine)
    ? { predictors, resolution, routinePeriod, routine }
    : { predictors, resolution };
}

/**
 * judges(p, i): whether kept[p] judges point i of the window (competence over its errors there); at
 * the window's first runs, before the cycle can be read, every predictor does.
 */
function judgedBy(
  kept: Array<{ errors: { index: number[]; error: number[] }; typical: number }>,
  resolution: number,
  period: number | undefined,
  from: number,
  to: number
): (p: number, i: number) => boolean {
  if (!period) {
    return () => true;
  }
  const misses = kept.map((s) => atIndices(s.errors.index, s.errors.error.map(Math.abs), from, to));
  const typicals = kept.map((s) => s.typical);
  return (p, i) =>
    competence(typicals, resolution, period, i, (q, j) => (j >= from ? misses[q][j - from] : NaN))?.[p] ?? true;
}

/** Each predictor's expectation per index of one series array, so a point's look back costs nothing twice. */
const expectations = new WeakMap<AnomalyModel, WeakMap<Float64Array, Map<number, Float64Array>>>();

function expectationsAt(model: AnomalyModel, x: Float64Array, i: number): Float64Array {
  let byArray = expectations.get(model);
  if (!byArray) {
    byArray = new WeakMap();
    expectations.set(model, byArray);
  }
  let byIndex = byArray.get(x);
  if (!byIndex) {
    byIndex = new Map();
    byArray.set(x, byIndex);
  }
  let e = byIndex.get(i);
  if (!e) {
    e = Float64Array.from(model.predictors, (f) => expectationOf(f, x, i));
    byIndex.set(i, e);
  }
  return e;
}

/**
 * Which predictors judge point i: all of them, except those that missed badly at the same moment of
 * the last few runs of the job-like cycle (ROUTINE_MISS) where another did not. `miss(p, j)` is
 * predictor p's absolute error at j (NaN when unknown); undefined when every predictor judges.
 */
function competence(
  typicals: number[],
  resolution: number,
  period: number | undefined,
  i: number,
  miss: (p: number, j: number) => number
): boolean[] | undefined {
  if (!period) {
    return undefined;
  }
  const misses = typicals.map((_, p) => {
    const seen: number[] = [];
    for (let k = 1; k <= ROUTINE_LOOKBACK; k++) {
      const m = i - k * period >= 0 ? miss(p, i - k * period) : NaN;
      if (Number.isFinite(m)) {
        seen.push(m);
      }
    }
    return seen.length >= 2 ? median(seen) : NaN;
  });
  const best = Math.min(...misses.filter(Number.isFinite));
  if (!Number.isFinite(best)) {
    return undefined;
  }
  // Against the best predictor's typical error too, so three noisy points cannot bench anyone.
  const bar = ROUTINE_MISS * Math.max(best, Math.min(...typicals), resolution / 2);
  return misses.map((m) => !(m > bar));
}

function competentAt(model: AnomalyModel, x: Float64Array, i: number): boolean[] | undefined {
  if (!model.routinePeriod) {
    return undefined;
  }
  return competence(
    model.predictors.map((f) => f.typical),
    model.resolution,
    model.routinePeriod,
    i,
    (p, j) => (Number.isFinite(x[j]) ? Math.abs(x[j] - expectationsAt(model, x, j)[p]) : NaN)
  );
}

/**
 * How surprising x[i] is given x[< i]: the largest tail probability over the predictors, so a point
 * is rare only if every good explanation finds it rare. A predictor that sits out (competentAt) still
 * speaks on its own side of the routine: the level, which never expects the hourly job, cannot say
 * a missing run is normal, but can still say a run that came out big is.
 */
export function judgePoint(model: AnomalyModel, x: Float64Array, i: number): Judgement | undefined {
  if (!Number.isFinite(x[i])) {
    return undefined;
  }
  const competent = competentAt(model, x, i);
  if (model.routinePeriod && !competent) {
    // Fewer than two earlier runs of the job to read: no predictor knows whether one is due.
    return undefined;
  }
  const e = competent ? expectationsAt(model, x, i) : model.predictors.map((f) => expectationOf(f, x, i));
  if (model.routinePeriod && !model.predictors.some((f, p) => f.predictor === model.routine && Number.isFinite(e[p]))) {
    // The job's usual run cannot be told yet (its first runs in the range): nothing knows what is due.
    return undefined;
  }
  const first = model.predictors.findIndex((_, p) => Number.isFinite(e[p]) && (!competent || competent[p]));
  if (first < 0) {
    return undefined;
  }
  const routineLevel = e[first];
  let pAbove = 0;
  let pBelow = 0;
  let ordinaryToAll = 0;
  let z = NaN;
  model.predictors.forEach((f, p) => {
    if (!Number.isFinite(e[p])) {
      return;
    }
    const zi = (x[i] - e[p]) / f.spread[i % f.spreadPeriod];
    const above = tailProbability(f.above, zi);
    const below = tailProbability(f.below, -zi);
    ordinaryToAll = Math.max(ordinaryToAll, Math.min(above, below));
    const judges = !competent || competent[p];
    pAbove = judges || e[p] < routineLevel ? Math.max(pAbove, above) : pAbove;
    pBelow = judges || e[p] > routineLevel ? Math.max(pBelow, below) : pBelow;
    z = p === first ? zi : z;
  });
  const judgement = { pAbove, pBelow, expected: routineLevel, z };
  // Ordinary to a predictor that sat out: the routine, not the level, is what departed.
  return ordinaryToAll > ROUTINE_ORDINARY && Math.min(pAbove, pBelow) <= ROUTINE_ORDINARY
    ? { ...judgement, routine: true }
    : judgement;
}
