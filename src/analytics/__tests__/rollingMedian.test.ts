// The incremental rolling median must equal sorting every window, edges and ties included.
import fc from 'fast-check';

import { median } from '../stats/robust';
import { rollingMedian } from '../stats/rollingMedian';

function naive(values: Float64Array, window: number): Float64Array {
  const half = Math.floor(window / 2);
  return values.map((_, i) => median(values.subarray(Math.max(0, i - half), Math.min(values.length, i + half + 1))));
}

describe('rollingMedian', () => {
  test('a centred window, shortened at both ends', () => {
    expect(Array.from(rollingMedian(Float64Array.from([5, 1, 4, 2, 3]), 3))).toEqual([3, 4, 2, 3, 2.5]);
  });

  test('property: equals the median of each window sorted from scratch (ties, signed zeros, windows longer than the series)', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, -0, 1, 1, 2, 1e300, -1e300));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.integer({ min: 1, max: 60 }), (values, window) => {
        const input = Float64Array.from(values);
        // `+ 0` turns −0 into 0: which zero of a tie is removed first may differ, the number may not.
        expect(Array.from(rollingMedian(input, window), (x) => x + 0)).toEqual(Array.from(naive(input, window), (x) => x + 0));
      })
    );
  });

  test('non-finite values take the sorting path and give the same answer as sorting', () => {
    const input = Float64Array.from([1, NaN, 3, Infinity, 2, -Infinity, 4]);
    expect(Array.from(rollingMedian(input, 3))).toEqual(Array.from(naive(input, 3)));
  });
});
