// Trends & Capacity: request-rate and p95 forecasts per service, the hour-of-day profile of the
// selected service, and the saturation series (volumes, container memory and CPU against limit and
// request, CPU throttling, nodes) whose
// time to exhaustion the page estimates. Label values reach PromQL only through LabelMatcher.
import { VAR_SERVICE_EXPR } from '../constants';

import { type CatalogueEntry, entry } from './catalogueTypes';
import type { MetricConvention } from './conventions';
import { KUBELET_VOLUME, NODE_EXPORTER } from './infrastructure';
import { latencyQuantile, requestRate } from './red';
import { CADVISOR } from './resources';
import { type LabelMatcher, aggregate, rate, selector } from './selector';

/** Labels that identify one volume and one container in the saturation series. */
export const VOLUME_KEY_LABELS = ['namespace', KUBELET_VOLUME.claimLabel] as const;
export const CONTAINER_KEY_LABELS = ['namespace', CADVISOR.podLabel, CADVISOR.containerLabel] as const;
export const NODE_KEY_LABELS = [NODE_EXPORTER.nodeLabel] as const;

/** cAdvisor's CPU limit (CFS quota / period) and request (shares / 1024) series. */
export const CADVISOR_CPU = {
  quota: 'container_spec_cpu_quota',
  period: 'container_spec_cpu_period',
  shares: 'container_spec_cpu_shares',
  /** CFS scheduling periods the container was runnable in, and those in which it hit its quota. */
  periods: 'container_cpu_cfs_periods_total',
  throttledPeriods: 'container_cpu_cfs_throttled_periods_total',
} as const;

/** One saturated resource, identified by its label values (literals: they are escaped here). */
export type CapacityTarget =
  | { kind: 'volume'; namespace: string; claim: string }
  | { kind: 'memory' | 'cpu-limit' | 'cpu-request' | 'cpu-throttled'; namespace: string; pod: string; container: string }
  | { kind: 'node-cpu' | 'node-memory' | 'node-disk'; node: string };

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
  /** CPU used as a share of the limit (CFS quota), for every container that has one. */
  cpuOfLimit: string;
  /** CPU used as a share of the request (shares / 1024), for every container that has one. */
  cpuOfRequest: string;
  /** Share of CFS periods in which the container was throttled, for every container with a CPU limit. */
  cpuThrottled: string;
  /** Busy share of each node's cores (1 − idle). */
  nodeCpu: string;
  /** Memory in use per node (1 − MemAvailable / MemTotal). */
  nodeMemory: string;
  /** The fullest real filesystem of each node. */
  nodeDisk: string;
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

function cpuUsed(matchers: readonly LabelMatcher[]): string {
  return aggregate('sum', [...CONTAINER_KEY_LABELS], rate(selector(CADVISOR.cpuSeconds, matchers)));
}

function cpuOfLimitOf(matchers: readonly LabelMatcher[]): string {
  const quota = selector(CADVISOR_CPU.quota, matchers);
  const period = selector(CADVISOR_CPU.period, matchers);
  // No limit: cAdvisor reports no quota (or −1); `> 0` keeps only containers that have one.
  return `${cpuUsed(matchers)} / (${aggregate('sum', [...CONTAINER_KEY_LABELS], `${quota} / ${period}`)} > 0)`;
}

function cpuOfRequestOf(matchers: readonly LabelMatcher[]): string {
  // A container without a request gets the kernel's minimum of 2 shares; `> 2` leaves it out.
  const shares = aggregate('sum', [...CONTAINER_KEY_LABELS], selector(CADVISOR_CPU.shares, matchers));
  return `${cpuUsed(matchers)} / ((${shares} > 2) / 1024)`;
}

function cpuThrottledOf(matchers: readonly LabelMatcher[]): string {
  const throttled = aggregate('sum', [...CONTAINER_KEY_LABELS], rate(selector(CADVISOR_CPU.throttledPeriods, matchers)));
  const periods = aggregate('sum', [...CONTAINER_KEY_LABELS], rate(selector(CADVISOR_CPU.periods, matchers)));
  // An idle container runs no CFS periods: `> 0` leaves it out instead of dividing zero by zero.
  return `${throttled} / (${periods} > 0)`;
}

/** Pseudo and container-runtime filesystems (as on Infrastructure Health). */
const REAL_FILESYSTEMS: LabelMatcher = { label: 'fstype', notPattern: 'tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs' };

function nodeQueries(node: LabelMatcher[]): Pick<TrendsQueries, 'nodeCpu' | 'nodeMemory' | 'nodeDisk'> {
  const perNode = [...NODE_KEY_LABELS];
  const fs = [...node, REAL_FILESYSTEMS];
  return {
    nodeCpu: `1 - ${aggregate('avg', perNode, rate(selector(NODE_EXPORTER.cpuSeconds, [...node, { label: 'mode', equals: 'idle' }])))}`,
    nodeMemory: `1 - (${aggregate('sum', perNode, selector(NODE_EXPORTER.memAvailable, node))} / ${aggregate('sum', perNode, selector(NODE_EXPORTER.memTotal, node))})`,
    nodeDisk: aggregate('max', perNode, `1 - (${selector(NODE_EXPORTER.fsAvail, fs)} / ${selector(NODE_EXPORTER.fsSize, fs)})`),
  };
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
    cpuOfLimit: cpuOfLimitOf([REAL_CONTAINERS]),
    cpuOfRequest: cpuOfRequestOf([REAL_CONTAINERS]),
    cpuThrottled: cpuThrottledOf([REAL_CONTAINERS]),
    ...nodeQueries([]),
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
  if ('node' in target) {
    const q = nodeQueries([{ label: NODE_EXPORTER.nodeLabel, equals: target.node }]);
    return target.kind === 'node-cpu' ? q.nodeCpu : target.kind === 'node-memory' ? q.nodeMemory : q.nodeDisk;
  }
  const matchers: LabelMatcher[] = [
    { label: 'namespace', equals: target.namespace },
    { label: CADVISOR.podLabel, equals: target.pod },
    { label: CADVISOR.containerLabel, equals: target.container },
  ];
  switch (target.kind) {
    case 'cpu-limit':
      return cpuOfLimitOf(matchers);
    case 'cpu-request':
      return cpuOfRequestOf(matchers);
    case 'cpu-throttled':
      return cpuThrottledOf(matchers);
    default:
      return memoryOfLimitOf(matchers, [...CONTAINER_KEY_LABELS]);
  }
}

/** The demo's namespace, used for the catalogue's selected-row queries. */
export const CATALOGUE_NAMESPACE = 'demo';

/** Catalogue entries; `service` names the demo service whose volume and container are "selected". */
export function trendsCatalogueEntries(c: MetricConvention, service = 'checkout'): CatalogueEntry[] {
  const page = 'trends';
  const q = trendsQueries(c);
  const volume = capacityTargetQuery({ kind: 'volume', namespace: CATALOGUE_NAMESPACE, claim: `${service}-data` });
  const pod = { namespace: CATALOGUE_NAMESPACE, pod: `${service}-0`, container: service };
  const memory = capacityTargetQuery({ ...pod, kind: 'memory' });
  return [
    entry(page, 'forecast-rate', q.requestRate, [c.serviceLabel], 'Requests per second per service (forecast)'),
    entry(page, 'forecast-p95', q.p95, [c.serviceLabel], 'p95 latency (s) per service (forecast)'),
    entry(page, 'seasonality-rate', q.seasonalityRate, [], 'Requests per second of the selection (profile)'),
    entry(page, 'volume-usage', q.volumeUsage, [...VOLUME_KEY_LABELS], 'Used share of each volume'),
    entry(page, 'memory-of-limit', q.memoryOfLimit, [...CONTAINER_KEY_LABELS], 'Working set / limit per container'),
    entry(page, 'selected-volume', volume, [...VOLUME_KEY_LABELS], 'Used share of the selected volume'),
    entry(page, 'selected-memory', memory, [...CONTAINER_KEY_LABELS], 'Working set / limit of the selected container'),
    entry(page, 'cpu-of-limit', q.cpuOfLimit, [...CONTAINER_KEY_LABELS], 'CPU used / limit per container'),
    entry(page, 'cpu-of-request', q.cpuOfRequest, [...CONTAINER_KEY_LABELS], 'CPU used / request per container'),
    entry(page, 'selected-cpu-limit', capacityTargetQuery({ ...pod, kind: 'cpu-limit' }), [...CONTAINER_KEY_LABELS], 'CPU used / limit of the selected container'),
    entry(page, 'cpu-throttled', q.cpuThrottled, [...CONTAINER_KEY_LABELS], 'Share of CFS periods throttled per container'),
    entry(page, 'selected-cpu-throttled', capacityTargetQuery({ ...pod, kind: 'cpu-throttled' }), [...CONTAINER_KEY_LABELS], 'Share of CFS periods throttled of the selected container'),
    entry(page, 'node-cpu-busy', q.nodeCpu, [...NODE_KEY_LABELS], 'Busy share of each node’s cores'),
    entry(page, 'node-memory-used', q.nodeMemory, [...NODE_KEY_LABELS], 'Memory in use per node'),
    entry(page, 'node-disk-used', q.nodeDisk, [...NODE_KEY_LABELS], 'Fullest filesystem per node'),
  ];
}
