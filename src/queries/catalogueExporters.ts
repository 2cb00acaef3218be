// Catalogue entries of the pages built on exporter metrics (node-exporter, cAdvisor, kubelet,
// Pushgateway): the same for every preset.
import { VAR_SERVICE_EXPR } from '../constants';

import { type CatalogueEntry, entry, labelValuesEntry } from './catalogueTypes';
import {
  DEPLOY_LABELS,
  RUN_LABELS,
  deployMarkerQuery,
  deploymentQueries,
  deploymentVariableQueries,
} from './deployments';
import { KUBELET_VOLUME, NODE_EXPORTER, infrastructureQueries, infrastructureVariableQueries } from './infrastructure';
import { kubernetesQueries } from './kubernetes';
import { postgresQueries, postgresVariableQueries } from './postgres';

export function infrastructureEntries(): CatalogueEntry[] {
  const page = 'infrastructure';
  const q = infrastructureQueries();
  const v = infrastructureVariableQueries();
  const node = [NODE_EXPORTER.nodeLabel];
  const container = ['namespace', 'pod', 'container'];
  return [
    entry(page, 'targets-up', q.targetsUp, [], 'Share of scrape targets up'),
    entry(page, 'up-by-target', q.upByTarget, ['job', 'instance'], 'up per target'),
    entry(page, 'node-cpu', q.nodeCpu, node, 'CPU busy share per node'),
    entry(page, 'node-cpu-wait-steal', q.nodeCpuWaitSteal, [...node, 'mode'], 'I/O wait and steal share per node'),
    entry(page, 'node-load-per-core', q.nodeLoadPerCore, node, '1m load per core per node'),
    entry(page, 'node-disk-utilisation', q.nodeDiskUtilisation, node, 'Busiest disk utilisation per node'),
    entry(page, 'node-disk-latency', q.nodeDiskLatency, node, 'Mean disk I/O time per node (s)'),
    entry(page, 'node-net-errors', q.nodeNetworkErrors, node, 'Network errors per second per node'),
    entry(page, 'node-memory', q.nodeMemory, node, 'Memory used share per node'),
    entry(page, 'node-disk', q.nodeDisk, node, 'Fullest filesystem per node'),
    entry(page, 'node-net-rx', q.nodeNetworkReceive, node, 'Bytes received per node'),
    entry(page, 'node-net-tx', q.nodeNetworkTransmit, node, 'Bytes sent per node'),
    entry(page, 'container-cpu', q.containerCpu, container, 'CPU cores per container'),
    entry(page, 'container-memory', q.containerMemory, container, 'Working set per container'),
    entry(page, 'container-memory-of-limit', q.containerMemoryOfLimit, container, 'Working set as share of the limit'),
    entry(page, 'volume-usage', q.volumeUsage, ['namespace', KUBELET_VOLUME.claimLabel], 'Used share per volume claim'),
    labelValuesEntry(page, 'var-node', v.node, 'node variable'),
    labelValuesEntry(page, 'var-namespace', v.namespace, 'namespace variable'),
    ...kubernetesEntries(page),
    ...postgresEntries(page),
  ];
}

function kubernetesEntries(page: string): CatalogueEntry[] {
  const k = kubernetesQueries();
  return [
    entry(page, 'kube-pods-not-ready', k.podsNotReady, [], 'Pods not ready'),
    entry(page, 'kube-pod-not-ready', k.podNotReady, ['namespace', 'pod'], 'Not ready (1) per pod'),
    entry(page, 'kube-restarts', k.restartsInRange, ['namespace', 'pod'], 'Container restarts per pod in range'),
    entry(page, 'kube-oom-killed', k.oomKilledInRange, [], 'Containers restarted after an OOM kill in range'),
    entry(page, 'kube-pending-pods', k.pendingPods, [], 'Pending pods'),
    entry(page, 'kube-deployments-unavailable', k.deploymentsUnavailable, ['namespace', 'deployment'], 'Unavailable replicas per deployment'),
    entry(page, 'kube-deployments-short', k.deploymentsShort, [], 'Deployments with unavailable replicas'),
    entry(page, 'kube-node-conditions', k.nodeConditionProblems, ['node', 'condition'], 'Unhealthy (1) per node condition'),
  ];
}

function postgresEntries(page: string): CatalogueEntry[] {
  const p = postgresQueries();
  const v = postgresVariableQueries();
  const db = ['instance', 'datname'];
  return [
    entry(page, 'pg-up', p.up, ['instance'], 'PostgreSQL reachable per server'),
    entry(page, 'pg-connections-of-max', p.connectionsOfMax, db, 'Connections as share of max_connections'),
    entry(page, 'pg-transactions', p.transactions, db, 'Transactions per second per database'),
    entry(page, 'pg-rollback-ratio', p.rollbackRatio, db, 'Rolled-back share of transactions'),
    entry(page, 'pg-cache-hit-ratio', p.cacheHitRatio, db, 'Buffer cache hit ratio per database'),
    entry(page, 'pg-deadlocks', p.deadlocks, db, 'Deadlocks per interval per database'),
    entry(page, 'pg-deadlocks-in-range', p.deadlocksInRange, db, 'Deadlocks in range per database'),
    entry(page, 'pg-longest-transaction', p.longestTransaction, db, 'Oldest open transaction per database (s)'),
    entry(page, 'pg-replication-lag', p.replicationLag, ['instance'], 'Replication lag per server (s)'),
    labelValuesEntry(page, 'var-database', v.database, 'database variable'),
  ];
}

export function deploymentEntries(service: string): CatalogueEntry[] {
  const page = 'deployments';
  const q = deploymentQueries();
  const v = deploymentVariableQueries();
  const per = [...DEPLOY_LABELS];
  const run = [...RUN_LABELS];
  return [
    entry(page, 'runs', q.runs, [...run, 'status'], 'Each run finished in the range (value: finish time)'),
    entry(page, 'run-durations', q.runDurations, run, 'Duration per run (s)'),
    entry(page, 'run-lead-times', q.runLeadTimes, run, 'Lead time per run (s)'),
    entry(page, 'run-count', q.runCount, per, 'Exact runs in the range per service and environment'),
    entry(page, 'total-runs', q.totalRuns, [], 'Exact runs in the range, all services'),
    entry(page, 'incidents', q.incidents, ['service'], 'P1/P2 alerts firing per deployed service and alert (0 for a service with none)'),
    entry(
      page,
      'markers-all',
      deployMarkerQuery({ kind: 'all' }),
      [...run, 'status'],
      'Deploy markers, every service (Overview)'
    ),
    entry(
      page,
      'markers-variable',
      deployMarkerQuery({ kind: 'variable', variable: VAR_SERVICE_EXPR }),
      [...run, 'status'],
      'Deploy markers of the service variable (Trends, Canary)'
    ),
    entry(
      page,
      'markers-service',
      deployMarkerQuery({ kind: 'service', service }),
      [...run, 'status'],
      'Deploy markers of one service (Deep-Dive)'
    ),
    labelValuesEntry(page, 'var-service', v.service, 'service variable'),
    labelValuesEntry(page, 'var-environment', v.environment, 'environment variable'),
  ];
}
