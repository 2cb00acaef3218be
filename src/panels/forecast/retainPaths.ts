import type uPlot from 'uplot';

type PathBuilder = NonNullable<uPlot.Series['paths']>;
type Paths = ReturnType<PathBuilder>;

/**
 * uPlot forgets every series' paths on each `setData`, so each batch of results rebuilt all ~600 paths
 * of a 100-series panel (history, fit, forecast, two band edges, anomalies) although the batch changed a
 * few dozen. This keeps a series' last paths while everything they are built from is the same: the
 * values (by identity, in the chart frame: the chart model reuses the arrays of fields whose values did
 * not change), those of its band partners, the scales, the plot box and the index range. uPlot's own
 * `redraw(false)` reuses paths the same way.
 *
 * `valuesOf(i)` returns the chart-frame values behind uPlot series `i` (0 is time).
 */
export function retainUnchangedPaths(u: uPlot, valuesOf: (seriesIdx: number) => unknown): void {
  // Bands are fixed for the life of a plot (a new band set means a new plot), so partners are found once.
  const partners = bandPartners(u);
  u.series.forEach((s, i) => {
    if (i === 0 || !s.paths) {
      return;
    }
    const build: PathBuilder = s.paths;
    let lastKey: unknown[] | undefined;
    let lastPaths: Paths = null;
    s.paths = (self, seriesIdx, idx0, idx1) => {
      const key = pathKey(self, seriesIdx, idx0, idx1, valuesOf, partners.get(seriesIdx));
      if (lastKey === undefined || !sameKey(lastKey, key)) {
        lastPaths = build(self, seriesIdx, idx0, idx1);
        lastKey = key;
      }
      return lastPaths;
    };
  });
}

/** Everything a series' paths depend on. */
export function pathKey(
  u: uPlot,
  seriesIdx: number,
  idx0: number,
  idx1: number,
  valuesOf: (seriesIdx: number) => unknown,
  partners: number[] = []
): unknown[] {
  const s = u.series[seriesIdx];
  const x = u.scales.x;
  const y = s.scale !== undefined ? u.scales[s.scale] : undefined;
  const { left, top, width, height } = u.bbox;
  const key: unknown[] = [
    valuesOf(0),
    valuesOf(seriesIdx),
    idx0,
    idx1,
    x?.min,
    x?.max,
    y?.min,
    y?.max,
    left,
    top,
    width,
    height,
  ];
  // A band edge's fill and clip are built against the other edge.
  for (const other of partners) {
    key.push(valuesOf(other), u.series[other]?.show);
  }
  return key;
}

/** For each series, the other edges of the bands it is an edge of. */
function bandPartners(u: uPlot): Map<number, number[]> {
  const partners = new Map<number, number[]>();
  const add = (from: number, to: number) => partners.set(from, [...(partners.get(from) ?? []), to]);
  // uPlot keeps its bands on the instance at runtime; its typings only declare them on Options.
  for (const band of (u as uPlot & { bands?: uPlot.Band[] }).bands ?? []) {
    const [upper, lower] = band.series;
    add(upper, lower);
    add(lower, upper);
  }
  return partners;
}

function sameKey(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}
