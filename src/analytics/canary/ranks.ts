// Shared preparation for the rank tests: sorted copies and mid-rank sums computed by one merge.

/** A sorted Float64Array copy of finite values (the caller has already applied the NaN policy). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}

export interface RankSums {
  /** Sum of the mid-ranks of the first sample in the pooled sample. */
  r1: number;
  /** Σ (t³ − t) over groups of tied values, for the variance correction. */
  tieTerm: number;
  hasTies: boolean;
}

/**
 * Walks xs ∪ ys (both sorted ascending) once, one call per distinct value with how many copies each
 * sample holds: the one merge behind every rank statistic here.
 */
export function forEachTieGroup(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  visit: (cx: number, cy: number) => void
): void {
  let i = 0;
  let j = 0;
  while (i < xs.length || j < ys.length) {
    const value = j >= ys.length || (i < xs.length && xs[i] <= ys[j]) ? xs[i] : ys[j];
    let cx = 0;
    let cy = 0;
    while (i < xs.length && xs[i] === value) {
      i++;
      cx++;
    }
    while (j < ys.length && ys[j] === value) {
      j++;
      cy++;
    }
    visit(cx, cy);
  }
}

/** Mid-rank sum of `xs` in xs ∪ ys (both sorted ascending), like scipy.stats.rankdata('average'). */
export function rankSums(xs: Float64Array, ys: Float64Array): RankSums {
  let rank = 0; // ranks used so far
  let r1 = 0;
  let tieTerm = 0;
  forEachTieGroup(xs, ys, (cx, cy) => {
    const t = cx + cy;
    // Ranks rank+1 … rank+t share their average.
    r1 += cx * (rank + (t + 1) / 2);
    tieTerm += t * t * t - t;
    rank += t;
  });
  return { r1, tieTerm, hasTies: tieTerm > 0 };
}
