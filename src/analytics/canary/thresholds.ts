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
  // The ranges are the ones the settings form accepts (settings/validation.ts), bounds included, so a
  // value the form saved is used as typed.
  const within = (v: number | undefined, ok: (x: number) => boolean, fallback: number) =>
    typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : fallback;
  const passScore = within(partial.passScore, (x) => x > 0 && x <= 100, d.passScore);
  return {
    // One-sided questions at α: above 0.5 a "significant" result would mean nothing.
    alpha: within(partial.alpha, (x) => x > 0 && x <= 0.5, d.alpha),
    passScore,
    marginalScore: Math.min(within(partial.marginalScore, (x) => x >= 0 && x <= 100, d.marginalScore), passScore),
    minSamples: Math.round(within(partial.minSamples, (x) => x > 1 && x < 1e9, d.minSamples)),
    maxUnjudgedShare: within(partial.maxUnjudgedShare, (x) => x >= 0 && x <= 1, d.maxUnjudgedShare),
    promoteWhen: partial.promoteWhen === 'improvement' ? 'improvement' : 'no-regression',
  };
}
