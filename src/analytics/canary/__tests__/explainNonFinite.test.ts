import fc from 'fast-check';

import { describeInterval, explainMetric } from '../explainCodes';
import { judgeMetric } from '../judgeMetric';
import { DEFAULT_THRESHOLDS } from '../thresholds';
import type { MetricConfig, MetricJudgement } from '../types';

/** Everything the page and the command write for one metric. */
function words(j: MetricJudgement): string {
  return `${explainMetric(j, DEFAULT_THRESHOLDS)} ${describeInterval(j, (v) => String(v))}`;
}

const latency: MetricConfig = {
  id: 'lat',
  label: 'latency',
  kind: 'continuous',
  direction: 'increase-is-bad',
  unit: 's',
};

describe('canary explanations with values near the largest double', () => {
  it('never print "Infinity" when the shift between two finite groups overflows', () => {
    // Each sample is finite, but canary − baseline (1.7e308 − −1.7e308) is not.
    const j = judgeMetric(
      latency,
      { canary: Array(12).fill(1.7e308), baseline: Array(12).fill(-1.7e308) },
      DEFAULT_THRESHOLDS
    );
    expect(words(j)).not.toMatch(/Infinity|NaN/);
    expect(describeInterval(j, (v) => String(v))).toMatch(/∞/);
  });

  it('never print "Infinity %" when the shift is finite but its percentage of a small baseline is not', () => {
    // fast-check's counterexample: a median of 1e308 against −0.75 is a finite shift, 1.3e310 %.
    const j = judgeMetric(
      { ...latency, minSamples: 3 },
      { canary: [0, 1e308, 1e308], baseline: [0, -1e308, -1.5, 0, -1e308, 0] },
      DEFAULT_THRESHOLDS
    );
    expect(words(j)).not.toMatch(/Infinity|NaN/);
  });

  it('holds for any finite samples (property)', () => {
    // Canary weighted toward the top of the range and baseline toward the bottom, where the shift overflows.
    const any = fc.double({ noNaN: true, noDefaultInfinity: true });
    const high = fc.oneof(
      { arbitrary: fc.double({ min: 1e307, max: Number.MAX_VALUE }), weight: 3 },
      { arbitrary: any, weight: 1 }
    );
    const low = fc.oneof(
      { arbitrary: fc.double({ min: -Number.MAX_VALUE, max: -1e307 }), weight: 3 },
      { arbitrary: any, weight: 1 }
    );
    fc.assert(
      fc.property(
        fc.array(high, { minLength: 3, maxLength: 15 }),
        fc.array(low, { minLength: 3, maxLength: 15 }),
        (canary, baseline) => {
          const j = judgeMetric(latency, { canary, baseline }, DEFAULT_THRESHOLDS);
          expect(words(j)).not.toMatch(/Infinity|NaN/);
        }
      ),
      { numRuns: 200, seed: 20 }
    );
  });
});
