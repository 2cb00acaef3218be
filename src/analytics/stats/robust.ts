// Order statistics shared by Theil–Sen, the MAD detector and seasonality profiles.

/** Median of a copy (the input is not reordered); NaN for an empty input. */
export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) {
    return NaN;
  }
  const sorted = Float64Array.from(values).sort();
  return sortedMedian(sorted);
}

/** Median of ascending data (mean of the two middle values for even lengths); NaN when empty. */
export function sortedMedian(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) {
    return NaN;
  }
  const mid = n >> 1;
  // Halves first: (a + b) / 2 overflows to Infinity for values near Number.MAX_VALUE.
  return n % 2 === 1 ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2;
}

/** Linear-interpolated quantile of sorted data (numpy's default 'linear' method). */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) {
    return NaN;
  }
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median absolute deviation scaled to estimate σ under normality (1.4826 · MAD). */
export function scaledMad(values: ArrayLike<number>, centre = median(values)): number {
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    dev[i] = Math.abs(values[i] - centre);
  }
  return 1.4826 * median(dev);
}

/** numpy.round semantics: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
