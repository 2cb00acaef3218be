// Infrastructure Health: node-exporter hosts and cAdvisor containers. Standard exporter metric names
// (not part of the request-metric presets); the page's `node` and `namespace` variables narrow them.
import { VAR_NAMESPACE_EXPR, VAR_NODE_EXPR } from '../constants';

import { type LabelMatcher, aggregate, rate, selector } from './selector';

export const NODE_EXPORTER = {
  cpuSeconds: 'node_cpu_seconds_total',
  memAvailable: 'node_memory_MemAvailable_bytes',
  memTotal: 'node_memory_MemTotal_bytes',
  fsAvail: 'node_filesystem_avail_bytes',
  fsSize: 'node_filesystem_size_bytes',
  netReceive: 'node_network_receive_bytes_total',
  netTransmit: 'node_network_transmit_bytes_total',
  nodeLabel: 'instance',
} as const;

export const KUBELET_VOLUME = {
  used: 'kubelet_volume_stats_used_bytes',
  capacity: 'kubelet_volume_stats_capacity_bytes',
  claimLabel: 'persistentvolumeclaim',
} as const;

/** Pseudo and container-runtime filesystems that would only add noise to disk usage. */
const IGNORED_FSTYPES = 'tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs';
const IGNORED_NET_DEVICES = 'lo|veth.*|docker.*|br-.*|cni.*|flannel.*';

export interface InfrastructureQueries {
  /** Share of scrape targets up (0..1). */
  targetsUp: string;
  /** `up` per job and instance, for the target table. */
  upByTarget: string;
  /** CPU busy share per node (0..1). */
  nodeCpu: string;
  /** Memory in use per node (0..1), from MemAvailable. */
  nodeMemory: string;
  /** Fullest real filesystem per node (0..1). */
  nodeDisk: string;
  nodeNetworkReceive: string;
  nodeNetworkTransmit: string;
  /** CPU cores per container. */
  containerCpu: string;
  /** Working set per container, bytes. */
  containerMemory: string;
  /** Working set as a share of the limit, for containers that have one (0..1). */
  containerMemoryOfLimit: string;
  /** Used share of each persistent volume claim (0..1). */
  volumeUsage: string;
}

export function infrastructureQueries(): InfrastructureQueries {
  const node: LabelMatcher = { label: NODE_EXPORTER.nodeLabel, variable: VAR_NODE_EXPR };
  const perNode = [NODE_EXPORTER.nodeLabel];
  const fs: LabelMatcher[] = [node, { label: 'fstype', notPattern: IGNORED_FSTYPES }];
  const net = (metric: string) =>
    aggregate('sum', perNode, rate(selector(metric, [node, { label: 'device', notPattern: IGNORED_NET_DEVICES }])));
  // cAdvisor also reports pod-level (container="") and pause-container ("POD") series; skip both.
  const container: LabelMatcher[] = [
    { label: 'namespace', variable: VAR_NAMESPACE_EXPR },
    { label: 'container', notPattern: '|POD' },
  ];
  const perContainer = ['namespace', 'pod', 'container'];
  const workingSet = aggregate('sum', perContainer, selector('container_memory_working_set_bytes', container));
  const limit = aggregate('sum', perContainer, selector('container_spec_memory_limit_bytes', container));
  return {
    targetsUp: 'avg(up)',
    upByTarget: aggregate('max', ['job', 'instance'], 'up'),
    nodeCpu: `1 - ${aggregate('avg', perNode, rate(selector(NODE_EXPORTER.cpuSeconds, [node, { label: 'mode', equals: 'idle' }])))}`,
    nodeMemory: `1 - (${aggregate('sum', perNode, selector(NODE_EXPORTER.memAvailable, [node]))} / ${aggregate(
      'sum',
      perNode,
      selector(NODE_EXPORTER.memTotal, [node])
    )})`,
    nodeDisk: aggregate(
      'max',
      perNode,
      `1 - (${selector(NODE_EXPORTER.fsAvail, fs)} / ${selector(NODE_EXPORTER.fsSize, fs)})`
    ),
    nodeNetworkReceive: net(NODE_EXPORTER.netReceive),
    nodeNetworkTransmit: net(NODE_EXPORTER.netTransmit),
    containerCpu: aggregate('sum', perContainer, rate(selector('container_cpu_usage_seconds_total', container))),
    containerMemory: workingSet,
    // `> 0` drops containers without a limit (cAdvisor reports 0) instead of dividing by zero.
    containerMemoryOfLimit: `${workingSet} / (${limit} > 0)`,
    volumeUsage: aggregate(
      'max',
      ['namespace', KUBELET_VOLUME.claimLabel],
      `${selector(KUBELET_VOLUME.used, [{ label: 'namespace', variable: VAR_NAMESPACE_EXPR }])} / ${selector(
        KUBELET_VOLUME.capacity,
        [{ label: 'namespace', variable: VAR_NAMESPACE_EXPR }]
      )}`
    ),
  };
}

export function infrastructureVariableQueries() {
  return {
    node: {
      selector: NODE_EXPORTER.cpuSeconds,
      label: NODE_EXPORTER.nodeLabel,
      query: `label_values(${NODE_EXPORTER.cpuSeconds}, ${NODE_EXPORTER.nodeLabel})`,
    },
    namespace: {
      selector: 'container_cpu_usage_seconds_total',
      label: 'namespace',
      query: 'label_values(container_cpu_usage_seconds_total, namespace)',
    },
  };
}
