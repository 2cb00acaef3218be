// Catalogue entries of the pages built on exporter metrics (node-exporter, cAdvisor, kubelet,
// Pushgateway): the same for every preset.
import { type CatalogueEntry, entry, labelValuesEntry } from './catalogueTypes';
import { DEPLOY_LABELS, deploymentQueries, deploymentVariableQueries } from './deployments';
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

export function deploymentEntries(): CatalogueEntry[] {
  const page = 'deployments';
  const q = deploymentQueries();
  const v = deploymentVariableQueries();
  const per = [...DEPLOY_LABELS];
  return [
    entry(page, 'runs', q.runsInRange, per, 'Runs in the range per service and environment'),
    entry(page, 'success-ratio', q.successRatio, per, 'Successful share of runs in range'),
    entry(page, 'last-duration', q.lastDuration, per, 'Duration of the latest run (s)'),
    entry(page, 'last-result', q.lastResult, per, 'Latest run result (1 ok, 0 failed)'),
    entry(page, 'last-run-at', q.lastRunAtMs, per, 'When the latest run finished (Unix ms)'),
    entry(page, 'total-runs', q.totalRuns, [], 'Runs in the range, all services'),
    entry(page, 'total-success-ratio', q.totalSuccessRatio, [], 'Successful share of all runs'),
    entry(page, 'failing-now', q.failingNow, [], 'Services whose latest run failed'),
    labelValuesEntry(page, 'var-service', v.service, 'service variable'),
    labelValuesEntry(page, 'var-environment', v.environment, 'environment variable'),
  ];
}
