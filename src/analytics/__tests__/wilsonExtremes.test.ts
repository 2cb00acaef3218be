import fc from 'fast-check';

import { wilsonInterval } from '../stats/wilson';

describe('wilsonInterval at extremes', () => {
  test.each([
    [0, 1e15, 0.999999],
    [1e15, 1e15, 0.999999],
    [1, 2 ** 53 - 1, 0.95],
    [1, 1, 1 - 2 ** -53],
    [3, 7, 1 - 2 ** -53],
  ])('k=%p n=%p confidence=%p: 0 ≤ lower ≤ estimate ≤ upper ≤ 1, all finite', (k, n, confidence) => {
    const w = wilsonInterval(k, n, confidence);
    if (typeof w === 'string') {
      throw new Error(w);
    }
    expect([w.lower, w.estimate, w.upper].every(Number.isFinite)).toBe(true);
    expect(0 <= w.lower && w.lower <= w.estimate && w.estimate <= w.upper && w.upper <= 1).toBe(true);
  });

  test('ordering holds for any counts and confidence (property)', () => {
    const trials = fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
    const confidence = fc.oneof(
      fc.double({ min: 1e-9, max: 1, maxExcluded: true, noNaN: true }),
      // 1 - 2^-53 is the largest double below 1.
      fc.integer({ min: 1, max: 53 }).map((e) => 1 - 2 ** -e)
    );
    fc.assert(
      fc.property(trials, fc.double({ min: 0, max: 1, noNaN: true }), confidence, (n, share, c) => {
        const k = Math.round(share * n);
        const w = wilsonInterval(k, n, c);
        if (typeof w === 'string') {
          throw new Error(w);
        }
        expect([w.lower, w.estimate, w.upper].every(Number.isFinite)).toBe(true);
        expect(0 <= w.lower && w.lower <= w.estimate && w.estimate <= w.upper && w.upper <= 1).toBe(true);
      }),
      { numRuns: 2000, seed: 11 }
    );
  });
});
