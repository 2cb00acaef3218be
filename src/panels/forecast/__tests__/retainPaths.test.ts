import type uPlot from 'uplot';

import { retainUnchangedPaths } from '../retainPaths';

/** Just the parts of a uPlot instance that paths depend on. */
function fakePlot() {
  const built: number[] = [];
  const builder = (_u: uPlot, seriesIdx: number) => {
    built.push(seriesIdx);
    return { stroke: `path ${seriesIdx} #${built.length}` } as unknown as uPlot.Series.Paths;
  };
  const u = {
    series: [{}, { scale: 'y', show: true, paths: builder }, { scale: 'y', show: true, paths: builder }],
    scales: { x: { min: 0, max: 10 }, y: { min: 0, max: 5 } },
    bbox: { left: 0, top: 0, width: 800, height: 300 },
    bands: [{ series: [2, 1] }],
  } as unknown as uPlot;
  return { u, built };
}

describe('retainUnchangedPaths', () => {
  const time = [0, 1, 2];
  let values: unknown[];
  const valuesOf = (i: number) => values[i];
  const draw = (u: uPlot, i: number) => u.series[i].paths!(u, i, 0, 2);

  beforeEach(() => {
    values = [time, [1, 2, 3], [2, 3, 4]];
  });

  it('reuses a series’ paths while its values, its band partner, scales and box are the same', () => {
    const { u, built } = fakePlot();
    retainUnchangedPaths(u, valuesOf);
    const first = draw(u, 1);
    expect(draw(u, 1)).toBe(first);
    expect(built).toEqual([1]);
  });

  it.each([
    ['its values', () => (values[1] = [1, 2, 9])],
    ['its band partner’s values', () => (values[2] = [2, 3, 9])],
    ['the time values', () => (values[0] = [0, 1, 3])],
  ])('rebuilds when %s change (new array)', (_what, change) => {
    const { u, built } = fakePlot();
    retainUnchangedPaths(u, valuesOf);
    draw(u, 1);
    change();
    draw(u, 1);
    expect(built).toEqual([1, 1]);
  });

  it.each([
    ['the y scale', (u: uPlot) => (u.scales.y.max = 6)],
    ['the x scale (zoom)', (u: uPlot) => (u.scales.x.min = 2)],
    ['the plot size', (u: uPlot) => ((u.bbox as { width: number }).width = 400)],
    ['the partner’s visibility', (u: uPlot) => (u.series[2].show = false)],
  ])('rebuilds when %s changes', (_what, change) => {
    const { u, built } = fakePlot();
    retainUnchangedPaths(u, valuesOf);
    draw(u, 1);
    change(u);
    draw(u, 1);
    expect(built).toEqual([1, 1]);
  });

  it('keeps one cache per series', () => {
    const { u, built } = fakePlot();
    retainUnchangedPaths(u, valuesOf);
    const one = draw(u, 1);
    const two = draw(u, 2);
    expect(one).not.toBe(two);
    expect(draw(u, 1)).toBe(one);
    expect(draw(u, 2)).toBe(two);
    expect(built).toEqual([1, 2]);
  });
});
