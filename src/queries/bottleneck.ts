// The Service Deep-Dive's "What moves with latency": the target (p95 or error ratio), the traffic the
// finder controls for, and every candidate signal family, one query each (a family returns one series
// per pod, node or database). Standard exporter names: cAdvisor, kube-state-metrics, node-exporter,
// postgres_exporter. Node families are limited to the nodes that run the service's pods (joined
// through kube_pod_info), so a service is never blamed on a node it does not run on. Where the
// convention has client-side call latency (conventions.ts `calls`), the p95 of the service's calls to
// each callee is a family too: a slow dependency is the commonest reason a service is slow.
import { VAR_INSTANCE_EXPR } from '../constants';

import { type CatalogueEntry, entry } from './catalogueTypes';
import type { MetricConvention } from './conventions';
import { quote } from './escape';
import { oomKilled } from './kubernetes';
import { latencyQuantile } from './red';
import { CADVISOR } from './resources';
import { type LabelMatcher, RATE_INTERVAL, aggregate, rate, selector } from './selector';
import { serviceQueries } from './service';

export const KUBE_STATE = {
  podInfo: 'kube_pod_info',
  restarts: 'kube_pod_container_status_restarts_total',
  nodeLabel: 'node',
} as const;

export const CADVISOR_THROTTLING = {
  throttledPeriods: 'container_cpu_cfs_throttled_periods_total',
  periods: 'container_cpu_cfs_periods_total',
  quota: 'container_spec_cpu_quota',
  period: 'container_spec_cpu_period',
} as const;

export const NODE_IO = {
  cpuSeconds: 'node_cpu_seconds_total',
  diskIoTime: 'node_disk_io_time_seconds_total',
  diskReadTime: 'node_disk_read_time_seconds_total',
  diskWriteTime: 'node_disk_write_time_seconds_total',
  diskReads: 'node_disk_reads_completed_total',
  diskWrites: 'node_disk_writes_completed_total',
  netRxErrors: 'node_network_receive_errs_total',
  netTxErrors: 'node_network_transmit_errs_total',
  /** kube-prometheus relabels node-exporter's `instance` to the node name. */
  nodeLabel: 'instance',
} as const;

export const POSTGRES = {
  connections: 'pg_stat_activity_count',
  maxConnections: 'pg_settings_max_connections',
  locks: 'pg_locks_count',
  replicationLag: 'pg_replication_lag_seconds',
  databaseLabel: 'datname',
} as const;

/**
 * What a family's series are about: the label that names the subject in the sentence (a pod, a node,
 * a database, or the callee label of the convention's call histogram).
 */
export type FinderSubjectLabel = string;

export interface FinderFamily {
  /** Stable key, also the query's refId. */
  key: string;
  /** Lower case, reads after a possessive: "checkout-1's CPU throttling". */
  signal: string;
  /** Undefined for a family with one series about a fixed subject (then `subjectFallback` names it). */
  subjectLabel: FinderSubjectLabel | undefined;
  subjectFallback?: string;
  /** Put before the subject label's value: "calls to " makes "calls to payments' p95 latency". */
  subjectPrefix?: string;
  /** Chart title after "p95 and …" when `signal` alone would not say what the series are. */
  chartName?: string;
  /** Grafana unit of the family's values (the chart's axis and the level in the sentence). */
  unit: string;
  expr: string;
  description: string;
}

export interface FinderQueries {
  p95: string;
  errorRatio: string;
  /** The service's request rate: the finder removes what it explains from both sides. */
  traffic: string;
  families: FinderFamily[];
}

/** Who a candidate series is about, from its labels: what the sentence puts before the signal. */
export function candidateSubject(
  family: Pick<FinderFamily, 'key' | 'subjectLabel' | 'subjectFallback' | 'subjectPrefix'>,
  labels: Readonly<Record<string, string>>
): string {
  const value = family.subjectLabel ? labels[family.subjectLabel] : undefined;
  if (value) {
    return `${family.subjectPrefix ?? ''}${value}`;
  }
  return family.subjectFallback || family.key;
}

/**
 * p95 of the service's calls to each callee (seconds), the caller narrowed by the page's instance
 * variable like its pods. Not by the endpoint variable: a call has no server-side route label.
 */
function callsFamily(c: MetricConvention, service: string): FinderFamily | undefined {
  const calls = c.calls;
  if (!calls) {
    return undefined;
  }
  const scope: LabelMatcher[] = [
    { label: calls.callerLabel ?? c.serviceLabel, equals: service },
    { label: c.instanceLabel, variable: VAR_INSTANCE_EXPR },
  ];
  return {
    key: 'calls-p95',
    signal: 'p95 latency',
    subjectLabel: calls.calleeLabel,
    subjectPrefix: 'calls to ',
    chartName: 'p95 of its calls, per called service',
    unit: 's',
    expr: latencyQuantile(calls, 0.95, scope, [calls.calleeLabel]),
    description: `p95 latency of the service’s calls to each service it calls, as the caller measured them (${calls.latencyBucketMetric}).`,
  };
}

/** Drops devices that only add noise (loop, ram and device-mapper duplicates; virtual interfaces). */
const IGNORED_DISKS = 'loop.*|ram.*|dm-.*|sr.*';
const IGNORED_NET_DEVICES = 'lo|veth.*|docker.*|br-.*|cni.*|flannel.*';

/**
 * The nodes running the service's pods, as a vector with `instance` = node name (node-exporter's
 * label), for `and on (instance)`. `$1` goes through quote() so Grafana cannot take it for a variable.
 */
export function hostNodes(service: string): string {
  const pods = aggregate('max', ['namespace', 'pod'], selector(CADVISOR.memoryWorkingSet, podScope(service)));
  const info = aggregate('max', [KUBE_STATE.nodeLabel], `${KUBE_STATE.podInfo} and on (namespace, pod) ${pods}`);
  return `label_replace(${info}, ${quote(NODE_IO.nodeLabel)}, ${quote('$1')}, ${quote(KUBE_STATE.nodeLabel)}, ${quote('(.+)')})`;
}

function podScope(service: string): LabelMatcher[] {
  return [
    { label: CADVISOR.containerLabel, equals: service },
    { label: CADVISOR.podLabel, variable: VAR_INSTANCE_EXPR },
  ];
}

function increase(selectorExpr: string): string {
  return `increase(${selectorExpr}[${RATE_INTERVAL}])`;
}

export function finderQueries(c: MetricConvention, service: string, database: string = service): FinderQueries {
  const q = serviceQueries(c, service);
  const pod = podScope(service);
  const perPod = [CADVISOR.podLabel];
  const perNode = [NODE_IO.nodeLabel];
  const onHosts = (expr: string) => `${expr} and on (${NODE_IO.nodeLabel}) ${hostNodes(service)}`;
  const cpus = aggregate('count', perNode, selector(NODE_IO.cpuSeconds, [{ label: 'mode', equals: 'idle' }]));
  const cpuMode = (pattern: string) =>
    aggregate('sum', perNode, rate(selector(NODE_IO.cpuSeconds, [{ label: 'mode', pattern }])));
  const disk: LabelMatcher[] = [{ label: 'device', notPattern: IGNORED_DISKS }];
  const diskRate = (metric: string) => rate(selector(metric, disk));
  const net: LabelMatcher[] = [{ label: 'device', notPattern: IGNORED_NET_DEVICES }];
  const db: LabelMatcher[] = [{ label: POSTGRES.databaseLabel, equals: database }];
  const perDb = [POSTGRES.databaseLabel];
  const families: FinderFamily[] = [
    {
      key: 'cpu-of-limit',
      signal: 'CPU usage against its limit',
      subjectLabel: CADVISOR.podLabel,
      unit: 'percentunit',
      expr: `${aggregate('sum', perPod, rate(selector(CADVISOR.cpuSeconds, pod)))} / ${aggregate(
        'sum',
        perPod,
        `${selector(CADVISOR_THROTTLING.quota, pod)} / ${selector(CADVISOR_THROTTLING.period, pod)}`
      )}`,
      description: 'CPU cores used per pod as a share of the CPU limit (cAdvisor quota / period).',
    },
    {
      key: 'cpu-throttling',
      signal: 'CPU throttling',
      subjectLabel: CADVISOR.podLabel,
      unit: 'percentunit',
      expr: `${aggregate('sum', perPod, rate(selector(CADVISOR_THROTTLING.throttledPeriods, pod)))} / ${aggregate(
        'sum',
        perPod,
        rate(selector(CADVISOR_THROTTLING.periods, pod))
      )}`,
      description: 'Share of CFS periods in which the pod was throttled (cAdvisor).',
    },
    {
      key: 'memory',
      signal: 'memory working set',
      subjectLabel: CADVISOR.podLabel,
      unit: 'bytes',
      expr: aggregate('sum', perPod, selector(CADVISOR.memoryWorkingSet, pod)),
      description: 'Working set bytes per pod (cAdvisor).',
    },
    {
      key: 'restarts',
      signal: 'container restarts (OOM kills included)',
      subjectLabel: CADVISOR.podLabel,
      unit: 'suffix: restarts',
      expr: aggregate('sum', perPod, increase(selector(KUBE_STATE.restarts, pod))),
      description: 'Container restarts per pod in each interval (kube-state-metrics).',
    },
    {
      key: 'oom-kills',
      signal: 'OOM kills',
      subjectLabel: CADVISOR.podLabel,
      unit: 'suffix: OOM kills',
      expr: aggregate('sum', perPod, oomKilled(pod, RATE_INTERVAL)),
      description:
        'Container restarts per pod in each interval whose last termination was an OOM kill (kube-state-metrics last_terminated_reason).',
    },
    {
      key: 'node-cpu',
      signal: 'CPU saturation',
      subjectLabel: NODE_IO.nodeLabel,
      unit: 'percentunit',
      expr: onHosts(`(1 - ${cpuMode('idle|iowait')} / ${cpus})`),
      description: 'Busy share of the CPUs of the nodes running the service, I/O wait excluded (node-exporter).',
    },
    {
      key: 'node-iowait',
      signal: 'I/O wait',
      subjectLabel: NODE_IO.nodeLabel,
      unit: 'percentunit',
      expr: onHosts(`(${cpuMode('iowait')} / ${cpus})`),
      description: 'Share of CPU time waiting for I/O on the nodes running the service (node-exporter).',
    },
    {
      key: 'disk-util',
      signal: 'disk utilisation',
      subjectLabel: NODE_IO.nodeLabel,
      unit: 'percentunit',
      expr: onHosts(aggregate('max', perNode, diskRate(NODE_IO.diskIoTime))),
      description: 'Busiest disk’s time spent doing I/O, per node running the service (node-exporter).',
    },
    {
      key: 'disk-latency',
      signal: 'disk latency',
      subjectLabel: NODE_IO.nodeLabel,
      unit: 's',
      expr: onHosts(
        aggregate(
          'max',
          perNode,
          `(${diskRate(NODE_IO.diskReadTime)} + ${diskRate(NODE_IO.diskWriteTime)}) / ((${diskRate(
            NODE_IO.diskReads
          )} + ${diskRate(NODE_IO.diskWrites)}) > 0)`
        )
      ),
      description:
        'Average time per read or write on the slowest disk of each node running the service (node-exporter).',
    },
    {
      key: 'net-errors',
      signal: 'network errors',
      subjectLabel: NODE_IO.nodeLabel,
      unit: 'suffix: errors/s',
      expr: onHosts(
        aggregate(
          'sum',
          perNode,
          `${rate(selector(NODE_IO.netRxErrors, net))} + ${rate(selector(NODE_IO.netTxErrors, net))}`
        )
      ),
      description: 'Receive and transmit errors per second on the nodes running the service (node-exporter).',
    },
    {
      key: 'db-connections',
      signal: 'connections against the maximum',
      subjectLabel: POSTGRES.databaseLabel,
      unit: 'percentunit',
      expr: `${aggregate('sum', perDb, selector(POSTGRES.connections, db))} / on () group_left () max(${
        POSTGRES.maxConnections
      })`,
      description: 'Connections to the service’s database as a share of max_connections (postgres_exporter).',
    },
    {
      key: 'db-locks',
      signal: 'locks held',
      subjectLabel: POSTGRES.databaseLabel,
      unit: 'suffix: locks',
      expr: aggregate('sum', perDb, selector(POSTGRES.locks, db)),
      description: 'Locks held in the service’s database, all modes (postgres_exporter).',
    },
    {
      key: 'db-replication-lag',
      signal: 'replication lag',
      subjectLabel: undefined,
      subjectFallback: 'the database server',
      unit: 's',
      expr: `max(${POSTGRES.replicationLag})`,
      description: 'Replication lag of the database server (postgres_exporter; one server per demo stack).',
    },
  ];
  const calls = callsFamily(c, service);
  if (calls) {
    families.push(calls);
  }
  return { p95: q.stats.p95, errorRatio: q.stats.errorRatio, traffic: q.stats.requestRate, families };
}

/** Catalogue entries (`finder.*`): the target, traffic and every candidate family. */
export function finderCatalogueEntries(c: MetricConvention, service: string): CatalogueEntry[] {
  const q = finderQueries(c, service);
  const page = 'finder';
  return [
    entry(page, 'p95', q.p95, [], 'p95 latency (s): the target'),
    entry(page, 'error-ratio', q.errorRatio, [], 'Error ratio: the errors variant’s target'),
    entry(page, 'traffic', q.traffic, [], 'Requests per second: the control'),
    ...q.families.map((f) => entry(page, f.key, f.expr, f.subjectLabel ? [f.subjectLabel] : [], f.description)),
  ];
}
