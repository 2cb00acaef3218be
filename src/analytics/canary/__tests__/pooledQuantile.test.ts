// Latency quantiles from pooled bucket counts: a low-traffic canary of an identical build must not
// read worse (the per-step histogram_quantile did), a slower one still must, and the bounds are the
// order-statistic ones.
import fc from 'fast-check';

import { seededRandom, gaussian } from '../../../../tests/support/analytics/random';
import { decideQuantiles } from '../decision';
import { explainMetric } from '../explainCodes';
import { judgeMetric } from '../judgeMetric';
import {
  type PooledHistogram,
  compareQuantiles,
  pQuantileGreater,
  poolHistogram,
  pooledQuantile,
  quantileBounds,
} from '../pooledQuantile';
import { DEFAULT_THRESHOLDS } from '../thresholds';
import type { HistogramBucket, MetricConfig } from '../types';

/** Prometheus' default histogram bounds in seconds (the demo's), +Inf last. */
const BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

function bucketsOf(latencies: readonly number[]): HistogramBucket[] {
  return BOUNDS.map((le) => ({ le, count: latencies.filter((v) => v <= le).length }));
}

function pooled(latencies: readonly number[]): PooledHistogram {
  const h = poolHistogram(bucketsOf(latencies));
  if (!('n' in h)) {
    throw new Error(h.reason);
  }
  return h;
}

/** Latencies of one build, shaped like the demo's: lognormal around `median`, 5 % on a slow path. */
function requests(rand: () => number, n: number, median: number): number[] {
  return Array.from({ length: n }, () => {
    const slow = rand() < 0.05;
    return (slow ? median * 5 : median) * Math.exp((slow ? 0.6 : 0.45) * gaussian(rand));
  });
}

const P95: MetricConfig = {
  id: 'p95',
  label: 'p95 latency',
  kind: 'quantile',
  quantile: 0.95,
  direction: 'increase-is-bad',
  critical: true,
  tolerance: 0.05,
};

describe('pooled histogram', () => {
  test('histogram_quantile semantics: linear inside the bucket, the first bucket from 0, the last finite bound past it', () => {
    const h = pooled([]);
    expect(h.n).toBe(0);
    const g = poolHistogram([
      { le: 0.1, count: 10 },
      { le: 0.5, count: 30 },
      { le: Infinity, count: 40 },
    ]);
    expect('n' in g && pooledQuantile(g, 0.25)).toBeCloseTo(0.1, 12);
    expect('n' in g && pooledQuantile(g, 0.5)).toBeCloseTo(0.1 + 0.4 * (10 / 20), 12);
    expect('n' in g && pooledQuantile(g, 0.1)).toBeCloseTo(0.04, 12);
    expect('n' in g && pooledQuantile(g, 0.99)).toBe(0.5);
  });

  test('extrapolated, non-monotone and duplicate buckets are cleaned; a missing +Inf bucket is named', () => {
    const g = poolHistogram([
      { le: 0.5, count: 19.6 },
      { le: 0.1, count: 10.4 },
      { le: 0.25, count: 9.8 },
      { le: 0.25, count: 0.4 },
      { le: Infinity, count: 25.2 },
      { le: 1, count: NaN },
    ]);
    expect('n' in g && { bounds: [...g.bounds], cumulative: [...g.cumulative], n: g.n }).toEqual({
      bounds: [0.1, 0.25, 0.5],
      cumulative: [10, 10, 20],
      n: 25,
    });
    expect(poolHistogram([{ le: 0.1, count: 3 }])).toMatchObject({ ok: false, problem: 'no-inf-bucket' });
    expect(poolHistogram([{ le: Infinity, count: 3 }])).toMatchObject({ ok: false, problem: 'no-finite-bucket' });
  });

  test("order-statistic ranks: n = 100, the median's 95 % interval is X(40) … X(61) (the textbook ranks)", () => {
    // One request per bucket of width 1: the k-th order statistic reads exactly k.
    const h: PooledHistogram = {
      bounds: Float64Array.from({ length: 100 }, (_, i) => i + 1),
      cumulative: Float64Array.from({ length: 100 }, (_, i) => i + 1),
      n: 100,
    };
    const b = quantileBounds(h, 0.5, 0.025);
    expect([b.lower, b.upper]).toEqual([40, 61]);
    // p99 of 100 requests has no upper bound at 2.5 %: the 100th request is below it too often.
    expect(quantileBounds(h, 0.99, 0.025).upper).toBe(Infinity);
  });
});

describe('low-traffic canary (a few requests a second against a busy baseline)', () => {
  function window(seed: number, canaryMedian: number) {
    const rand = seededRandom(seed);
    // 60 s: the canary serves ~70 requests, the baseline ~750.
    return {
      canaryBuckets: bucketsOf(requests(rand, 70, canaryMedian)),
      baselineBuckets: bucketsOf(requests(rand, 750, 0.099)),
    };
  }

  test.each([0.5, 0.95, 0.99])('identical builds: p%s is judged worse in at most α of 300 seeded windows', (q) => {
    const runs = 300;
    let worse = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const j = judgeMetric({ ...P95, quantile: q, tolerance: 0 }, window(seed, 0.099), DEFAULT_THRESHOLDS);
      worse += j.decision?.decision === 'worse' ? 1 : 0;
    }
    // α = 0.05 plus three binomial standard errors of the Monte Carlo share.
    expect(worse / runs).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / runs));
  });

  test('a canary 1.8× slower is still worse at p50 and p95 with the same low traffic', () => {
    const rand = seededRandom(5);
    const canary = bucketsOf(requests(rand, 70, 0.18));
    const baseline = bucketsOf(requests(rand, 750, 0.1));
    for (const q of [0.5, 0.95]) {
      const j = judgeMetric(
        { ...P95, id: `p${q * 100}`, quantile: q },
        { canaryBuckets: canary, baselineBuckets: baseline },
        DEFAULT_THRESHOLDS
      );
      expect(j.decision?.decision).toBe('worse');
      expect(j.outcome).toBe('high');
      expect(j.quantiles?.ratio.lower).toBeGreaterThan(1.05);
      expect(explainMetric(j, DEFAULT_THRESHOLDS)).toMatch(
        /^p95 latency: pooled p(50|95) .* worse: the interval lies beyond the allowed change\.$/
      );
    }
  });
});

describe('quantile metrics without usable data are not judged, with a reason', () => {
  const ok = bucketsOf([0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.1, 0.2]);
  test.each([
    ['no series at all', { canaryBuckets: [], baselineBuckets: [] }, { code: 'no-series' }],
    [
      'no +Inf bucket on the canary',
      { canaryBuckets: ok.slice(0, -1), baselineBuckets: ok },
      { code: 'bad-histogram', side: 'canary', problem: 'no-inf-bucket' },
    ],
    [
      'no canary requests',
      { canaryBuckets: bucketsOf([]), baselineBuckets: ok },
      { code: 'no-traffic', side: 'canary' },
    ],
    [
      'too few requests',
      { canaryBuckets: bucketsOf([0.1, 0.2]), baselineBuckets: ok },
      { code: 'too-few-samples', canaryN: 2, baselineN: 11, minSamples: 10 },
    ],
    [
      'per-step samples for a quantile metric',
      { canary: [1], baseline: [1] },
      { code: 'wrong-kind', expected: 'buckets' },
    ],
  ])('%s', (_name, data, reason) => {
    const j = judgeMetric(P95, data, DEFAULT_THRESHOLDS);
    expect(j.outcome).toBe('no-data');
    expect(j.noData).toEqual(reason);
    expect(explainMetric(j, DEFAULT_THRESHOLDS)).toMatch(/^p95 latency: not judged — .+ It is critical/);
  });

  test('a quantile outside (0, 1) is a configuration error, not a verdict', () => {
    const j = judgeMetric({ ...P95, quantile: 95 }, { canaryBuckets: ok, baselineBuckets: ok }, DEFAULT_THRESHOLDS);
    expect(j.noData).toEqual({ code: 'internal', message: 'quantile must be between 0 and 1 (got 95)' });
  });
});

describe('properties', () => {
  const latencies = fc.array(fc.double({ min: 0.001, max: 20, noNaN: true }), { minLength: 1, maxLength: 300 });
  const quantile = fc.constantFrom(0.5, 0.9, 0.95, 0.99);

  test('lower bound ≤ estimate ≤ upper bound, and tighter at a larger error level', () => {
    fc.assert(
      fc.property(latencies, quantile, (xs, q) => {
        const h = pooled(xs);
        const wide = quantileBounds(h, q, 0.01);
        const narrow = quantileBounds(h, q, 0.1);
        return (
          wide.lower <= wide.estimate &&
          wide.estimate <= wide.upper &&
          wide.lower <= narrow.lower &&
          narrow.upper <= wide.upper
        );
      })
    );
  });

  test('p of "canary above ratio × baseline" never falls as the ratio grows, and lies in [0, 1]', () => {
    fc.assert(
      fc.property(latencies, latencies, quantile, fc.double({ min: 0.5, max: 2, noNaN: true }), (xs, ys, q, r) => {
        const a = pooled(xs);
        const b = pooled(ys);
        const p1 = pQuantileGreater(a, b, q, r);
        const p2 = pQuantileGreater(a, b, q, r * 1.1);
        return p1 >= 0 && p2 <= 1 && p1 <= p2 + 1e-12;
      })
    );
  });

  test('the decision agrees with the interval the table shows: worse exactly when its lower end is past 1 + allowed', () => {
    fc.assert(
      fc.property(latencies, latencies, quantile, fc.constantFrom(0, 0.05, 0.2), (xs, ys, q, allowed) => {
        const a = pooled(xs);
        const b = pooled(ys);
        const d = decideQuantiles(a, b, q, 'increase-is-bad', allowed, 0.05);
        const interval = compareQuantiles(a, b, q, 0.9).ratio;
        return (d.decision === 'worse') === interval.lower > 1 + allowed;
      })
    );
  });

  test('swapping canary and baseline swaps the sides: better ⇔ the swapped canary is worse', () => {
    fc.assert(
      fc.property(latencies, latencies, quantile, (xs, ys, q) => {
        const a = pooled(xs);
        const b = pooled(ys);
        const better = decideQuantiles(a, b, q, 'increase-is-bad', 0, 0.05).tests.find(
          (t) => t.question === 'better-than-allowed'
        );
        const swapped = decideQuantiles(b, a, q, 'increase-is-bad', 0, 0.05).tests[0];
        return better === undefined || Math.abs(better.pValue - swapped.pValue) < 1e-12;
      })
    );
  });
});
