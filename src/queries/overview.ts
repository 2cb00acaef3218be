// System Overview: whole-system stats and one row per service.
import type { MetricConvention } from './conventions';
import { RECORDING_RULES, RULE_SERVICE_LABEL } from './recordingRules';
import { availability, errorRatio, latencyQuantile, requestRate, requestSelector } from './red';
import { aggregate } from './selector';

export interface OverviewQueryOptions {
  /** Read the `codesentinel:*` recording rules instead of raw counters for rates and ratios. */
  useRecordingRules?: boolean;
}

export interface OverviewQueries {
  /** The label each per-service result carries (the preset's, or `service` for recording rules). */
  serviceLabel: string;
  throughput: string;
  errorRatio: string;
  availability: string;
  /** Whole-system p95 in seconds. Always from the raw histogram: per-service p95s cannot be merged. */
  p95: string;
  perService: {
    requestRate: string;
    errorRatio: string;
    availability: string;
    p95: string;
    /** Range query behind the table's sparkline. */
    trend: string;
  };
}

export function overviewQueries(c: MetricConvention, options: OverviewQueryOptions = {}): OverviewQueries {
  return options.useRecordingRules ? fromRecordingRules(c) : fromRawMetrics(c);
}

function fromRawMetrics(c: MetricConvention): OverviewQueries {
  const perService = [c.serviceLabel];
  return {
    serviceLabel: c.serviceLabel,
    throughput: requestRate(c, []),
    errorRatio: errorRatio(c, []),
    availability: availability(c, []),
    p95: latencyQuantile(c, 0.95, []),
    perService: {
      requestRate: requestRate(c, [], perService),
      errorRatio: errorRatio(c, [], perService),
      availability: availability(c, [], perService),
      p95: latencyQuantile(c, 0.95, [], perService),
      trend: requestRate(c, [], perService),
    },
  };
}

function fromRecordingRules(c: MetricConvention): OverviewQueries {
  const perService = [RULE_SERVICE_LABEL];
  const sumOf = (rule: string, groupBy: string[] = []) => aggregate('sum', groupBy, rule);
  const requests = sumOf(RECORDING_RULES.requestsRate5m);
  const systemErrorRatio = `(${sumOf(RECORDING_RULES.errorsRate5m)} or ${requests} * 0) / ${requests}`;
  // A service whose ratio rule has no sample (no 5xx series yet) still gets a 0 row.
  const serviceErrorRatio =
    aggregate('max', perService, RECORDING_RULES.errorRatio5m) +
    ` or ${sumOf(RECORDING_RULES.requestsRate5m, perService)} * 0`;
  return {
    serviceLabel: RULE_SERVICE_LABEL,
    throughput: requests,
    errorRatio: systemErrorRatio,
    availability: `1 - (${systemErrorRatio})`,
    p95: latencyQuantile(c, 0.95, []),
    perService: {
      requestRate: sumOf(RECORDING_RULES.requestsRate5m, perService),
      errorRatio: serviceErrorRatio,
      availability: `1 - (${serviceErrorRatio})`,
      p95: aggregate('max', perService, RECORDING_RULES.latencyP95_5m),
      trend: sumOf(RECORDING_RULES.requestsRate5m, perService),
    },
  };
}

/** How many request series exist: 0 or no result tells the user the convention does not match. */
export function requestSeriesCount(c: MetricConvention): string {
  return `count(${requestSelector(c, [])})`;
}
