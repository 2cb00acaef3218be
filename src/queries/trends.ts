// Trends & Capacity: request-rate and p95 forecasts per service, the hour-of-day profile of the
// selected service, and the saturation series (volumes, container memory against its limit) whose
// time to exhaustion the page estimates. Label values reach PromQL only through LabelMatcher.
import { VAR_SERVICE_EXPR } from '../constants';

import { type CatalogueEntry, entry } from './catalogueTypes';
import type { MetricConvention } from './conventions';
import { KUBELET_VOLUME } from './infrastructure';
import { latencyQuantile, requestRate } from './red';
import { CADVISOR } from './resources';
import { type LabelMatcher, aggregate, selector } from './selector';

/** Labels that identify one volume and one container in the saturation series. */
export const VOLUME_KEY_LABELS = ['namespace', KUBELET_VOLUME.claimLabel] as const;
export const CONTAINER_KEY_LABELS = ['namespace', CADVISOR.podLabel, CADVISOR.containerLabel] as const;

/** One saturated resource, identified by its label values (literals: they are escaped here). */
export type CapacityTarget =
  | { kind: 'volume'; namespace: string; claim: string }
  | { kind: 'memory'; namespace: string; pod: string; container: string };

export interface TrendsQueries {
  /** The label each per-service forecast series carries. */
  serviceLabel: string;
  /** Requests per second per service, narrowed by `${service}` (All = every service). */
  requestRate: string;
  /** p95 latency in seconds per service, narrowed by `${service}`. */
  p95: string;
  /** Requests per second of the selected service(s) as one series, for the seasonality profile. */
  seasonalityRate: string;
  /** Used share (0..1) of every persistent volume claim. */
  volumeUsage: string;
  /** Working set as a share (0..1) of the memory limit, for every container that has a limit. */
  memoryOfLimit: string;
}

const serviceScope = (c: MetricConvention): LabelMatcher[] => [{ label: c.serviceLabel, variable: VAR_SERVICE_EXPR }];

// cAdvisor also reports pod-level (container="") and pause-container ("POD") series; skip both.
const REAL_CONTAINERS: LabelMatcher = { label: CADVISOR.containerLabel, notPattern: '|POD' };

function volumeUsageOf(matchers: readonly LabelMatcher[]): string {
  const used = selector(KUBELET_VOLUME.used, matchers);
  const capacity = selector(KUBELET_VOLUME.capacity, matchers);
  // `> 0`: a volume reporting zero capacity (not yet provisioned) is left out, not divided by.
  return aggregate('max', [...VOLUME_KEY_LABELS], `${used} / (${capacity} > 0)`);
}

function memoryOfLimitOf(matchers: readonly LabelMatcher[], groupBy: readonly string[]): string {
  const workingSet = aggregate('sum', groupBy, selector(CADVISOR.memoryWorkingSet, matchers));
  const limit = aggregate('sum', groupBy, selector(CADVISOR.memoryLimit, matchers));
  // cAdvisor reports 0 for a container without a limit: `> 0` drops it instead of dividing by zero.
  return `${workingSet} / (${limit} > 0)`;
}

export function trendsQueries(c: MetricConvention): TrendsQueries {
  const scope = serviceScope(c);
  const perService = [c.serviceLabel];
  return {
    serviceLabel: c.serviceLabel,
    requestRate: requestRate(c, scope, perService),
    p95: latencyQuantile(c, 0.95, scope, perService),
    seasonalityRate: requestRate(c, scope),
    volumeUsage: volumeUsageOf([]),
    memoryOfLimit: memoryOfLimitOf([REAL_CONTAINERS], [...CONTAINER_KEY_LABELS]),
  };
}

/** The saturation series of one volume or container, for the forecast chart of the selected row. */
export function capacityTargetQuery(target: CapacityTarget): string {
  if (target.kind === 'volume') {
    return volumeUsageOf([
      { label: 'namespace', equals: target.namespace },
      { label: KUBELET_VOLUME.claimLabel, equals: target.claim },
    ]);
  }
  const matchers: LabelMatcher[] = [
    { label: 'namespace', equals: target.namespace },
    { label: CADVISOR.podLabel, equals: target.pod },
    { label: CADVISOR.containerLabel, equals: target.container },
  ];
  return memoryOfLimitOf(matchers, [...CONTAINER_KEY_LABELS]);
}

/** The demo's namespace, used for the catalogue's selected-row queries. */
export const CATALOGUE_NAMESPACE = 'demo';

/** Catalogue entries; `service` names the demo service whose volume and container are "selected". */
export function trendsCatalogueEntries(c: MetricConvention, service = 'checkout'): CatalogueEntry[] {
  const page = 'trends';
  const q = trendsQueries(c);
  const volume = capacityTargetQuery({ kind: 'volume', namespace: CATALOGUE_NAMESPACE, claim: `${service}-data` });
  const memory = capacityTargetQuery({
    kind: 'memory',
    namespace: CATALOGUE_NAMESPACE,
    pod: `${service}-0`,
    container: service,
  });
  return [
    entry(page, 'forecast-rate', q.requestRate, [c.serviceLabel], 'Requests per second per service (forecast)'),
    entry(page, 'forecast-p95', q.p95, [c.serviceLabel], 'p95 latency (s) per service (forecast)'),
    entry(page, 'seasonality-rate', q.seasonalityRate, [], 'Requests per second of the selection (profile)'),
    entry(page, 'volume-usage', q.volumeUsage, [...VOLUME_KEY_LABELS], 'Used share of each volume'),
    entry(page, 'memory-of-limit', q.memoryOfLimit, [...CONTAINER_KEY_LABELS], 'Working set / limit per container'),
    entry(page, 'selected-volume', volume, [...VOLUME_KEY_LABELS], 'Used share of the selected volume'),
    entry(page, 'selected-memory', memory, [...CONTAINER_KEY_LABELS], 'Working set / limit of the selected container'),
  ];
}
