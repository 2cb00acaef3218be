// Canary thresholds and their defaults: light enough for the settings form and pages to import.
import type { CanaryThresholds } from './types';

export const DEFAULT_THRESHOLDS: CanaryThresholds = {
  alpha: 0.05,
  passScore: 95,
  marginalScore: 75,
  minSamples: 10,
  maxUnjudgedShare: 1 / 3,
  promoteWhen: 'no-regression',
};

/** Fills missing or nonsensical thresholds with defaults, so config typos cannot break the verdict. */
export function resolveThresholds(partial: Partial<CanaryThresholds> = {}): CanaryThresholds {
  const d = DEFAULT_THRESHOLDS;
  const inRange = (v: number | undefined, lo: number, hi: number, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v > lo && v < hi ? v : fallback;
  const passScore = inRange(partial.passScore, 0, 100.0001, d.passScore);
  return {
    // One-sided questions at α: above 0.5 a "significant" result would mean nothing.
    alpha: inRange(partial.alpha, 0, 0.5, d.alpha),
    passScore,
    marginalScore: Math.min(inRange(partial.marginalScore, -0.0001, 100.0001, d.marginalScore), passScore),
    minSamples: Math.round(inRange(partial.minSamples, 1, 1e9, d.minSamples)),
    maxUnjudgedShare: inRange(partial.maxUnjudgedShare, -0.0001, 1.0001, d.maxUnjudgedShare),
    promoteWhen: partial.promoteWhen === 'improvement' ? 'improvement' : 'no-regression',
  };
}
