// Distribution functions for the canary tests, from the stdlib-js project (@stdlib/*): small,
// dependency-free, maintained ports of Boost/Cephes algorithms with published accuracy tests.
// Writing an incomplete beta or a t CDF by hand is where subtle 1e-8 errors hide, so we don't.
import betainc from '@stdlib/math-base-special-betainc';
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tCdf from '@stdlib/stats-base-dists-t-cdf';

/** P(Z > z) for a standard normal; computed as Φ(−z) so tiny upper tails keep their precision. */
export function normalSf(z: number): number {
  return normalCdf(-z, 0, 1);
}

/** The standard normal quantile Φ⁻¹(p). */
export function normalPpf(p: number): number {
  return normalQuantile(p, 0, 1);
}

/** P(T > t) for Student's t with `df` degrees of freedom (df may be fractional, as in Welch). */
export function tSf(t: number, df: number): number {
  return tCdf(-t, df);
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
