// Golden numbers from scripts/golden/canary_golden.py (scipy 1.10 / statsmodels 0.13).
import { cliffsDeltaFromU } from '../effectSize';
import { hodgesLehmannSorted } from '../hodgesLehmann';
import { mannWhitneyU } from '../mannWhitney';
import { poissonRateTest } from '../poissonRate';
import { sortedCopy } from '../ranks';
import type { Alternative } from '../types';
import { welchTTest } from '../welch';

import golden from './golden/canary-golden.json';

const REL = 1e-6;

function expectClose(actual: number | undefined, expected: number) {
  expect(actual).toBeDefined();
  const scale = Math.max(Math.abs(expected), 1e-300);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThanOrEqual(REL);
}

interface MwuGold {
  u1: number;
  p: number;
}

const alternatives: Alternative[] = ['two-sided', 'less', 'greater'];

describe.each(golden.samples.map((s) => [s.name, s] as const))('sample case %s', (_name, c) => {
  test.each(alternatives)('Mann–Whitney asymptotic, %s', (alternative) => {
    const r = mannWhitneyU(c.x, c.y, { method: 'asymptotic', alternative });
    const g = (c.asymptotic as Record<string, MwuGold>)[alternative];
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.u1).toBe(g.u1);
      expectClose(r.pValue, g.p);
    }
  });

  if (c.exact) {
    const exact = c.exact as Record<string, MwuGold>;
    test.each(alternatives)('Mann–Whitney exact, %s', (alternative) => {
      const r = mannWhitneyU(c.x, c.y, { method: 'exact', alternative });
      expect(r.ok && r.method).toBe('exact');
      if (r.ok) {
        expect(r.u1).toBe(exact[alternative].u1);
        expectClose(r.pValue, exact[alternative].p);
      }
    });
  }

  test('Welch t', () => {
    const r = welchTTest(c.x, c.y);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expectClose(r.t, c.welch.t);
      expectClose(r.df, c.welch.df);
      expectClose(r.pValue, c.welch.p);
    }
  });

  test.each([
    [0.95, c.hl95],
    [0.9, c.hl90],
  ] as const)('Hodges–Lehmann at %p', (confidence, g) => {
    const r = hodgesLehmannSorted(sortedCopy(c.x), sortedCopy(c.y), confidence, c.exact !== null);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.k).toBe(Math.max(0, g.k));
      // Shifts can be exactly 0 (sparse error ratios), so compare absolutely there.
      if (g.shift === 0) {
        expect(r.shift).toBe(0);
      } else {
        expectClose(r.shift, g.shift);
      }
      if (g.lower === null || g.upper === null) {
        expect(r.lower).toBeUndefined();
      } else {
        expect(r.lower).toBe(g.lower);
        expect(r.upper).toBe(g.upper);
      }
    }
  });

  test("Cliff's delta", () => {
    const r = mannWhitneyU(c.x, c.y, { method: 'asymptotic' });
    expect(r.ok).toBe(true);
    if (r.ok) {
      const d = cliffsDeltaFromU(r.u1, c.x.length, c.y.length);
      expect(Math.abs(d - c.cliffsDelta)).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe.each(golden.poisson.map((p) => [`${p.canaryCount}/${p.canaryExposure} vs ${p.baselineCount}/${p.baselineExposure}`, p] as const))(
  'Poisson rate test %s',
  (_name, c) => {
    test.each(['two-sided', 'larger', 'smaller'] as const)('exact-cond, %s', (alternative) => {
      const r = poissonRateTest(c.canaryCount, c.canaryExposure, c.baselineCount, c.baselineExposure, alternative);
      expect(r.ok).toBe(true);
      if (r.ok) {
        expectClose(r.pValue, c[alternative]);
      }
    });
  }
);
