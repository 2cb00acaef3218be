import fc from 'fast-check';

import { bridgeGaps, makeGrid, resample } from '../displayGrid';

describe('display grid', () => {
  it('keeps every point when the data is coarser than the grid', () => {
    const grid = makeGrid(0, 9_000, 1_000, 100);
    const out = resample(grid, [0, 1_000, 2_000], [5, null, 7], 'extremes');
    // A lone point fills both slots of its bucket: the gap (null) is only where the data has one.
    expect(out.filter((v) => v !== null)).toEqual([5, 5, 7, 7]);
    expect(out.slice(2, 4)).toEqual([null, null]);
    expect(grid.times[out.indexOf(7)]).toBe(2_000);
  });

  it('never draws more than two points per bucket', () => {
    const grid = makeGrid(0, 99_999, 1, 50);
    expect(grid.times.length).toBeLessThanOrEqual(2 * 51);
  });

  it('keeps each bucket’s extremes in time order, so spikes survive decimation (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 40 }),
        (values, buckets) => {
          const timestamps = values.map((_, i) => i * 1000);
          const grid = makeGrid(0, timestamps[timestamps.length - 1], 1000, buckets);
          const out = resample(grid, timestamps, values, 'extremes');
          const kept = out.filter((v): v is number => v !== null);
          expect(Math.max(...kept)).toBe(Math.max(...values));
          expect(Math.min(...kept)).toBe(Math.min(...values));
          for (let b = 0; b < grid.buckets; b++) {
            const inBucket = values.filter((_, i) => Math.floor((timestamps[i] - grid.startMs) / grid.bucketMs) === b);
            const pair = [out[2 * b], out[2 * b + 1]].filter((v) => v !== null);
            if (inBucket.length === 0) {
              expect(pair).toEqual([]);
            } else if (inBucket.length === 1) {
              expect(pair).toEqual([inBucket[0], inBucket[0]]);
            } else {
              expect(pair.slice().sort((a, c) => a! - c!)).toEqual([Math.min(...inBucket), Math.max(...inBucket)]);
            }
          }
        }
      )
    );
  });

  it('skips gaps and non-finite values', () => {
    const grid = makeGrid(0, 3_000, 1_000, 10);
    expect(
      resample(grid, [0, 1_000, 2_000, 3_000], [null, NaN, Infinity, 4], 'first-last').filter((v) => v !== null)
    ).toEqual([4, 4]);
  });

  it('draws through the empty slots between values closer than the threshold, and keeps longer gaps', () => {
    // One value every 3 s on a 1 s grid, then a 10 s outage.
    const grid = makeGrid(0, 20_000, 1_000, 100);
    const out = bridgeGaps(grid, resample(grid, [0, 3_000, 6_000, 16_000], [1, 2, 3, 4], 'first-last'), 4_500);
    const at = (ms: number) => out[grid.times.indexOf(ms)];
    expect([at(1_000), at(2_000), at(4_000)]).toEqual([undefined, undefined, undefined]);
    expect([at(0), at(3_000), at(6_000), at(16_000)]).toEqual([1, 2, 3, 4]);
    expect([at(7_000), at(12_000), at(15_000)]).toEqual([null, null, null]);
  });
});
