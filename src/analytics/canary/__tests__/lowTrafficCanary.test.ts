// The gap the pipeline test had to work around: the demo's GOOD canary (the same build as stable)
// serves about a request a second, and its latency quantiles taken per step (histogram_quantile of
// each step's 10 s rate window, about ten requests) are noisy interpolations inside wide buckets, so
// the old judge could call an identical build worse on the critical p95: in 4 of these 96 windows,
// and in more than half of them while the demo rounded its bucket counts cumulatively (a window's
// increase could be larger in a lower bucket than in a higher one). The fixture is the demo's own
// counters, as Prometheus would scrape them (60 s judged at a 2 s step); pooling the window's bucket
// counts per group must judge the same build not worse, and the bad build still worse.
import { BUCKETS_SECONDS, type CanaryBuild, createModel } from '../../../../demo/model';
import { judgeMetric } from '../judgeMetric';
import { poolHistogram, pooledQuantile } from '../pooledQuantile';
import { judgeCanary } from '../scorer';
import { DEFAULT_THRESHOLDS } from '../thresholds';
import type { HistogramBucket, MetricConfig } from '../types';

const WINDOW = 60;
const STEP = 2;
const RATE_WINDOW = 10;
/** Window ends an hour apart, over four days of the demo's daily load shape. */
const ENDS = Array.from({ length: 96 }, (_, i) => 1_790_000_000 + i * 3607);

function counters(build: CanaryBuild) {
  const model = createModel(42, build);
  const series = model.series.filter((s) => s.service.name === 'checkout');
  /** Cumulative counts per bucket (+Inf last) of one group at time t. */
  const at = (canary: boolean, t: number) => {
    const sums = new Array<number>(BUCKETS_SECONDS.length + 1).fill(0);
    for (const s of series.filter((x) => (x.instance.track === 'canary') === canary)) {
      const h = model.histogramAt(s, t);
      BUCKETS_SECONDS.forEach((_, i) => (sums[i] += h.buckets[i]));
      sums[BUCKETS_SECONDS.length] += h.count;
    }
    return sums;
  };
  const increase = (canary: boolean, from: number, to: number): HistogramBucket[] => {
    const a = at(canary, from);
    const b = at(canary, to);
    return [...BUCKETS_SECONDS, Infinity].map((le, i) => ({ le, count: b[i] - a[i] }));
  };
  /** The old input: one histogram_quantile per step over its rate window (no requests: no value). */
  const perStep = (canary: boolean, end: number, q: number) =>
    Array.from({ length: WINDOW / STEP }, (_, i) => {
      const t = end - WINDOW + STEP * (i + 1);
      const h = poolHistogram(increase(canary, t - RATE_WINDOW, t));
      return 'n' in h && h.n > 0 ? pooledQuantile(h, q) : NaN;
    });
  return { increase, perStep };
}

const P95_PER_STEP: MetricConfig = {
  id: 'p95',
  label: 'p95 latency',
  kind: 'continuous',
  direction: 'increase-is-bad',
  critical: true,
  tolerance: 0.05,
};
const P95_POOLED: MetricConfig = { ...P95_PER_STEP, kind: 'quantile', quantile: 0.95 };

describe("the demo's good canary at ~1 request a second", () => {
  const demo = counters('good');

  test('per-step p95 calls the identical build worse in some windows (the old judge)', () => {
    const worse = ENDS.filter((end) => {
      const data = { canary: demo.perStep(true, end, 0.95), baseline: demo.perStep(false, end, 0.95) };
      return judgeMetric(P95_PER_STEP, data, DEFAULT_THRESHOLDS).decision?.decision === 'worse';
    });
    // 4 of 96 on seed 42; the pooled judge below: none.
    expect(worse.length).toBeGreaterThan(0);
  });

  // p99 of ~100 requests is the slowest one or two: with the demo's bucket counts rounded one by one
  // (cumulatively), a window's increase could put one of the canary's requests a bucket higher than
  // the same build's baseline (p99 worse in 2 of these 96 windows). Counts are now whole requests per
  // bucket (demo/model.ts integerHistogram), and the same build is never worse.
  test('pooled buckets: p50, p95 and p99 never worse, and the quantiles pass with the default allowed changes', () => {
    const decisions = new Set<string>();
    for (const end of ENDS) {
      const data = {
        canaryBuckets: demo.increase(true, end - WINDOW, end),
        baselineBuckets: demo.increase(false, end - WINDOW, end),
      };
      const metrics = [0.5, 0.95, 0.99].map((q) => ({
        ...P95_POOLED,
        id: `p${q * 100}`,
        label: `p${q * 100}`,
        quantile: q,
      }));
      const j = judgeCanary(metrics, Object.fromEntries(metrics.map((m) => [m.id, data])), DEFAULT_THRESHOLDS);
      j.metrics.forEach((m) => decisions.add(`${m.id} ${m.decision?.decision ?? 'no-data'}`));
      expect(j.metrics.map((m) => m.canaryN).every((n) => n >= 30 && n < 200)).toBe(true);
      expect({ end, verdict: j.verdict }).toEqual({ end, verdict: 'pass' });
    }
    expect([...decisions].filter((d) => d.endsWith('worse') || d.endsWith('no-data'))).toEqual([]);
  });
});

test("the demo's bad canary (1.8× slower) is still worse: pooled p50 in every window, p95 in most", () => {
  const demo = counters('bad');
  let p95Worse = 0;
  for (const end of ENDS) {
    const data = {
      canaryBuckets: demo.increase(true, end - WINDOW, end),
      baselineBuckets: demo.increase(false, end - WINDOW, end),
    };
    expect(judgeMetric({ ...P95_POOLED, quantile: 0.5 }, data, DEFAULT_THRESHOLDS).decision?.decision).toBe('worse');
    p95Worse += judgeMetric(P95_POOLED, data, DEFAULT_THRESHOLDS).decision?.decision === 'worse' ? 1 : 0;
  }
  // p95 of ~70 requests rests on the slowest few: its lower bound clears the baseline in most windows.
  expect(p95Worse / ENDS.length).toBeGreaterThan(0.8);
});
