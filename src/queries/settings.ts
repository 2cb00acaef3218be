import type { ConventionOverrides, PresetId } from './conventions';

/**
 * The app's jsonData (plugin settings). Nothing here is secret: data source credentials live in the
 * data sources themselves, so the app has no secureJsonData.
 */
export interface AppJsonData {
  /** UID of the Prometheus data source the `ds` variable defaults to. */
  prometheusDatasourceUid?: string;
  /** UID of the Elasticsearch data source the `es` variable defaults to. */
  elasticsearchDatasourceUid?: string;
  /**
   * UID of a long-term store with a Prometheus-compatible API (VictoriaMetrics, Thanos, Mimir), read
   * for ranges past Prometheus' retention. Unset: every range reads the Prometheus data source.
   */
  longTermDatasourceUid?: string;
  preset?: PresetId;
  overrides?: ConventionOverrides;
  /** Availability SLO in percent, e.g. 99.5. */
  sloAvailabilityPercent?: number;
  /** p95 latency SLO in milliseconds. */
  sloLatencyP95Ms?: number;
  /** Use the `codesentinel:*` recording rules on the overview (requires the rules to be loaded). */
  useRecordingRules?: boolean;
  /** Canary Analysis thresholds and metric choices; every field optional (src/pages/canary/canaryConfig.ts). */
  canary?: CanarySettings;
}

/** Canary Analysis settings as stored in jsonData; validated and defaulted by the canary page. */
/** Below this many canary requests in the window the Canary Analysis page warns that the sample is small. */
export const DEFAULT_MIN_CANARY_REQUESTS = 100;

export interface CanarySettings {
  /** Significance level per metric, e.g. 0.05. */
  alpha?: number;
  /** Score (0-100) to promote, e.g. 95; below `marginalScore` the canary is rolled back. */
  passScore?: number;
  marginalScore?: number;
  /** Minimum samples (query steps) per group and metric. */
  minSamples?: number;
  /** 'improvement': promote only when some metric is significantly better. */
  promoteWhen?: 'no-regression' | 'improvement';
  /** Fewer canary requests than this in the window shows the too-small-sample warning. */
  minCanaryRequests?: number;
  /** Per metric id (p50, p95, p99, error-ratio, error-count, cpu, memory). */
  metrics?: Record<
    string,
    {
      enabled?: boolean;
      critical?: boolean;
      direction?: 'increase-is-bad' | 'decrease-is-bad' | 'either';
      tolerance?: number;
    }
  >;
}

export const DEFAULT_SLO_AVAILABILITY_PERCENT = 99.5;
export const DEFAULT_SLO_LATENCY_P95_MS = 300;

export interface SloTargets {
  /** Availability target as a ratio, e.g. 0.995. */
  availabilityRatio: number;
  /** p95 latency target in seconds. */
  latencyP95Seconds: number;
}

function finiteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > min && value < max;
}

/** SLO targets from settings, falling back to the defaults for missing or out-of-range values. */
export function resolveSloTargets(jsonData?: AppJsonData | null): SloTargets {
  const availability = finiteIn(jsonData?.sloAvailabilityPercent, 0, 100)
    ? jsonData!.sloAvailabilityPercent!
    : DEFAULT_SLO_AVAILABILITY_PERCENT;
  const p95Ms = finiteIn(jsonData?.sloLatencyP95Ms, 0, Number.MAX_SAFE_INTEGER)
    ? jsonData!.sloLatencyP95Ms!
    : DEFAULT_SLO_LATENCY_P95_MS;
  return { availabilityRatio: availability / 100, latencyP95Seconds: p95Ms / 1000 };
}
