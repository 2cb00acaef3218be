// Spearman rank correlation of a candidate signal with a target series (p95 or the error ratio),
// partial on the request rate and on a slow trend, with a significance test that does not pretend
// autocorrelated minutes are independent.
//
// Why partial on traffic and trend: every service's p95 follows its load, and so do its CPU, its
// node's CPU, its memory wobble and its callees' latency; over a few hours the daily cycle is a trend
// that all of them share. Without the controls every load-following signal "moves with latency" in
// any range longer than an hour; with them we ask what moves with latency *beyond* traffic and the
// range's slow drift, i.e. what rises and falls with it minute to hour. Partialling on ranks removes
// a monotone dependence on traffic, not only a linear one; the cubic in time absorbs what a noisy
// traffic measurement leaves of the load.
//
// Why an effective sample size: minute-level metrics are strongly autocorrelated (rate windows,
// plateaus), and the t-test for a correlation assumes independent pairs, which inflates significance
// many times over. We shrink n with the Bartlett / Pyper & Peterman (1998) estimator
//   1 / n_eff = 1/n + (2/n) Σ_{j=1}^{n/5} ((n − j)/n) r_x(j) r_y(j)
// on the residual ranks. We do not difference instead: a batch job or a throttled stretch is a level
// that lasts minutes, and differencing keeps only its edges, which rank statistics all but ignore.
import { autocorrelation } from '../stats/autocorrelation';
import { studentTSf } from '../stats/distributions';
import { midRanks } from '../stats/ranks';

export interface RankAssociation {
  /** Spearman ρ (partial on the controls), −1 … 1. */
  rho: number;
  /** Pairs used. */
  n: number;
  /** n shrunk for the autocorrelation of both series (≤ n). */
  nEffective: number;
  /** Two-sided p-value of ρ = 0 from Student's t with n_eff − 2 − (controls) degrees of freedom. */
  pValue: number;
}

/** Fewer effective pairs than this and we do not test at all (p = 1): the t approximation is meaningless. */
export const MIN_EFFECTIVE_PAIRS = 6;
/** Degree of the time polynomial partialled out (the range's slow drift). */
export const TREND_DEGREE = 3;

function centre(values: Float64Array): Float64Array {
  let mean = 0;
  for (const v of values) {
    mean += v;
  }
  mean /= values.length || 1;
  return values.map((v) => v - mean);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    s += a[i] * b[i];
  }
  return s;
}

/**
 * Removes from a series what a linear combination of the covariates (and a constant) explains: the
 * covariates are centred and orthonormalised once (modified Gram–Schmidt), then each series is
 * projected off them. Covariates that add nothing new (a flat control) are dropped.
 */
export class Residualiser {
  private readonly basis: Float64Array[] = [];

  constructor(covariates: Float64Array[]) {
    for (const covariate of covariates) {
      const v = centre(covariate);
      const norm0 = Math.sqrt(dot(v, v));
      for (const q of this.basis) {
        const c = dot(v, q);
        for (let i = 0; i < v.length; i++) {
          v[i] -= c * q[i];
        }
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm > 1e-9 * Math.max(1, norm0)) {
        this.basis.push(v.map((x) => x / norm));
      }
    }
  }

  /** Controls used (each costs a degree of freedom). */
  get size(): number {
    return this.basis.length;
  }

  residuals(values: Float64Array): Float64Array {
    const r = centre(values);
    for (const q of this.basis) {
      const c = dot(r, q);
      for (let i = 0; i < r.length; i++) {
        r[i] -= c * q[i];
      }
    }
    return r;
  }
}

/** The controls for n consecutive-ish points: the traffic's ranks (if any) and a cubic in position. */
export function controlsFor(positions: ArrayLike<number>, traffic?: ArrayLike<number>): Residualiser {
  const n = positions.length;
  const first = positions[0] ?? 0;
  const span = Math.max(1, (positions[n - 1] ?? 0) - first);
  const covariates: Float64Array[] = [];
  if (traffic) {
    covariates.push(midRanks(traffic));
  }
  for (let d = 1; d <= TREND_DEGREE; d++) {
    // Powers of a position scaled to [−1, 1] stay well conditioned for Gram–Schmidt.
    covariates.push(Float64Array.from({ length: n }, (_, i) => ((2 * (positions[i] - first)) / span - 1) ** d));
  }
  return new Residualiser(covariates);
}

export function correlation(a: Float64Array, b: Float64Array): number {
  const saa = dot(a, a);
  const sbb = dot(b, b);
  const scale = Math.max(saa, sbb);
  // Relative guard: residuals of a series the controls explain fully are rounding noise, not a signal.
  if (scale === 0 || saa <= 1e-12 * scale || sbb <= 1e-12 * scale) {
    return NaN;
  }
  return Math.max(-1, Math.min(1, dot(a, b) / Math.sqrt(saa * sbb)));
}

/** Pyper & Peterman's effective number of independent pairs for the correlation of a and b. */
export function effectivePairs(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  const maxLag = Math.floor(n / 5);
  if (maxLag < 1) {
    return n;
  }
  // autocorrelation() is the unbiased form; the (n − j)/n factors turn it into the biased estimate
  // the formula wants (bounded, so far lags cannot blow the sum up).
  const ra = autocorrelation(a, maxLag);
  const rb = autocorrelation(b, maxLag);
  let sum = 0;
  for (let j = 1; j < ra.length; j++) {
    const shrink = (n - j) / n;
    const biasedProduct = ra[j] * shrink * (rb[j] * shrink);
    sum += shrink * biasedProduct;
  }
  const inverse = 1 / n + (2 / n) * sum;
  return inverse > 1 / n ? Math.min(n, 1 / inverse) : n;
}

/** Two-sided p of ρ = 0 with n_eff pairs and `controls` covariates partialled out. */
export function correlationPValue(rho: number, nEffective: number, controls: number): number {
  const df = nEffective - 2 - controls;
  if (nEffective < MIN_EFFECTIVE_PAIRS || df <= 0) {
    return 1;
  }
  if (Math.abs(rho) >= 1) {
    return 0;
  }
  return Math.min(1, 2 * studentTSf(Math.abs(rho) * Math.sqrt(df / (1 - rho * rho)), df));
}

/**
 * ρ of x with y, partial on the controls (by default none: plain Spearman). All the same length and
 * finite. Undefined when either series has no spread left (flat, or fully explained by the controls).
 */
export function rankAssociation(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  controls: Residualiser = new Residualiser([])
): RankAssociation | undefined {
  const n = y.length;
  if (n < 3 || x.length !== n) {
    return undefined;
  }
  const ey = controls.residuals(midRanks(y));
  const ex = controls.residuals(midRanks(x));
  const rho = correlation(ey, ex);
  if (!Number.isFinite(rho)) {
    return undefined;
  }
  const nEffective = effectivePairs(ey, ex);
  return { rho, n, nEffective, pValue: correlationPValue(rho, nEffective, controls.size) };
}
