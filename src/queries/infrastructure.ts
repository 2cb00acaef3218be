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
  netReceiveErrors: 'node_network_receive_errs_total',
  netTransmitErrors: 'node_network_transmit_errs_total',
  load1: 'node_load1',
  diskIoTime: 'node_disk_io_time_seconds_total',
  diskReads: 'node_disk_reads_completed_total',
  diskWrites: 'node_disk_writes_completed_total',
  diskReadTime: 'node_disk_read_time_seconds_total',
  diskWriteTime: 'node_disk_write_time_seconds_total',
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
/** Loop, RAM and device-mapper/partition duplicates: the physical disks are what saturate. */
const IGNORED_DISK_DEVICES = 'loop.*|ram.*|dm-.*|sr.*';

export interface InfrastructureQueries {
  /** Share of scrape targets up (0..1). */
  targetsUp: string;
  /** `up` per job and instance, for the target table. */
  upByTarget: string;
  /** CPU busy share per node (0..1). */
  nodeCpu: string;
  /** Share of CPU time in I/O wait and stolen by the hypervisor, per node and mode (0..1). */
  nodeCpuWaitSteal: string;
  /** 1-minute load average per CPU core: above 1 means work is queueing. */
  nodeLoadPerCore: string;
  /** Busiest disk's utilisation per node: share of time with I/O in flight (0..1). */
  nodeDiskUtilisation: string;
  /** Mean time per completed disk I/O (reads and writes), seconds, per node. */
  nodeDiskLatency: string;
  /** Network receive + transmit errors per second per node. */
  nodeNetworkErrors: string;
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
  const disk: LabelMatcher[] = [node, { label: 'device', notPattern: IGNORED_DISK_DEVICES }];
  const diskRate = (metric: string) => aggregate('sum', perNode, rate(selector(metric, disk)));
  const netDevice: LabelMatcher[] = [node, { label: 'device', notPattern: IGNORED_NET_DEVICES }];
  return {
    targetsUp: 'avg(up)',
    upByTarget: aggregate('max', ['job', 'instance'], 'up'),
    nodeCpu: `1 - ${aggregate('avg', perNode, rate(selector(NODE_EXPORTER.cpuSeconds, [node, { label: 'mode', equals: 'idle' }])))}`,
    // avg over the node's cores of each mode's rate is that mode's share of the node's CPU time.
    nodeCpuWaitSteal: aggregate(
      'avg',
      [NODE_EXPORTER.nodeLabel, 'mode'],
      rate(selector(NODE_EXPORTER.cpuSeconds, [node, { label: 'mode', pattern: 'iowait|steal' }]))
    ),
    nodeLoadPerCore: `${aggregate('sum', perNode, selector(NODE_EXPORTER.load1, [node]))} / ${aggregate(
      'count',
      perNode,
      selector(NODE_EXPORTER.cpuSeconds, [node, { label: 'mode', equals: 'idle' }])
    )}`,
    nodeDiskUtilisation: aggregate('max', perNode, rate(selector(NODE_EXPORTER.diskIoTime, disk))),
    // `> 0` leaves an idle node out instead of dividing by zero.
    nodeDiskLatency: `(${diskRate(NODE_EXPORTER.diskReadTime)} + ${diskRate(NODE_EXPORTER.diskWriteTime)}) / (${diskRate(
      NODE_EXPORTER.diskReads
    )} + ${diskRate(NODE_EXPORTER.diskWrites)} > 0)`,
    nodeNetworkErrors: `${aggregate('sum', perNode, rate(selector(NODE_EXPORTER.netReceiveErrors, netDevice)))} + ${aggregate(
      'sum',
      perNode,
      rate(selector(NODE_EXPORTER.netTransmitErrors, netDevice))
    )}`,
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
