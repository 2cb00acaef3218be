import fc from 'fast-check';

import { rankByWilsonLowerBound, wilsonInterval, type WilsonInterval } from '../stats/wilson';

// Reference values: statsmodels.stats.proportion.proportion_confint(k, n, alpha, method='wilson').
test.each([
  [1, 2, 0.95, 0.094531205734, 0.905468794266],
  [40, 400, 0.95, 0.07429925914, 0.133310576327],
  [1, 2, 0.99, 0.061713076778, 0.938286923222],
  [40, 400, 0.99, 0.067653890436, 0.145399384935],
  [0, 10, 0.99, 0, 0.398854093305],
  [10, 10, 0.99, 0.601145906695, 1],
  [3, 17, 0.99, 0.045829706545, 0.488756791307],
])('wilson(%i of %i, %f) matches statsmodels', (k, n, confidence, lower, upper) => {
  const w = wilsonInterval(k, n, confidence) as WilsonInterval;
  expect(w.lower).toBeCloseTo(lower, 8);
  expect(w.upper).toBeCloseTo(upper, 8);
  expect(w.estimate).toBe(k / n);
});

test('1 failure in 2 runs does not outrank 40 in 400 at the default confidence', () => {
  const ranked = rankByWilsonLowerBound(
    [
      { id: 'lucky', k: 1, n: 2 },
      { id: 'steady', k: 40, n: 400 },
      { id: 'fine', k: 0, n: 50 },
    ],
    (x) => x
  );
  expect(ranked.map((r) => r.item.id)).toEqual(['steady', 'lucky', 'fine']);
});

test.each([
  [1, 0, /no runs/],
  [3, 2, /impossible/],
  [-1, 2, /impossible/],
  [0.5, 2, /whole numbers/],
  [NaN, 2, /whole numbers/],
])('wilson(%p of %p) explains why it cannot answer', (k, n, message) => {
  expect(wilsonInterval(k, n)).toMatch(message);
});

test('bad confidence is explained', () => {
  expect(wilsonInterval(1, 2, 1)).toMatch(/confidence must be between 0 and 1/);
});

test('property: 0 ≤ lower ≤ estimate ≤ upper ≤ 1, and more runs at the same rate narrow the interval', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, rate) => {
      const k = Math.round(rate * n);
      const w = wilsonInterval(k, n) as WilsonInterval;
      expect(w.lower).toBeGreaterThanOrEqual(0);
      expect(w.upper).toBeLessThanOrEqual(1);
      expect(w.lower).toBeLessThanOrEqual(w.estimate + 1e-12);
      expect(w.upper).toBeGreaterThanOrEqual(w.estimate - 1e-12);
      const wider = wilsonInterval(k * 10, n * 10) as WilsonInterval;
      expect(wider.upper - wider.lower).toBeLessThanOrEqual(w.upper - w.lower + 1e-12);
    })
  );
});
