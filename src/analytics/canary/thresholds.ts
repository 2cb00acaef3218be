// Canary thresholds and their defaults: light enough for the settings form and pages to import.
import type { CanaryThresholds } from './types';

export const DEFAULT_THRESHOLDS: CanaryThresholds = {
  alpha: 0.05,
  passScore: 95,
  marginalScore: 75,
  minSamples: 10,
  minEffect: 0.147,
  confidence: 0.95,
  promoteWhen: 'no-regression',
};

/** Fills missing or nonsensical thresholds with defaults, so config typos cannot break the verdict. */
export function resolveThresholds(partial: Partial<CanaryThresholds> = {}): CanaryThresholds {
  const d = DEFAULT_THRESHOLDS;
  const inRange = (v: number | undefined, lo: number, hi: number, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && v > lo && v < hi ? v : fallback;
  const passScore = inRange(partial.passScore, 0, 100.0001, d.passScore);
  return {
    alpha: inRange(partial.alpha, 0, 1, d.alpha),
    passScore,
    marginalScore: Math.min(inRange(partial.marginalScore, -0.0001, 100.0001, d.marginalScore), passScore),
    minSamples: Math.round(inRange(partial.minSamples, 1, 1e9, d.minSamples)),
    minEffect: inRange(partial.minEffect, -0.0001, 1, d.minEffect),
    confidence: inRange(partial.confidence, 0, 1, d.confidence),
    promoteWhen: partial.promoteWhen === 'improvement' ? 'improvement' : 'no-regression',
  };
}
