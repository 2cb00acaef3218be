import fc from 'fast-check';

import { medianStepMs } from '../stats/step';

describe('medianStepMs', () => {
  it('uses the median step, so one scrape gap does not change the horizon', () => {
    expect(medianStepMs([0, 15_000, 30_000, 90_000, 105_000])).toBe(15_000);
  });

  it('is 0 when there is no positive, finite spacing', () => {
    expect(medianStepMs([5])).toBe(0);
    expect(medianStepMs([])).toBe(0);
    expect(medianStepMs([7, 7, 7])).toBe(0);
    expect(medianStepMs([0, Number.NaN, Number.POSITIVE_INFINITY])).toBe(0);
  });

  it('takes the upper median of an even count, as the capacity table always did', () => {
    expect(medianStepMs([0, 10, 30, 60, 100])).toBe(30);
  });

  it('equals the sorted upper median of the positive differences (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 2, maxLength: 60 }), (raw) => {
        const ts = raw.slice().sort((a, b) => a - b);
        const diffs = ts
          .slice(1)
          .map((t, i) => t - ts[i])
          .filter((d) => d > 0)
          .sort((a, b) => a - b);
        expect(medianStepMs(ts)).toBe(diffs.length ? diffs[Math.floor(diffs.length / 2)] : 0);
      })
    );
  });
});
