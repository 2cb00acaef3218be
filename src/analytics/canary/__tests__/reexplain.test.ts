import { seededRandom, normalSamples } from '../../../../tests/support/analytics/random';
import { plainFormatter } from '../explain';
import { reexplainJudgement } from '../reexplain';
import { judgeCanary } from '../scorer';
import type { MetricConfig } from '../types';

const p95: MetricConfig = {
  id: 'p95',
  label: 'p95 latency',
  kind: 'continuous',
  direction: 'increase-is-bad',
  critical: true,
  unit: 's',
};
const cpu: MetricConfig = { id: 'cpu', label: 'CPU', kind: 'continuous', direction: 'increase-is-bad', unit: 'cores' };
const errors: MetricConfig = {
  id: 'errors',
  label: 'error count',
  kind: 'count',
  direction: 'increase-is-bad',
  critical: true,
};
const metrics = [p95, cpu, errors];

// A stand-in for the page's unit formatting, which lives outside this layer.
const inMs = (v: number) => `${Math.round(v * 1000)} ms`;

function judged() {
  const rand = seededRandom(7);
  return judgeCanary(metrics, {
    p95: { canary: normalSamples(rand, 120, 0.42, 0.03), baseline: normalSamples(rand, 120, 0.25, 0.03) },
    cpu: { canary: normalSamples(rand, 120, 0.5, 0.05), baseline: normalSamples(rand, 120, 0.5, 0.05) },
    errors: { canaryCount: 51.04, canaryExposure: 9280.4, baselineCount: 56.1, baselineExposure: 41_800.2 },
  });
}

describe('reexplainJudgement', () => {
  it('explains continuous metrics with the given formatter and quotes the new sentence in the reasons', () => {
    const before = judged();
    const after = reexplainJudgement(before, metrics, (c) => (c.id === 'p95' ? inMs : undefined));
    const m = after.metrics.find((j) => j.id === 'p95');
    expect(m?.explanation).toMatch(
      /^p95 latency: median \d+ ms \(canary, n=120\) vs \d+ ms \(baseline, n=120\); shift \+\d+ ms, 95 % CI \+\d+ ms to \+\d+ ms;/
    );
    expect(m?.explanation).not.toMatch(/\d s\b/);
    expect(after.reasons).toContain(m?.explanation);
    expect(after.reasons).not.toContain(before.metrics.find((j) => j.id === 'p95')?.explanation);
    // Everything the formatter does not cover is untouched.
    expect(after.metrics.find((j) => j.id === 'cpu')).toEqual(before.metrics.find((j) => j.id === 'cpu'));
    expect(after.verdict).toBe(before.verdict);
    expect(after.score).toBe(before.score);
  });

  it('reproduces the engine sentence with the plain formatter (same wording either side of the worker)', () => {
    const before = judged();
    const same = reexplainJudgement(before, metrics, plainFormatter);
    expect(same.metrics.map((m) => m.explanation)).toEqual(before.metrics.map((m) => m.explanation));
  });

  it('states counts and requests as whole numbers', () => {
    const count = judged().metrics.find((j) => j.id === 'errors');
    expect(count?.explanation).toMatch(
      /^error count: canary 51 in 9,280 requests \([\d.]+ %\) vs baseline 56 in 41,800 requests/
    );
  });
});
