// What a point "should" be, from the points before it. Several simple predictors compete; none
// needs a model switch because the detector asks all of them (a point is anomalous only when every
// good predictor is surprised). Each is robust to an incident in its history (medians), and each
// follows a new level within hours (a trailing level adjustment), so a change of regime is learned.
import { median } from '../stats/robust';

export interface Predictor {
  /** e.g. "daily profile", "recent level". */
  name: string;
  /** Expected value at i from x[< i] only (NaN = missing). NaN when it cannot say. */
  predict(x: Float64Array, i: number): number;
}

function trailingFinite(x: Float64Array, i: number, count: number, map: (v: number, j: number) => number): number[] {
  const out: number[] = [];
  for (let j = i - 1; j >= 0 && out.length < count && j >= i - 4 * count; j--) {
    if (Number.isFinite(x[j])) {
      const v = map(x[j], j);
      if (Number.isFinite(v)) {
        out.push(v);
      }
    }
  }
  return out;
}

/** The median of the last `window` observed points: a local level with no trend or season. */
export function recentLevel(window: number): Predictor {
  return { name: 'recent level', predict: (x, i) => median(trailingFinite(x, i, window, (v) => v)) };
}

/**
 * The recent level with its slope: the median of the newer half of the last `window` observed points,
 * carried forward at the slope between the two halves' medians. On a range too short to show a day
 * it follows the day's rise and fall, which the level alone lags by an hour all morning.
 */
export function recentTrend(window: number): Predictor {
  return {
    name: 'recent trend',
    predict(x, i) {
      const at = trailingFinite(x, i, window, (_v, j) => j);
      if (at.length < 4) {
        return NaN;
      }
      const half = Math.floor(at.length / 2);
      const newer = at.slice(0, half);
      const older = at.slice(at.length - half);
      // Each half's median value sits at its median time (exact on a line, with gaps too).
      const levelNew = median(newer.map((j) => x[j]));
      const timeNew = median(newer);
      const slope = (levelNew - median(older.map((j) => x[j]))) / (timeNew - median(older));
      return levelNew + slope * (i - timeNew);
    },
  };
}

/**
 * Per-phase median over the cycles of [from, to), smoothed over `smooth` neighbouring phases:
 * what each phase of the cycle usually looks like, ignoring the odd incident.
 */
export function phaseProfile(x: Float64Array, from: number, to: number, period: number, smooth: number): Float64Array {
  const profile = new Float64Array(period);
  const buckets: number[][] = Array.from({ length: period }, () => []);
  for (let i = from; i < to; i++) {
    if (Number.isFinite(x[i])) {
      buckets[i % period].push(x[i]);
    }
  }
  for (let phase = 0; phase < period; phase++) {
    const pooled: number[] = [];
    for (let d = -smooth; d <= smooth; d++) {
      pooled.push(...buckets[(phase + d + period) % period]);
    }
    profile[phase] = median(pooled);
  }
  return profile;
}

/**
 * Per-phase profiles for working days and weekends (UTC calendar) from the days of each kind in
 * [from, to): Monday morning is a weekday morning, not a Sunday one made busy. Undefined when
 * either kind has fewer than two days in the window. With `lateSteps`, a point reads the profile of
 * the kind of day it was that many steps earlier (the same profiles): a weekend that turns after UTC
 * midnight.
 */
export function dayTypeBase(
  x: Float64Array,
  from: number,
  to: number,
  period: number,
  startMs: number,
  stepMs: number
): ((i: number, lateSteps?: number) => number) | undefined {
  // 1970-01-01 was a Thursday (day 4, Sunday = 0).
  const weekend = (i: number) => {
    const day = (Math.floor((startMs + i * stepMs) / 86_400_000) + 4) % 7;
    return day === 0 || day === 6;
  };
  const kinds = [new Float64Array(x.length).fill(NaN), new Float64Array(x.length).fill(NaN)];
  const days = [new Set<number>(), new Set<number>()];
  for (let i = from; i < to; i++) {
    const k = weekend(i) ? 1 : 0;
    kinds[k][i] = x[i];
    days[k].add(Math.floor((startMs + i * stepMs) / 86_400_000));
  }
  if (days[0].size < 2 || days[1].size < 2) {
    return undefined;
  }
  const profiles = kinds.map((values) => phaseProfile(values, from, to, period, period >= 48 ? 1 : 0));
  return (i, lateSteps = 0) => profiles[weekend(i - lateSteps) ? 1 : 0][i % period];
}

/**
 * An expected shape (a cyclic profile) as is ('fixed'), or moved to the recent level: additive
 * (shape + median recent offset) or multiplicative (shape × recent ratio of sums), the latter for non-negative series
 * whose busy and quiet days differ by a factor (weekends, holidays, growth).
 */
export function profilePredictor(
  name: string,
  shape: (i: number) => number,
  window: number,
  mode: 'fixed' | 'add' | 'mul'
): Predictor {
  if (mode === 'fixed') {
    return { name, predict: (_x, i) => shape(i) };
  }
  if (mode === 'add') {
    return {
      name,
      predict: (x, i) => shape(i) + median(trailingFinite(x, i, window, (v, j) => v - shape(j))),
    };
  }
  return {
    name,
    predict(x, i) {
      let seen = 0;
      let expected = 0;
      let count = 0;
      for (let j = i - 1; j >= 0 && count < window && j >= i - 4 * window; j--) {
        const e = shape(j);
        if (Number.isFinite(x[j]) && Number.isFinite(e)) {
          seen += x[j];
          expected += e;
          count++;
        }
      }
      return expected > 0 ? shape(i) * (seen / expected) : NaN;
    },
  };
}

/** The value one cycle ago, moved by the recent offset: a job seen once is expected again. */
export function lastCycle(name: string, period: number, window: number): Predictor {
  return {
    name,
    predict(x, i) {
      const previous = x[i - period];
      if (!Number.isFinite(previous)) {
        return NaN;
      }
      const offset = median(trailingFinite(x, i, window, (v, j) => v - x[j - period]));
      return previous + (Number.isFinite(offset) ? offset : 0);
    },
  };
}

/**
 * A job's usual run on top of the level: the level is the median of the cycle before the point (a
 * short job is a minority of it), the run the median of the last `cycles` runs' rise over their own
 * level. Steadier than one cycle ago, and it follows the day's swing as the level does.
 */
export function routineProfile(name: string, period: number, cycles: number): Predictor {
  const levelAt = (x: Float64Array, j: number) => median(trailingFinite(x, j, period, (v) => v));
  return {
    name,
    predict(x, i) {
      const rises: number[] = [];
      for (let k = 1; k <= cycles; k++) {
        const j = i - k * period;
        if (j >= period && Number.isFinite(x[j])) {
          const rise = x[j] - levelAt(x, j);
          if (Number.isFinite(rise)) {
            rises.push(rise);
          }
        }
      }
      return rises.length >= 2 ? levelAt(x, i) + median(rises) : NaN;
    },
  };
}

/** Lag-`lag` autocorrelation of the finite pairs in values (0 when undefined). */
export function lagCorrelation(values: ArrayLike<number>, lag: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      count++;
    }
  }
  const mean = sum / Math.max(1, count);
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      den += (values[i] - mean) ** 2;
      if (i >= lag && Number.isFinite(values[i - lag])) {
        num += (values[i] - mean) * (values[i - lag] - mean);
      }
    }
  }
  return den > 0 ? num / den : 0;
}
