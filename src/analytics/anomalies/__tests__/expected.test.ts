import fc from 'fast-check';

import { recentTrend } from '../expected';

const WINDOW = 12;

describe('recent trend', () => {
  const line = fc.record({
    a: fc.double({ min: -1e4, max: 1e4, noNaN: true }),
    b: fc.double({ min: -100, max: 100, noNaN: true }),
    i: fc.integer({ min: WINDOW, max: 500 }),
  });

  it('predicts a straight line exactly, wherever it is read', () => {
    fc.assert(
      fc.property(line, ({ a, b, i }) => {
        const x = Float64Array.from({ length: i + 1 }, (_, j) => a + b * j);
        const predicted = recentTrend(WINDOW).predict(x, i);
        expect(Math.abs(predicted - (a + b * i))).toBeLessThanOrEqual(1e-9 * (Math.abs(a) + Math.abs(b) * i + 1));
      }),
      { seed: 7 }
    );
  });

  it('one wild point in its window moves the prediction by no more than about two steps of the line', () => {
    fc.assert(
      fc.property(
        line,
        fc.integer({ min: 1, max: WINDOW }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        ({ a, b, i }, back, wild) => {
          const x = Float64Array.from({ length: i + 1 }, (_, j) => a + b * j);
          x[i - back] = wild;
          const predicted = recentTrend(WINDOW).predict(x, i);
          expect(Math.abs(predicted - (a + b * i))).toBeLessThanOrEqual(3 * Math.abs(b) + 1e-6 * (Math.abs(a) + 1));
        }
      ),
      { seed: 8 }
    );
  });

  it('skips missing points and says nothing with fewer than four to read', () => {
    const x = Float64Array.from([1, 2, NaN, 4, NaN, 6, 7, 8]);
    expect(recentTrend(WINDOW).predict(x, 8)).toBeCloseTo(9, 9);
    expect(recentTrend(WINDOW).predict(Float64Array.from([1, NaN, 3, NaN]), 4)).toBeNaN();
  });
});
