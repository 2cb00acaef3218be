// Exact small-sample p-values (ties included) and the tests against an allowed change, checked
// against scipy 1.10 (scripts/golden/canary_golden.py writes golden/canary-exact-golden.json).
import { decideCounts, rateRatioInterval } from '../decision';
import { exactRankTest } from '../exactRankTest';
import { sortedCopy } from '../ranks';
import type { Alternative } from '../types';

import golden from './golden/canary-exact-golden.json';

const REL = 1e-9;

function expectClose(actual: number | undefined, expected: number, rel = REL) {
  expect(actual).toBeDefined();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThanOrEqual(rel);
}

const alternatives: Alternative[] = ['two-sided', 'less', 'greater'];

describe.each(golden.rankTests.map((c) => [c.name, c] as const))('exact rank test, %s', (_name, c) => {
  // The allowed change is subtracted in double precision on both sides, so ties match scipy's.
  const xs = sortedCopy(c.x.map((v) => v - c.shift));
  const ys = sortedCopy(c.y);
  test.each(alternatives)('%s matches scipy.stats.permutation_test', (alternative) => {
    const g = (c as unknown as Record<Alternative, { u1: number; p: number }>)[alternative];
    const r = exactRankTest(xs, ys, alternative);
    expect(r?.u1).toBe(g.u1);
    expectClose(r?.pValue, g.p);
  });
});

test('3 vs 3 fully separated: exact one-sided p is 1/20, where the normal approximation says 0.023', () => {
  const c = golden.rankTests.find((r) => r.name === '3v3-separated-tied')!;
  expect(c.greater.p).toBeCloseTo(0.05, 12);
  expect(c.asymptoticGreater).toBeLessThan(0.025);
  expect(exactRankTest(sortedCopy(c.x), sortedCopy(c.y), 'greater')?.pValue).toBeCloseTo(0.05, 12);
});

describe.each(
  golden.countsAgainstAllowed.map(
    (c) =>
      [
        `${c.canaryCount}/${c.canaryExposure} vs ${c.baselineCount}/${c.baselineExposure}, allowed ${c.allowed}`,
        c,
      ] as const
  )
)('counts %s', (_name, c) => {
  test('one-sided exact conditional tests against the allowed rate ratio match scipy.stats.binomtest', () => {
    const d = decideCounts(
      c.canaryCount,
      c.canaryExposure,
      c.baselineCount,
      c.baselineExposure,
      'increase-is-bad',
      c.allowed,
      0.05
    );
    const p = (q: string) => d.tests.find((t) => t.question === q)?.pValue;
    expectClose(p('worse-than-allowed'), c.worseP, 1e-8);
    if (d.decision !== 'worse') {
      expectClose(p('better-than-allowed'), c.betterP, 1e-8);
    }
    if (d.decision !== 'worse' && d.decision !== 'better') {
      expectClose(p('within-allowed'), c.withinP, 1e-8);
    }
  });

  test('the 90 % Clopper–Pearson rate-ratio interval matches scipy', () => {
    const ci = rateRatioInterval(c.canaryCount, c.canaryExposure, c.baselineCount, c.baselineExposure, 0.9);
    expectClose(ci?.lower, c.ratio90.lower as number, 1e-7);
    if (c.ratio90.upper === null) {
      expect(ci?.upper).toBe(Infinity);
    } else {
      expectClose(ci?.upper, c.ratio90.upper, 1e-7);
    }
  });
});
