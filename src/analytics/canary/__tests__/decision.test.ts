// The practical-significance rules, with cases built to break the old behaviour (a two-sided test
// at α on "any difference", with the normal approximation whenever ties appear).
import fc from 'fast-check';

import { seededRandom, normalSamples } from '../../../../tests/support/analytics/random';
import { sortedMedian } from '../../stats/robust';
import { decideCounts, decideSamples } from '../decision';
import { mannWhitneySorted } from '../mannWhitney';
import { poissonRateTest } from '../poissonRate';
import { sortedCopy } from '../ranks';

const ALPHA = 0.05;

function samples(canary: number[], baseline: number[]) {
  const xs = sortedCopy(canary);
  const ys = sortedCopy(baseline);
  return { xs, ys, median: sortedMedian(ys) };
}

describe('continuous samples against the allowed change', () => {
  test('a tiny but highly significant shift (+1 % on a very stable series) is no relevant change at 5 % allowed', () => {
    const rand = seededRandom(11);
    const { xs, ys, median } = samples(normalSamples(rand, 200, 0.202, 0.0005), normalSamples(rand, 200, 0.2, 0.0005));
    // The old rule: p < α on any difference fails the canary.
    const old = mannWhitneySorted(xs, ys);
    expect(old.ok && old.pValue).toBeLessThan(1e-10);
    const d = decideSamples(xs, ys, median, 'increase-is-bad', 0.05, ALPHA);
    expect(d.decision).toBe('no-relevant-change');
    expect(d.rule).toBe('within-allowed');
    expect(d.allowedAbsolute).toBeCloseTo(0.01, 3);
  });

  test('a shift well beyond the allowed change is worse, decided by the one-sided test', () => {
    const rand = seededRandom(12);
    const { xs, ys, median } = samples(normalSamples(rand, 60, 0.3, 0.01), normalSamples(rand, 60, 0.2, 0.01));
    const d = decideSamples(xs, ys, median, 'increase-is-bad', 0.05, ALPHA);
    expect(d.decision).toBe('worse');
    expect(d.deciding).toMatchObject({ question: 'worse-than-allowed', side: 'greater' });
    expect(d.deciding.pValue).toBeLessThan(ALPHA);
  });

  test('a significant shift whose interval straddles the allowed change is inconclusive, not worse', () => {
    const rand = seededRandom(13);
    const { xs, ys, median } = samples(normalSamples(rand, 40, 0.21, 0.01), normalSamples(rand, 40, 0.2, 0.01));
    const d = decideSamples(xs, ys, median, 'increase-is-bad', 0.05, ALPHA);
    expect(d.decision).toBe('inconclusive');
    expect(d.rule).toBe('significant-uncertain');
  });

  test('n = 3 vs 3 fully separated (tied within each group): exact p = 0.05 is not below α, the approximation was', () => {
    const { xs, ys, median } = samples([0.3, 0.3, 0.3], [0.2, 0.2, 0.2]);
    const old = mannWhitneySorted(xs, ys, { alternative: 'greater' });
    expect(old.ok && old.method).toBe('asymptotic');
    expect(old.ok && old.pValue).toBeLessThan(ALPHA);
    const d = decideSamples(xs, ys, median, 'increase-is-bad', 0, ALPHA);
    expect(d.deciding.method).toBe('exact');
    expect(d.deciding.pValue).toBeCloseTo(0.05, 12);
    expect(d.decision).not.toBe('worse');
  });

  test('one-sided: "is the canary worse?" rejects where a two-sided test at α would not', () => {
    // 7 vs 7, no ties: one-sided exact p = 0.0379 < 0.05 < two-sided 0.0758.
    const { xs, ys, median } = samples([5, 6, 7, 9, 10, 11, 12], [1, 2, 3, 4, 8, 13, 0.5]);
    const two = mannWhitneySorted(xs, ys, { method: 'exact' });
    expect(two.ok && two.pValue).toBeGreaterThan(ALPHA);
    const d = decideSamples(xs, ys, median, 'increase-is-bad', 0, ALPHA);
    expect(d.deciding.side).toBe('greater');
    expect(d.decision).toBe('worse');
  });

  test('decrease-is-bad mirrors increase-is-bad', () => {
    const rand = seededRandom(14);
    const canary = normalSamples(rand, 50, 0.2, 0.01);
    const baseline = normalSamples(rand, 50, 0.3, 0.01);
    const { xs, ys, median } = samples(canary, baseline);
    expect(decideSamples(xs, ys, median, 'decrease-is-bad', 0.05, ALPHA)).toMatchObject({
      decision: 'worse',
      deciding: { side: 'less' },
    });
    expect(decideSamples(xs, ys, median, 'increase-is-bad', 0.05, ALPHA).decision).toBe('better');
  });

  test('property: a bigger allowed change never turns a verdict into "worse"', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 5, maxLength: 14 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 5, maxLength: 14 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (a, b, allowed) => {
          const { xs, ys, median } = samples(a, b);
          const tight = decideSamples(xs, ys, median, 'increase-is-bad', allowed, ALPHA);
          const loose = decideSamples(xs, ys, median, 'increase-is-bad', allowed + 0.25, ALPHA);
          return tight.decision === 'worse' || loose.decision !== 'worse';
        }
      ),
      { numRuns: 100 }
    );
  });
});

describe('event counts against the allowed rate ratio', () => {
  test('5 vs 0 errors at equal traffic: worse one-sided, where the old two-sided test passed it', () => {
    const old = poissonRateTest(5, 10_000, 0, 10_000);
    expect(old.ok && old.pValue).toBeCloseTo(0.0625, 12);
    const d = decideCounts(5, 10_000, 0, 10_000, 'increase-is-bad', 0.1, ALPHA);
    expect(d.decision).toBe('worse');
    expect(d.deciding).toMatchObject({ question: 'worse-than-allowed', side: 'greater', method: 'exact' });
    expect(d.deciding.pValue).toBeLessThan(ALPHA);
  });

  test('a small significant rise in errors within the allowed ratio is not worse', () => {
    // 10 400 vs 10 000 errors in a million requests each: +4 %, significant, inside +10 %.
    expect(decideCounts(10_400, 1e6, 10_000, 1e6, 'increase-is-bad', 0.1, ALPHA).decision).toBe('no-relevant-change');
    expect(decideCounts(10_400, 1e6, 10_000, 1e6, 'increase-is-bad', 0, ALPHA).decision).toBe('worse');
  });

  test('no events on either side: nothing to test, not significant', () => {
    expect(decideCounts(0, 1000, 0, 9000, 'increase-is-bad', 0.1, ALPHA).decision).toBe('not-significant');
  });
});
