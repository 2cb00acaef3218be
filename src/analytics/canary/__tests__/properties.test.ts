import fc from 'fast-check';

import { seededRandom } from '../../../../tests/support/analytics/random';
import { explainMetric, explainVerdictReason } from '../explainCodes';
import { kthDifference } from '../hodgesLehmann';
import { mannWhitneyU } from '../mannWhitney';
import { poissonRateTest } from '../poissonRate';
import { sortedCopy } from '../ranks';
import { judgeCanary } from '../scorer';
import type { Direction, MetricConfig } from '../types';
import { uCdf } from '../uDistribution';
import { welchTTest } from '../welch';

const flip: Record<Direction, Direction> = {
  'increase-is-bad': 'decrease-is-bad',
  'decrease-is-bad': 'increase-is-bad',
  either: 'either',
};

// Values with deliberate ties (a small grid) mixed with arbitrary finite doubles.
const finite = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map((v) => v / 2),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
);
const ugly = fc.oneof(finite, fc.constantFrom(NaN, Infinity, -Infinity, null, undefined, 1e308, -1e308, 0));
const sample = fc.array(finite, { minLength: 1, maxLength: 40 });

/** Count of U = k by scipy's recursion f(m, n, k) = f(m−1, n, k−n) + f(m, n−1, k). */
function naiveUCounts(m: number, n: number): number[] {
  const memo = new Map<string, number>();
  const f = (a: number, b: number, k: number): number => {
    if (k < 0 || a < 0 || b < 0 || k > a * b) {
      return 0;
    }
    if (k === 0) {
      return 1;
    }
    const key = `${a},${b},${k}`;
    const hit = memo.get(key);
    if (hit !== undefined) {
      return hit;
    }
    const v = f(a - 1, b, k - b) + f(a, b - 1, k);
    memo.set(key, v);
    return v;
  };
  return Array.from({ length: m * n + 1 }, (_, k) => f(m, n, k));
}

describe('canary statistics properties', () => {
  test('exact U distribution equals the textbook recursion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 14 }), (m, n) => {
        const counts = naiveUCounts(m, n);
        const total = counts.reduce((a, b) => a + b, 0);
        const cdf = uCdf(m, n);
        let running = 0;
        counts.forEach((c, k) => {
          running += c;
          expect(Math.abs(cdf[k] - running / total)).toBeLessThan(1e-12);
        });
      }),
      { numRuns: 60 }
    );
  });

  test('k-th pairwise difference equals brute force, ties and duplicates included', () => {
    fc.assert(
      fc.property(sample, sample, fc.nat(), (x, y, seed) => {
        const xs = sortedCopy(x);
        const ys = sortedCopy(y);
        const all: number[] = [];
        xs.forEach((a) => ys.forEach((b) => all.push(a - b)));
        all.sort((a, b) => a - b);
        const k = (seed % all.length) + 1;
        expect(kthDifference(xs, ys, k)).toBe(all[k - 1]);
      })
    );
  });

  test.each([
    ['continuous', 1],
    ['10 ms grid (heavy ties)', 100],
    ['three distinct values', 1 / 0.3],
  ])('k-th pairwise difference on 300 × 400 %s samples equals brute force', (_name, grid) => {
    const rand = seededRandom(11);
    const draw = (n: number, mid: number) => Array.from({ length: n }, () => Math.round((mid + rand() * 0.6) * grid) / grid);
    const xs = sortedCopy(draw(300, 0.25));
    const ys = sortedCopy(draw(400, 0.2));
    const all: number[] = [];
    xs.forEach((a) => ys.forEach((b) => all.push(a - b)));
    all.sort((a, b) => a - b);
    for (const k of [1, 777, 59_999, 60_000, 60_001, 111_111, all.length]) {
      expect(kthDifference(xs, ys, k)).toBe(all[k - 1]);
    }
  });

  test('p-values are in [0, 1] and symmetric under swapping the groups', () => {
    fc.assert(
      fc.property(sample, sample, fc.constantFrom('auto', 'exact', 'asymptotic' as const), (x, y, method) => {
        const a = mannWhitneyU(x, y, { method });
        const b = mannWhitneyU(y, x, { method });
        expect(a.ok && b.ok).toBe(true);
        if (a.ok && b.ok) {
          expect(a.pValue).toBeGreaterThanOrEqual(0);
          expect(a.pValue).toBeLessThanOrEqual(1);
          expect(Math.abs(a.pValue - b.pValue)).toBeLessThanOrEqual(1e-12 * Math.max(1, a.pValue));
          expect(a.u1 + b.u1).toBe(x.length * y.length);
        }
        const w = welchTTest(x, y);
        if (w.ok) {
          expect(w.pValue).toBeGreaterThanOrEqual(0);
          expect(w.pValue).toBeLessThanOrEqual(1);
        }
      })
    );
  });

  test('Poisson rate test: p in [0, 1], swapping groups mirrors larger/smaller', () => {
    const count = fc.integer({ min: 0, max: 2000 });
    const exposure = fc.double({ min: 1, max: 1e8, noNaN: true });
    fc.assert(
      fc.property(count, exposure, count, exposure, (c1, e1, c2, e2) => {
        const two = poissonRateTest(c1, e1, c2, e2);
        const swapped = poissonRateTest(c2, e2, c1, e1);
        const larger = poissonRateTest(c1, e1, c2, e2, 'larger');
        const smaller = poissonRateTest(c2, e2, c1, e1, 'smaller');
        expect(two.ok && swapped.ok && larger.ok && smaller.ok).toBe(true);
        if (two.ok && swapped.ok && larger.ok && smaller.ok) {
          expect(two.pValue).toBeGreaterThanOrEqual(0);
          expect(two.pValue).toBeLessThanOrEqual(1);
          expect(Math.abs(two.pValue - swapped.pValue)).toBeLessThanOrEqual(1e-6 * Math.max(two.pValue, 1e-300) + 1e-12);
          expect(Math.abs(larger.pValue - smaller.pValue)).toBeLessThanOrEqual(1e-6 * Math.max(larger.pValue, 1e-300) + 1e-12);
        }
      })
    );
  });

  test('the scorer never throws on ugly input and always gives a verdict with reasons', () => {
    const metric = fc.record({
      direction: fc.constantFrom<Direction>('increase-is-bad', 'decrease-is-bad', 'either'),
      nanPolicy: fc.constantFrom('drop', 'zero', 'reject' as const),
      critical: fc.boolean(),
      mustHaveData: fc.boolean(),
    });
    const counts = fc.record({
      canaryCount: fc.oneof(fc.nat(), fc.constantFrom(NaN, -1, 2.5)),
      canaryExposure: fc.oneof(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constantFrom(NaN, -5)),
      baselineCount: fc.nat(),
      baselineExposure: fc.double({ min: 0, max: 1e9, noNaN: true }),
    });
    fc.assert(
      fc.property(metric, fc.array(ugly, { maxLength: 60 }), fc.array(ugly, { maxLength: 60 }), counts, (cfg, canary, baseline, c) => {
        const metrics: MetricConfig[] = [
          { id: 'a', label: 'a', kind: 'continuous', ...cfg, minSamples: 3 },
          { id: 'b', label: 'b', kind: 'count', ...cfg },
        ];
        const r = judgeCanary(metrics, { a: { canary, baseline }, b: c });
        expect(['pass', 'marginal', 'fail', 'insufficient-data']).toContain(r.verdict);
        expect(r.reasons.length).toBeGreaterThan(0);
        expect(r.reasons.map((x) => explainVerdictReason(x, r.metrics, r.thresholds)).join(' ')).not.toMatch(/undefined|NaN|Infinity/);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        for (const m of r.metrics) {
          expect(explainMetric(m, r.thresholds).length).toBeGreaterThan(0);
          if (m.pValue !== undefined) {
            expect(m.pValue).toBeGreaterThanOrEqual(0);
            expect(m.pValue).toBeLessThanOrEqual(1);
          }
        }
      })
    );
  });

  test('swapping canary and baseline with the direction flipped gives the same verdict', () => {
    const group = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 12, maxLength: 50 });
    fc.assert(
      fc.property(group, group, fc.constantFrom<Direction>('increase-is-bad', 'decrease-is-bad', 'either'), (c, b, direction) => {
        const m: MetricConfig = { id: 'm', label: 'm', kind: 'continuous', direction, critical: true };
        const forward = judgeCanary([m], { m: { canary: c, baseline: b } });
        const backward = judgeCanary([{ ...m, direction: flip[direction] }], { m: { canary: b, baseline: c } });
        expect(backward.verdict).toBe(forward.verdict);
        expect(backward.metrics[0].pValue).toBeCloseTo(forward.metrics[0].pValue ?? NaN, 12);
        // + 0 folds −0 into 0: a zero shift has no sign.
        expect((backward.metrics[0].shift?.shift ?? NaN) + 0).toBe(-(forward.metrics[0].shift?.shift ?? NaN) + 0);
        expect(backward.metrics[0].effectSize).toBeCloseTo(-(forward.metrics[0].effectSize ?? NaN), 12);
      })
    );
  });
});
