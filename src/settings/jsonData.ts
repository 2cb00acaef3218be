// The app's jsonData (plugin settings) as stored by Grafana. Every field is optional: provisioning
// files and old saves may leave any of them out, and `resolve.ts` fills the defaults.
import type { ConventionOverrides, PresetId } from '../queries/conventions';

/**
 * Nothing here is secret: data source credentials live in the data sources themselves, so the app
 * has no secureJsonData.
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
  /**
   * Days Prometheus keeps (its `--storage.tsdb.retention.time`); a time range reaching further back
   * than this reads the long-term store. Default 30.
   */
  shortTermRetentionDays?: number;
  preset?: PresetId;
  overrides?: ConventionOverrides;
  /** Availability SLO in percent, e.g. 99.5. */
  sloAvailabilityPercent?: number;
  /** p95 latency SLO in milliseconds. */
  sloLatencyP95Ms?: number;
  /** Use the `codesentinel:*` recording rules on the overview (requires the rules to be loaded). */
  useRecordingRules?: boolean;
  /** Canary Analysis thresholds and metric choices; resolved by `canary.ts`. */
  canary?: CanarySettings;
}

export type PromoteWhen = 'no-regression' | 'improvement';

/** Canary Analysis settings as stored; validated and defaulted by `resolveCanaryConfig`. */
export interface CanarySettings {
  /** Significance level per metric, e.g. 0.05. */
  alpha?: number;
  /** Score (0-100) to promote, e.g. 95; below `marginalScore` the canary is rolled back. */
  passScore?: number;
  marginalScore?: number;
  /** Minimum samples (query steps) per group and metric. */
  minSamples?: number;
  /** Largest share (0..1) of metrics that may go unjudged before the verdict is hold (default 1/3). */
  maxUnjudgedShare?: number;
  /** 'improvement': promote only when some metric is significantly better. */
  promoteWhen?: PromoteWhen;
  /** Fewer canary requests than this in the window shows the too-small-sample warning. */
  minCanaryRequests?: number;
  /** Per metric id (p50, p95, p99, error-ratio, error-count, cpu, memory). */
  metrics?: Record<
    string,
    {
      enabled?: boolean;
      critical?: boolean;
      direction?: 'increase-is-bad' | 'decrease-is-bad' | 'either';
      /** Allowed (not relevant) change relative to the baseline, e.g. 0.05 = 5 %. */
      tolerance?: number;
    }
  >;
}
