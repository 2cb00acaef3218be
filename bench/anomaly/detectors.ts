// The detectors the benchmark compares, by key (worker threads rebuild them from the key).
import { rollingMad, windowedGaussian } from './baselines';
import { engineAfter } from './engineAfter';
import { engineBefore } from './engineBefore';
import type { CausalDetector } from './protocol';

export const DETECTORS: Record<string, () => CausalDetector> = {
  gaussian: () => windowedGaussian(),
  mad: () => rollingMad(),
  before: engineBefore,
  after: () => engineAfter(),
};
