// Properties of the statistical building blocks (complementing the reference values in golden.test.ts).
import fc from 'fast-check';

import { fitOls, fitTheilSen, olsPredict } from '../models/linear';
import { normalQuantile, studentTCdf, studentTQuantile } from '../stats/distributions';

const probability = fc.double({ min: 1e-6, max: 1 - 1e-6, noNaN: true });
const df = fc.double({ min: 0.5, max: 1e5, noNaN: true });

describe('distribution properties', () => {
  test('t quantile inverts the t CDF and is symmetric', () => {
    fc.assert(
      fc.property(probability, df, (p, nu) => {
        const q = studentTQuantile(p, nu);
        expect(Math.abs(studentTCdf(q, nu) - p)).toBeLessThan(1e-9 + 1e-7 * p);
        expect(Math.abs(studentTQuantile(1 - p, nu) + q)).toBeLessThanOrEqual(1e-8 * Math.abs(q) + 1e-12);
      }),
      { numRuns: 300, seed: 1 }
    );
  });

  test('t quantiles approach the normal ones as degrees of freedom grow', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), (p) => {
        expect(studentTQuantile(p, 1e6)).toBeCloseTo(normalQuantile(p), 5);
        expect(Math.abs(studentTQuantile(p, 5))).toBeGreaterThanOrEqual(Math.abs(normalQuantile(p)) - 1e-12);
      }),
      { numRuns: 200, seed: 2 }
    );
  });
});

const finiteSeries = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 4, maxLength: 60 });

describe('linear model properties', () => {
  test('OLS: band contains the mean and widens away from the data centre', () => {
    fc.assert(
      fc.property(finiteSeries, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (y, confidence) => {
        const x = y.map((_, i) => i);
        const fit = fitOls(x, y);
        const near = olsPredict(fit, fit.meanX, confidence);
        const far = olsPredict(fit, y.length * 3, confidence);
        for (const p of [near, far]) {
          expect(p.lower).toBeLessThanOrEqual(p.mean);
          expect(p.upper).toBeGreaterThanOrEqual(p.mean);
        }
        expect(far.upper - far.lower).toBeGreaterThanOrEqual(near.upper - near.lower - 1e-9 * Math.abs(near.upper));
      }),
      { numRuns: 300, seed: 3 }
    );
  });

  test('Theil–Sen is equivariant: shifting and scaling y shifts and scales the fit', () => {
    fc.assert(
      fc.property(
        finiteSeries,
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (y, a, b) => {
          const x = y.map((_, i) => i);
          const base = fitTheilSen(x, y);
          const moved = fitTheilSen(
            x,
            y.map((v) => a * v + b)
          );
          const tolerance = 1e-7 * (1 + Math.abs(a * base.slope));
          expect(Math.abs(moved.slope - a * base.slope)).toBeLessThan(tolerance);
          expect(moved.lowSlope).toBeLessThanOrEqual(moved.slope);
          expect(moved.highSlope).toBeGreaterThanOrEqual(moved.slope);
        }
      ),
      { numRuns: 300, seed: 4 }
    );
  });
});
