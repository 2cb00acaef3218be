// Exact null distribution of the Mann–Whitney U statistic (no ties).
//
// The number of arrangements with U = k is the coefficient of q^k in the Gaussian binomial
// [m+n choose m]_q (Mann & Whitney 1947; Harding 1984, "An efficient, minimal-storage procedure for
// calculating the Mann-Whitney U ... distribution"). Building it one factor at a time,
// [n+j choose j]_q = [n+j−1 choose j−1]_q · (1 − q^{n+j}) / (1 − q^j), costs O(m²n) time and O(mn)
// memory, versus O(m·n·mn) for the recursion scipy uses; both give the same integers.

/** Above this many operations the exact distribution is not worth it (the normal approximation is
 *  excellent long before); callers fall back to 'asymptotic' and say so. */
export const EXACT_MAX_WORK = 5e7;

/** ln C(m+n, m) must stay below this so the counts fit in a double. */
const MAX_LOG_COUNT = 690;

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) {
    s += Math.log((n - k + i) / i);
  }
  return s;
}

/** Whether the exact distribution can be computed for sample sizes m, n. */
export function exactFeasible(m: number, n: number): boolean {
  const small = Math.min(m, n);
  return small * m * n <= EXACT_MAX_WORK && logChoose(m + n, small) < MAX_LOG_COUNT;
}

const cache = new Map<string, Float64Array>();
const CACHE_LIMIT = 32;

/** Cumulative probabilities P(U ≤ k), k = 0 … mn, under H0 (no ties). Memoised per (m, n). */
export function uCdf(m: number, n: number): Float64Array {
  const a = Math.min(m, n);
  const b = Math.max(m, n); // the distribution is symmetric in (m, n)
  const key = `${a}:${b}`;
  const hit = cache.get(key);
  if (hit) {
    return hit;
  }
  const size = a * b;
  const c = new Float64Array(size + 1);
  c[0] = 1;
  for (let j = 1; j <= a; j++) {
    const deg = j * b;
    const drop = b + j;
    for (let k = deg; k >= drop; k--) {
      c[k] -= c[k - drop];
    }
    for (let k = j; k <= deg; k++) {
      c[k] += c[k - j];
    }
  }
  let total = 0;
  for (let k = 0; k <= size; k++) {
    total += c[k];
  }
  let running = 0;
  for (let k = 0; k <= size; k++) {
    running += c[k];
    c[k] = running / total;
  }
  if (cache.size >= CACHE_LIMIT) {
    cache.delete(cache.keys().next().value as string);
  }
  cache.set(key, c);
  return c;
}

/** P(U ≥ u) under H0: by symmetry, P(U ≤ mn − u). Includes the mass at u, like scipy. */
export function uSf(u: number, m: number, n: number): number {
  const cdf = uCdf(m, n);
  const k = m * n - u;
  if (k < 0) {
    return 0;
  }
  return cdf[Math.min(k, m * n)];
}
