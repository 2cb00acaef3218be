// The values the pages use when jsonData leaves a setting out; the config form shows them as
// placeholders, so they must be the very values resolution falls back to.
import { DEFAULT_THRESHOLDS } from '../analytics';

export const DEFAULT_SLO_AVAILABILITY_PERCENT = 99.5;
export const DEFAULT_SLO_LATENCY_P95_MS = 300;
/** Upper bound of the p95 latency target: beyond 10 minutes a request has timed out anyway. */
export const MAX_SLO_LATENCY_P95_MS = 600_000;

/** Below this many canary requests in the window the Canary Analysis page warns that the sample is small. */
export const DEFAULT_MIN_CANARY_REQUESTS = 100;

/** The canary defaults for a missing value: the engine's thresholds plus the page's traffic minimum. */
export const CANARY_DEFAULTS = {
  alpha: DEFAULT_THRESHOLDS.alpha,
  passScore: DEFAULT_THRESHOLDS.passScore,
  marginalScore: DEFAULT_THRESHOLDS.marginalScore,
  minSamples: DEFAULT_THRESHOLDS.minSamples,
  minCanaryRequests: DEFAULT_MIN_CANARY_REQUESTS,
  promoteWhen: DEFAULT_THRESHOLDS.promoteWhen,
} as const;

/**
 * Prometheus refuses a range query of more than 11,000 points per series, so a metric can never have
 * more samples than that and a larger minimum would leave every metric unjudged.
 */
export const MAX_MIN_SAMPLES = 11_000;

/** Prometheus' retention in days when the settings leave it out (the demo stack keeps 30 days). */
export const DEFAULT_SHORT_TERM_RETENTION_DAYS = 30;
/** Ten years: a longer "short-term" retention is a typo (hours typed as days). */
export const MAX_SHORT_TERM_RETENTION_DAYS = 3650;
/**
 * The largest allowed change a metric may have, in percent: 100 % lets the canary run at twice the
 * baseline before it counts as worse; beyond that the judge would never flag a regression.
 */
export const MAX_TOLERANCE_PERCENT = 100;
