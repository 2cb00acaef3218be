// Mid-ranks (ties share their average rank), like scipy.stats.rankdata(method='average'): the input of
// every rank correlation here.

/** 1-based mid-ranks of `values` (all finite; the caller has dropped missing points). */
export function midRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) {
      j++;
    }
    // Positions i … j (0-based) hold one value: ranks i+1 … j+1 share their mean.
    const shared = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) {
      ranks[order[k]] = shared;
    }
    i = j + 1;
  }
  return ranks;
}
