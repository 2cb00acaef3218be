// One typed view of the app's jsonData for every page: the metric convention, SLO targets and
// data sources, with defaults filled in for missing or out-of-range values.
import { type MetricConvention, resolveConvention } from '../queries/conventions';

import {
  DEFAULT_SHORT_TERM_RETENTION_DAYS,
  DEFAULT_SLO_AVAILABILITY_PERCENT,
  DEFAULT_SLO_LATENCY_P95_MS,
  MAX_SHORT_TERM_RETENTION_DAYS,
} from './defaults';
import type { AppJsonData } from './jsonData';

export interface SloTargets {
  /** Availability target as a ratio, e.g. 0.995. */
  availabilityRatio: number;
  /** p95 latency target in seconds. */
  latencyP95Seconds: number;
}

export interface AppSettings {
  jsonData: AppJsonData;
  convention: MetricConvention;
  slo: SloTargets;
  prometheusUid?: string;
  elasticsearchUid?: string;
  /** The long-term store's data source, if one is configured. */
  longTermUid?: string;
  /** How far back Prometheus answers, in seconds; a range reaching past this reads the long-term store. */
  shortTermRetentionSeconds: number;
  useRecordingRules: boolean;
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

function resolveRetentionDays(data: AppJsonData): number {
  const days = data.shortTermRetentionDays;
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= MAX_SHORT_TERM_RETENTION_DAYS
    ? days
    : DEFAULT_SHORT_TERM_RETENTION_DAYS;
}

export function resolveAppSettings(jsonData?: AppJsonData | null): AppSettings {
  const data = jsonData ?? {};
  return {
    jsonData: data,
    convention: resolveConvention(data),
    slo: resolveSloTargets(data),
    prometheusUid: data.prometheusDatasourceUid || undefined,
    elasticsearchUid: data.elasticsearchDatasourceUid || undefined,
    longTermUid: data.longTermDatasourceUid || undefined,
    shortTermRetentionSeconds: resolveRetentionDays(data) * 86_400,
    useRecordingRules: data.useRecordingRules === true,
  };
}
