// The bottleneck finder: rank candidate signals by how they move with a service's p95 (or error
// ratio), honest about lags, autocorrelation and the number of signals tried.
import { holmAdjust } from '../stats/multipleTesting';
import { midRanks } from '../stats/ranks';
import { median } from '../stats/robust';
import { medianStepMs } from '../stats/step';

import { type Residualiser, controlsFor, correlation, correlationPValue, effectivePairs } from './rankAssociation';
import type {
  BottleneckOutcome,
  BottleneckRequest,
  CandidateSignal,
  SignalAssociation,
  SkipReason,
  TimedValues,
} from './types';

export const FINDER_DEFAULTS = { maxLag: 3, alpha: 0.05, worstShare: 0.05, minAbsRho: 0.3 } as const;

/** Fewer aligned target points than this and the finder declines (a rank test on 20 minutes says little). */
export const MIN_POINTS = 30;
/** The worst-intervals comparison always uses at least this many points. */
const MIN_WORST_POINTS = 3;

/**
 * A regular grid at the target's median step, so a lag of k steps is k steps of time even where the
 * target has gaps; the target's own timestamps when they do not sit on one (not from a range query).
 */
function timeGrid(timestamps: readonly number[]): number[] {
  const sorted = [...new Set(timestamps.filter(Number.isFinite))].sort((a, b) => a - b);
  const step = medianStepMs(sorted);
  if (sorted.length < 2 || step <= 0) {
    return sorted;
  }
  const first = sorted[0];
  const onStep = sorted.filter((t) => (t - first) % step === 0).length;
  const length = Math.floor((sorted[sorted.length - 1] - first) / step) + 1;
  if (onStep < 0.9 * sorted.length || length > 4 * sorted.length) {
    return sorted;
  }
  return Array.from({ length }, (_, k) => first + k * step);
}

/** Values of `series` on `grid` (NaN where it has no sample at that timestamp). */
function onGrid(grid: readonly number[], series: TimedValues | undefined): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  if (!series) {
    return out;
  }
  const byTime = new Map<number, number>();
  const count = Math.min(series.timestamps.length, series.values.length);
  for (let i = 0; i < count; i++) {
    const v = series.values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      byTime.set(series.timestamps[i], v);
    }
  }
  grid.forEach((t, i) => {
    const v = byTime.get(t);
    if (v !== undefined) {
      out[i] = v;
    }
  });
  return out;
}

interface LagTest {
  lag: number;
  indices: number[];
  rho: number;
  ey: Float64Array;
  ex: Float64Array;
  controls: number;
}

/** Pairs (target at i, signal at i − lag, traffic at i) where all are present. */
function pairIndices(y: Float64Array, x: Float64Array, z: Float64Array | undefined, lag: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < y.length; i++) {
    const j = i - lag;
    if (j >= 0 && j < x.length && Number.isFinite(y[i]) && Number.isFinite(x[j]) && (!z || Number.isFinite(z[i]))) {
      out.push(i);
    }
  }
  return out;
}

interface TargetSide {
  controls: Residualiser;
  ey: Float64Array;
}

/**
 * The target's residual ranks and the controls for one set of pair indices. Most candidates have no
 * gaps, so their index sets per lag are the same: those are computed once per lag.
 */
class TargetSides {
  private readonly cache = new Map<string, TargetSide>();

  constructor(
    private readonly y: Float64Array,
    private readonly z: Float64Array | undefined
  ) {}

  get(indices: number[], lag: number): TargetSide {
    const key = `${lag}:${indices.length}:${indices[0]}:${indices[indices.length - 1]}`;
    const complete = this.cache.get(key);
    if (complete && complete.ey.length === indices.length) {
      return complete;
    }
    const { y, z } = this;
    const controls = controlsFor(indices, z ? indices.map((i) => z[i]) : undefined);
    const side = { controls, ey: controls.residuals(midRanks(indices.map((i) => y[i]))) };
    // Only an index set without holes is shared: its key then says all there is to know about it.
    if (indices[indices.length - 1] - indices[0] === indices.length - 1) {
      this.cache.set(key, side);
    }
    return side;
  }
}

function testLag(
  sides: TargetSides,
  y: Float64Array,
  x: Float64Array,
  z: Float64Array | undefined,
  lag: number
): LagTest | undefined {
  const indices = pairIndices(y, x, z, lag);
  if (indices.length < MIN_POINTS) {
    return undefined;
  }
  const { controls, ey } = sides.get(indices, lag);
  const ex = controls.residuals(midRanks(indices.map((i) => x[i - lag])));
  const rho = correlation(ey, ex);
  return Number.isFinite(rho) ? { lag, indices, rho, ey, ex, controls: controls.size } : undefined;
}

/** Signal level during the worst target intervals against its level the rest of the time. */
function worstVersusBaseline(y: Float64Array, x: Float64Array, test: LagTest, worstShare: number) {
  const order = [...test.indices].sort((a, b) => y[b] - y[a]);
  const worstCount = Math.min(order.length - 1, Math.max(MIN_WORST_POINTS, Math.ceil(worstShare * order.length)));
  const worst = order.slice(0, worstCount).map((i) => x[i - test.lag]);
  const rest = order.slice(worstCount).map((i) => x[i - test.lag]);
  const worstLevel = worst.reduce((a, b) => a + b, 0) / worst.length;
  const baselineLevel = median(rest);
  return { worstLevel, baselineLevel, ratio: baselineLevel > 0 ? worstLevel / baselineLevel : null };
}

function validationError(request: BottleneckRequest): string | undefined {
  if (!request || typeof request !== 'object') {
    return 'the finder request is missing';
  }
  if (request.target !== 'p95' && request.target !== 'error-ratio') {
    return `unknown target ${JSON.stringify(request.target)}; use "p95" or "error-ratio"`;
  }
  if (!request.series || !Array.isArray(request.series.timestamps) || !Array.isArray(request.series.values)) {
    return 'the target series needs timestamps and values';
  }
  if (!Array.isArray(request.candidates)) {
    return 'the finder request has no list of candidate signals';
  }
  const maxLag = request.maxLag ?? FINDER_DEFAULTS.maxLag;
  if (!Number.isInteger(maxLag) || maxLag < 0 || maxLag > 30) {
    return `maxLag must be a whole number of steps from 0 to 30 (got ${maxLag})`;
  }
  const alpha = request.alpha ?? FINDER_DEFAULTS.alpha;
  if (!(alpha > 0 && alpha < 1)) {
    return `alpha must lie strictly between 0 and 1 (got ${alpha})`;
  }
  const worstShare = request.worstShare ?? FINDER_DEFAULTS.worstShare;
  if (!(worstShare > 0 && worstShare < 0.5)) {
    return `worstShare must lie strictly between 0 and 0.5 (got ${worstShare})`;
  }
  return undefined;
}

/** Ranks `request.candidates` by their association with the target; see types.ts for the fields. */
export function findBottlenecks(request: BottleneckRequest): BottleneckOutcome {
  const invalid = validationError(request);
  const id = typeof request?.id === 'string' ? request.id : '';
  if (invalid) {
    return { ok: false, id, reason: invalid };
  }
  const maxLag = request.maxLag ?? FINDER_DEFAULTS.maxLag;
  const alpha = request.alpha ?? FINDER_DEFAULTS.alpha;
  const worstShare = request.worstShare ?? FINDER_DEFAULTS.worstShare;
  const minAbsRho = request.minAbsRho ?? FINDER_DEFAULTS.minAbsRho;

  const grid = timeGrid(request.series.timestamps);
  const y = onGrid(grid, request.series);
  const points = y.filter(Number.isFinite).length;
  const what = request.target === 'p95' ? 'p95 latency' : 'the error ratio';
  if (points < MIN_POINTS) {
    return {
      ok: false,
      id,
      reason: `Only ${points} points of ${what} in this range; the finder needs at least ${MIN_POINTS}. Widen the range.`,
    };
  }
  if (y.every((v) => !Number.isFinite(v) || v === y.find(Number.isFinite))) {
    return { ok: false, id, reason: `${capitalise(what)} did not change in this range, so nothing can move with it.` };
  }
  const trafficOnGrid = request.traffic ? onGrid(grid, request.traffic) : undefined;
  const z = trafficOnGrid && trafficOnGrid.filter(Number.isFinite).length >= MIN_POINTS ? trafficOnGrid : undefined;

  const skipped: Array<{ id: string; subject: string; signal: string; reason: SkipReason }> = [];
  const tested: Array<{
    candidate: CandidateSignal;
    x: Float64Array;
    tests: LagTest[];
    best: number;
    nEffective: number;
  }> = [];
  const sides = new TargetSides(y, z);
  for (const candidate of request.candidates) {
    const x = onGrid(grid, candidate);
    const tests: LagTest[] = [];
    for (let lag = -maxLag; lag <= maxLag; lag++) {
      const test = testLag(sides, y, x, z, lag);
      if (test) {
        tests.push(test);
      }
    }
    const { id: cid, subject, signal } = candidate;
    if (tests.length === 0) {
      const present = x.filter(Number.isFinite);
      const reason: SkipReason = present.length >= MIN_POINTS ? 'flat' : 'too-few-points';
      skipped.push({ id: cid, subject, signal, reason });
      continue;
    }
    const best = tests.reduce((b, t, i) => {
      const stronger = Math.abs(t.rho) > Math.abs(tests[b].rho) + 1e-12;
      const tieCloser =
        Math.abs(Math.abs(t.rho) - Math.abs(tests[b].rho)) <= 1e-12 && Math.abs(t.lag) < Math.abs(tests[b].lag);
      return stronger || tieCloser ? i : b;
    }, 0);
    // The autocorrelation of two series barely changes with a shift of a few steps, so the effective
    // sample size is estimated once, at the best lag, and used for every lag of the signal.
    tested.push({ candidate, x, tests, best, nEffective: effectivePairs(tests[best].ey, tests[best].ex) });
  }

  // Holm over every lag of every signal: searching lags is searching, and it is paid for here.
  const pValues = tested.map(({ tests, nEffective }) =>
    tests.map((t) => correlationPValue(t.rho, Math.min(nEffective, t.indices.length), t.controls))
  );
  const adjusted = holmAdjust(pValues.flat());
  let offset = 0;
  const associations: SignalAssociation[] = tested.map(({ candidate, x, tests, best: bestIndex, nEffective }, k) => {
    const best = tests[bestIndex];
    const pAdjusted = adjusted[offset + bestIndex];
    offset += tests.length;
    return {
      id: candidate.id,
      subject: candidate.subject,
      signal: candidate.signal,
      rho: best.rho,
      lag: best.lag,
      n: best.indices.length,
      nEffective,
      pValue: pValues[k][bestIndex],
      pAdjusted,
      ...worstVersusBaseline(y, x, best, worstShare),
      significant: pAdjusted <= alpha && Math.abs(best.rho) >= minAbsRho,
    };
  });

  // ρ is known to about ±0.1 at the effective sample sizes here, so signals within the same tenth
  // are as strong: the one whose level changed more during the worst intervals ranks first (a node's
  // disk at 20× its usual level before its CPU at 1.2×, when both move with the bursts).
  const tenth = (a: SignalAssociation) => Math.round(Math.abs(a.rho) * 10);
  const change = (a: SignalAssociation) => (a.ratio === null ? Infinity : Math.abs(Math.log(Math.max(a.ratio, 1e-12))));
  const strongestFirst = (a: SignalAssociation, b: SignalAssociation) =>
    tenth(b) - tenth(a) || change(b) - change(a) || Math.abs(b.rho) - Math.abs(a.rho) || a.pAdjusted - b.pAdjusted;
  const ranked = associations.filter((a) => a.significant).sort(strongestFirst);
  // The weak-evidence pick is the candidate closest to clearing both bars: among those strong enough
  // (|ρ| ≥ minAbsRho) the least likely to be chance, else the least likely to be chance overall.
  const byEvidence = (a: SignalAssociation, b: SignalAssociation) => a.pAdjusted - b.pAdjusted || strongestFirst(a, b);
  const strongEnough = associations.filter((a) => Math.abs(a.rho) >= minAbsRho).sort(byEvidence);
  const strongest = ranked.length === 0 ? (strongEnough[0] ?? [...associations].sort(byEvidence)[0]) : undefined;
  return {
    ok: true,
    id,
    target: request.target,
    stepMs: medianStepMs(grid),
    points,
    ranked,
    strongest,
    skipped,
    signals: tested.length,
    tests: adjusted.length,
    alpha,
    worstShare,
    minAbsRho,
    controlledForTraffic: z !== undefined,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
