// Threshold steps derived from the configured SLOs, so every page colours the same value the same way.
import { type ThresholdsConfig, ThresholdsMode } from '@grafana/data';

import type { SloTargets } from '../../settings/resolve';

/** Availability (0..1): red below the SLO, green at or above it. */
export function availabilityThresholds(slo: SloTargets): ThresholdsConfig {
  return {
    mode: ThresholdsMode.Absolute,
    steps: [
      { value: -Infinity, color: 'red' },
      { value: slo.availabilityRatio, color: 'green' },
    ],
  };
}

/** Error ratio (0..1): orange once half the error budget is used, red at the whole budget. */
export function errorRatioThresholds(slo: SloTargets): ThresholdsConfig {
  const budget = 1 - slo.availabilityRatio;
  return {
    mode: ThresholdsMode.Absolute,
    steps: [
      { value: -Infinity, color: 'green' },
      { value: budget / 2, color: 'orange' },
      { value: budget, color: 'red' },
    ],
  };
}

/** p95 latency (seconds): orange from 80 % of the target, red above it. */
export function latencyThresholds(slo: SloTargets): ThresholdsConfig {
  return {
    mode: ThresholdsMode.Absolute,
    steps: [
      { value: -Infinity, color: 'green' },
      { value: slo.latencyP95Seconds * 0.8, color: 'orange' },
      { value: slo.latencyP95Seconds, color: 'red' },
    ],
  };
}

/** Saturation of a resource (0..1): orange from 80 %, red from 90 %. */
export const SATURATION_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'green' },
    { value: 0.8, color: 'orange' },
    { value: 0.9, color: 'red' },
  ],
};

/** A share where 1 is healthy (targets up, deployments succeeding): red below 90 %, orange below 99 %. */
export const HEALTHY_SHARE_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'red' },
    { value: 0.9, color: 'orange' },
    { value: 0.99, color: 'green' },
  ],
};

/** Counts where any is a problem (pods not ready, unavailable replicas, unhealthy conditions). */
export const ZERO_IS_HEALTHY_THRESHOLDS: ThresholdsConfig = {
  mode: ThresholdsMode.Absolute,
  steps: [
    { value: -Infinity, color: 'green' },
    { value: 1, color: 'red' },
  ],
};
