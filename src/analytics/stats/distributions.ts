// The engine's one distributions module, built on stdlib-js (@stdlib/*): small, dependency-free,
// maintained ports of Boost/Cephes algorithms with published accuracy tests. Writing an incomplete
// beta or a t quantile by hand is where subtle 1e-8 errors hide, so we don't.
import betainc from '@stdlib/math-base-special-betainc';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantileStd from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** The standard normal quantile Φ⁻¹(p) (−∞ at 0, +∞ at 1). */
export function normalQuantile(p: number): number {
  return normalQuantileStd(p, 0, 1);
}

/** P(Z > z) for a standard normal; computed as Φ(−z) so tiny upper tails keep their precision. */
export function normalSf(z: number): number {
  return normalCdf(-z, 0, 1);
}

/** Student t CDF with `df` degrees of freedom (df may be fractional, as in Welch). */
export function studentTCdf(t: number, df: number): number {
  return tCdf(t, df);
}

/** P(T > t) for Student's t; computed as F(−t) for the same reason as normalSf. */
export function studentTSf(t: number, df: number): number {
  return tCdf(-t, df);
}

/** Student t quantile; NaN outside 0 < p < 1 or for df ≤ 0. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) {
    return NaN;
  }
  return tQuantile(p, df);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomPmf(k: number, n: number, p: number): number {
  return binomialPmf(k, n, p);
}

/** P(X ≤ k) for X ~ Binomial(n, p), via the regularised incomplete beta I_{1−p}(n−k, k+1). */
export function binomCdf(k: number, n: number, p: number): number {
  if (k < 0) {
    return 0;
  }
  if (k >= n) {
    return 1;
  }
  // betainc(x, a, b, regularized, upper): the upper form keeps precision when the lower tail is
  // close to 1 (we need both tails of the same binomial in the two-sided test).
  return betainc(p, k + 1, n - k, true, true);
}

/** P(X > k) for X ~ Binomial(n, p). */
export function binomSf(k: number, n: number, p: number): number {
  if (k < 0) {
    return 1;
  }
  if (k >= n) {
    return 0;
  }
  return betainc(p, k + 1, n - k, true, false);
}
