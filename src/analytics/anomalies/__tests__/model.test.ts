import fc from 'fast-check';

import { fitAnomalyModel, judgePoint } from '../model';

const STEP = 10 * 60_000;

describe('anomaly model', () => {
  // The range view judges the very array the model was fitted on and reads the fit's predictions
  // back instead of predicting again; a copy of the array has no such shortcut. Both must agree.
  it('judges the array it was fitted on exactly as it judges a copy of it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom(0, 6, 24),
        fc.double({ min: 0, max: 0.05, noNaN: true }),
        (seed, jobEvery, missing) => {
          let state = seed;
          const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
          const x = Float64Array.from({ length: 4 * 144 }, (_, i) => {
            if (random() < missing) {
              return NaN;
            }
            const job = jobEvery > 0 && i % jobEvery === 2 && i < 3 * 144 ? 40 : 0;
            return 200 + 30 * Math.sin((2 * Math.PI * i) / 144) + 6 * (random() - 0.5) + job;
          });
          const model = fitAnomalyModel(x, 0, x.length, STEP, Date.UTC(2026, 0, 5));
          if (!model) {
            return false;
          }
          const copy = Float64Array.from(x);
          for (let i = 0; i < x.length; i += 7) {
            expect(judgePoint(model, x, i)).toEqual(judgePoint(model, copy, i));
          }
          return true;
        }
      ),
      { numRuns: 15, seed: 24 }
    );
  });
});
