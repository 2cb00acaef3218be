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
    entry(page, 'incidents', q.incidents, ['service'], 'P1/P2 alerts firing per deployed service (0 when none)'),
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
