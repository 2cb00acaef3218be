// Multiple-comparison correction. Holm (1979) rather than Benjamini–Hochberg: the finder shows a
// ranking only when something clears the bar, and an operator acts on the top line, so what must be
// rare is *any* false line (family-wise error), not a small share of false lines among many.

/**
 * Holm step-down adjusted p-values, in the input order: sort ascending, multiply the k-th smallest
 * (0-based) by m − k, keep them monotone, cap at 1. NaN inputs stay NaN and do not count in m.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const tested = pValues.map((p, i) => ({ p, i })).filter(({ p }) => Number.isFinite(p));
  tested.sort((a, b) => a.p - b.p);
  const m = tested.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  tested.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}
