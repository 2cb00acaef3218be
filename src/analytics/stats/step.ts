// The sampling step of a series, as the panel, the capacity table and the engine see it.
import { quickselect } from 'd3-array';

/**
 * Median spacing of positive, finite timestamp differences (the upper median for an even count), or 0
 * when there is none. Median, not mean: one scrape gap must not halve a horizon counted in steps.
 */
export function medianStepMs(timestamps: ArrayLike<number>): number {
  // Selection (Floyd–Rivest), not a sort: linear time, which matters at 100 series × 10k points.
  const steps = new Float64Array(Math.max(0, timestamps.length - 1));
  let n = 0;
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i] - timestamps[i - 1];
    if (Number.isFinite(d) && d > 0) {
      steps[n++] = d;
    }
  }
  if (n === 0) {
    return 0;
  }
  const k = Math.floor(n / 2);
  const diffs = steps.subarray(0, n);
  quickselect(diffs as unknown as number[], k);
  return diffs[k];
}
