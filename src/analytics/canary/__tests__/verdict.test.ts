import { seededRandom, normalQuantiles, normalSamples } from '../../../../tests/support/analytics/random';
import { normalQuantile } from '../../stats/distributions';
import { explainMetric, explainVerdictReason } from '../explainCodes';
import { judgeCanary } from '../scorer';
import type { MetricConfig } from '../types';

const p95: MetricConfig = { id: 'p95', label: 'p95 latency', kind: 'continuous', direction: 'increase-is-bad', critical: true, unit: 's' };
const cpu: MetricConfig = { id: 'cpu', label: 'CPU', kind: 'continuous', direction: 'increase-is-bad', unit: 'cores' };
const errors: MetricConfig = { id: 'errors', label: 'error count', kind: 'count', direction: 'increase-is-bad', critical: true };

describe('canary verdicts', () => {
  test('a canary clearly worse on p95 fails, and the explanation says why', () => {
    const rand = seededRandom(1);
    const result = judgeCanary([p95, cpu], {
      p95: { canary: normalSamples(rand, 120, 0.42, 0.03), baseline: normalSamples(rand, 120, 0.25, 0.03) },
      cpu: { canary: normalSamples(rand, 120, 0.5, 0.05), baseline: normalSamples(rand, 120, 0.5, 0.05) },
    });
    expect(result.verdict).toBe('fail');
    const m = result.metrics.find((j) => j.id === 'p95');
    expect(m?.outcome).toBe('high');
    expect(m?.failed).toBe(true);
    expect(m?.effectLabel).toBe('large');
    expect(m?.shift?.lower).toBeGreaterThan(0.15);
    expect(m?.shift?.upper).toBeLessThan(0.19);
    expect(result.reasons[0]).toEqual({ code: 'critical-worse', metrics: ['p95 latency'] });
    expect(explainVerdictReason(result.reasons[0], result.metrics, result.thresholds)).toBe('Critical metric worse by more than allowed: p95 latency.');
    expect(explainMetric(m!, result.thresholds)).toMatch(/one-sided, canary higher — worse by more than allowed\? p = .*: worse: the interval lies beyond the allowed change/);
  });

  test('a non-critical regression lowers the score into marginal', () => {
    const rand = seededRandom(2);
    const metrics: MetricConfig[] = [p95, cpu, { ...cpu, id: 'mem', label: 'memory' }, { ...cpu, id: 'p50', label: 'p50' }];
    const same = () => ({ canary: normalQuantiles(rand, 100, 1, 0.1, normalQuantile), baseline: normalQuantiles(rand, 120, 1, 0.1, normalQuantile) });
    const result = judgeCanary(
      metrics,
      { p95: same(), mem: same(), p50: same(), cpu: { canary: normalSamples(rand, 100, 1.5, 0.1), baseline: normalSamples(rand, 100, 1, 0.1) } },
      { passScore: 95, marginalScore: 70 }
    );
    expect(result.score).toBe(75);
    expect(result.verdict).toBe('marginal');
  });

  test.each([
    ['no-regression', 'pass'],
    ['improvement', 'marginal'],
  ] as const)('equal distributions with promoteWhen=%s give %s', (promoteWhen, verdict) => {
    const rand = seededRandom(3);
    const result = judgeCanary(
      [p95, cpu],
      {
        p95: { canary: normalSamples(rand, 200, 0.25, 0.03), baseline: normalSamples(rand, 200, 0.25, 0.03) },
        cpu: { canary: normalSamples(rand, 200, 0.5, 0.05), baseline: normalSamples(rand, 200, 0.5, 0.05) },
      },
      { promoteWhen }
    );
    expect(result.metrics.map((m) => m.outcome)).toEqual(['pass', 'pass']);
    expect(result.verdict).toBe(verdict);
  });

  test('a significant improvement lets promoteWhen=improvement pass', () => {
    const rand = seededRandom(4);
    const result = judgeCanary(
      [p95],
      { p95: { canary: normalSamples(rand, 100, 0.2, 0.02), baseline: normalSamples(rand, 100, 0.25, 0.02) } },
      { promoteWhen: 'improvement' }
    );
    expect(result.metrics[0].improved).toBe(true);
    expect(result.verdict).toBe('pass');
  });

  test('0 vs 3 errors with the canary on 10 % of large traffic fails on the count test', () => {
    const result = judgeCanary([errors], {
      errors: { canaryCount: 3, canaryExposure: 100_000, baselineCount: 0, baselineExposure: 900_000 },
    });
    const m = result.metrics[0];
    expect(m.test).toBe('poisson-exact-conditional');
    expect(m.pValue).toBeCloseTo(0.001, 9);
    expect(m.outcome).toBe('high');
    expect(result.verdict).toBe('fail');
    expect(explainMetric(m, result.thresholds)).toContain('canary 3 events');
  });

  test('3 vs 0 errors with a 50/50 split is noted but not yet significant (one-sided p = 1/8)', () => {
    const result = judgeCanary([errors], {
      errors: { canaryCount: 3, canaryExposure: 1_000_000, baselineCount: 0, baselineExposure: 1_000_000 },
    });
    expect(result.metrics[0].pValue).toBeCloseTo(0.125, 12);
    expect(result.metrics[0].decision?.rule).toBe('not-significant');
    expect(result.metrics[0].outcome).toBe('pass');
    expect(result.verdict).toBe('pass');
    expect(explainMetric(result.metrics[0], result.thresholds)).toMatch(/changed at all\? p = 0\.13 \(α = 0\.05\): no significant change/);
  });

  test('no errors anywhere is a pass, no canary traffic is no data', () => {
    const zero = judgeCanary([errors], { errors: { canaryCount: 0, canaryExposure: 1e5, baselineCount: 0, baselineExposure: 1e6 } });
    expect(zero.verdict).toBe('pass');
    const noTraffic = judgeCanary([{ ...errors, mustHaveData: true }], {
      errors: { canaryCount: 0, canaryExposure: 0, baselineCount: 5, baselineExposure: 1e6 },
    });
    expect(noTraffic.verdict).toBe('insufficient-data');
    expect(noTraffic.metrics[0].noData).toEqual({ code: 'no-traffic', side: 'canary' });
    expect(explainMetric(noTraffic.metrics[0], noTraffic.thresholds)).toContain('the canary received no traffic');
  });

  test('a few huge outliers in an otherwise equal canary: the rank test is not fooled', () => {
    const rand = seededRandom(5);
    // The canary's samples are the baseline's distribution exactly, except three huge outliers.
    const canary = normalQuantiles(rand, 60, 0.25, 0.02, normalQuantile);
    canary[0] = 40;
    canary[1] = 55;
    canary[2] = 90;
    const result = judgeCanary([p95], { p95: { canary, baseline: normalQuantiles(rand, 200, 0.25, 0.02, normalQuantile) } });
    const m = result.metrics[0];
    expect(m.outcome).toBe('pass');
    expect(m.effectLabel).toBe('negligible');
    expect(Math.abs(m.shift?.shift ?? NaN)).toBeLessThan(0.01);
    expect(result.verdict).toBe('pass');
  });

  test('outliers that move the mean but not the ranks: Welch disagreement is explained', () => {
    const rand = seededRandom(10);
    const canary = normalQuantiles(rand, 60, 0.25, 0.02, normalQuantile);
    for (let i = 0; i < 6; i++) {
      canary[i] = 2;
    }
    const result = judgeCanary([p95], { p95: { canary, baseline: normalQuantiles(rand, 200, 0.25, 0.02, normalQuantile) } });
    const m = result.metrics[0];
    expect(m.outcome).toBe('pass');
    expect(m.welch?.ok && m.welch.pValue).toBeLessThan(0.05);
    expect(explainMetric(m, result.thresholds)).toContain("Welch's t-test on the means disagrees");
  });

  test('NaN, null and Infinity are dropped and counted; too few left is no data', () => {
    const rand = seededRandom(6);
    const canary: Array<number | null> = normalSamples(rand, 30, 1, 0.1);
    canary[3] = NaN;
    canary[4] = null;
    canary[5] = Infinity;
    const ok = judgeCanary([cpu], { cpu: { canary, baseline: normalSamples(rand, 30, 1, 0.1) } });
    expect(ok.metrics[0].droppedSamples).toBe(3);
    expect(ok.metrics[0].canaryN).toBe(27);

    const sparse = judgeCanary([{ ...cpu, mustHaveData: true }], { cpu: { canary: [NaN, null, 1, 2], baseline: normalSamples(rand, 30, 1, 0.1) } });
    expect(sparse.verdict).toBe('insufficient-data');
    expect(sparse.metrics[0].noData).toEqual({ code: 'too-few-samples', canaryN: 2, baselineN: 30, minSamples: 10 });
  });

  test.each([
    ['reject', 'no-data'],
    ['zero', 'high'],
  ] as const)('nanPolicy %s', (nanPolicy, outcome) => {
    const canary: Array<number | null> = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? null : 0.01));
    const baseline = Array.from({ length: 40 }, () => 0);
    const result = judgeCanary([{ ...cpu, id: 'rate', label: 'error rate', nanPolicy }], { rate: { canary, baseline } });
    expect(result.metrics[0].outcome).toBe(outcome);
  });

  test('missing data for a metric that is not required is skipped, not failed, while few are missing', () => {
    const rand = seededRandom(7);
    const same = () => ({ canary: normalSamples(rand, 50, 1, 0.1), baseline: normalSamples(rand, 50, 1, 0.1) });
    const metrics = [p95, cpu, { ...cpu, id: 'mem', label: 'memory' }, { ...cpu, id: 'p50', label: 'p50' }];
    const result = judgeCanary(metrics, { p95: same(), mem: same(), p50: same() });
    expect(result.metrics[1].outcome).toBe('no-data');
    expect(result.verdict).toBe('pass');
    expect(result.reasons).toContainEqual({ code: 'not-judged', metrics: ['CPU'] });
  });

  test('more than the allowed share of metrics unjudged: hold, not pass', () => {
    const rand = seededRandom(7);
    const result = judgeCanary([p95, cpu], { p95: { canary: normalSamples(rand, 50, 1, 0.1), baseline: normalSamples(rand, 50, 1, 0.1) } });
    expect(result.verdict).toBe('insufficient-data');
    expect(result.reasons[0]).toEqual({ code: 'too-many-unjudged', metrics: ['CPU'], total: 2, maxShare: 1 / 3 });
    expect(judgeCanary([p95, cpu], { p95: { canary: normalSamples(rand, 50, 1, 0.1), baseline: normalSamples(rand, 50, 1, 0.1) } }, { maxUnjudgedShare: 0.5 }).verdict).toBe('pass');
  });

  test('missing baseline entirely gives insufficient data with a reason', () => {
    const result = judgeCanary([{ ...p95, mustHaveData: true }], { p95: { canary: [1, 2, 3], baseline: [] } });
    expect(result.verdict).toBe('insufficient-data');
    expect(result.metrics[0].noData).toEqual({ code: 'no-real-values', side: 'baseline', samples: 0 });
  });

  test('a significant change within the allowed change passes', () => {
    const rand = seededRandom(8);
    const result = judgeCanary([{ ...cpu, tolerance: 0.1 }], {
      cpu: { canary: normalSamples(rand, 500, 1.03, 0.02), baseline: normalSamples(rand, 500, 1, 0.02) },
    });
    expect(result.metrics[0].pValue).toBeLessThan(1e-6);
    expect(result.metrics[0].outcome).toBe('pass');
    expect(result.metrics[0].decision?.rule).toBe('within-allowed');
  });

  test('direction either fails on a decrease too; decrease-is-bad counts an increase as improvement', () => {
    const rand = seededRandom(9);
    const data = { m: { canary: normalSamples(rand, 80, 0.8, 0.05), baseline: normalSamples(rand, 80, 1, 0.05) } };
    expect(judgeCanary([{ ...cpu, id: 'm', direction: 'either' }], data).verdict).toBe('fail');
    const up = judgeCanary([{ ...cpu, id: 'm', direction: 'decrease-is-bad' }], data);
    expect(up.metrics[0].outcome).toBe('low');
    expect(up.metrics[0].failed).toBe(true);
  });

  test('invalid thresholds fall back to defaults', () => {
    const result = judgeCanary([], {}, { alpha: 7, passScore: NaN });
    expect(result.thresholds.alpha).toBe(0.05);
    expect(result.thresholds.passScore).toBe(95);
    expect(result.verdict).toBe('insufficient-data');
  });
});
