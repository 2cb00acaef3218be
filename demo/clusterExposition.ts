/**
 * The cluster's metric families under the names the real exporters use: node-exporter (per node,
 * `instance` = node name as kube-prometheus relabels it), kube-state-metrics (pods, deployments,
 * nodes) and cAdvisor's CFS throttling, so the app's queries work unchanged on a real cluster.
 */
import { type ClusterNode, type CpuMode, type NodeValue, BATCH_NAMESPACE, CPU_MODES, DEMO_NAMESPACE, NODE_DISK_DEVICE, NODE_NET_DEVICE } from './cluster';
import { type Family, type Labels, type Line, type Snapshot, sampleKey } from './families';
import type { DemoModel, PodValue } from './model';

/** node-exporter splits CPU time per core; the demo gives each core a fixed share of the node's time. */
function coreWeights(cores: number): number[] {
  const raw = Array.from({ length: cores }, (_, c) => 1 + 0.15 * Math.cos(c));
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

export function nodeFamilies(model: DemoModel): Family[] {
  const nodes = model.cluster.nodes;
  const perNode = (name: string, pick: (n: NodeValue, node: ClusterNode) => number, extra: Labels = []): Line[] =>
    nodes.map((node, i) => ({ key: sampleKey(name, [['instance', node.name], ...extra]), value: (snap: Snapshot) => pick(snap.nodes[i], node) }));
  const cpuLines: Line[] = [];
  nodes.forEach((node, i) => {
    coreWeights(node.cores).forEach((weight, core) => {
      for (const mode of CPU_MODES) {
        cpuLines.push({
          key: sampleKey('node_cpu_seconds_total', [['instance', node.name], ['cpu', String(core)], ['mode', mode]]),
          // Busy modes are split by weight; idle is each core's wall time minus its busy share, so per
          // core the modes add up to the elapsed time as on a real host.
          value: (snap) => round3(coreSeconds(snap.nodes[i].cpuSeconds, mode, weight, node.cores)),
        });
      }
    });
  });
  const disk: Labels = [['device', NODE_DISK_DEVICE]];
  const fs: Labels = [
    ['device', `/dev/${NODE_DISK_DEVICE}p1`],
    ['fstype', 'ext4'],
    ['mountpoint', '/'],
  ];
  const net: Labels = [['device', NODE_NET_DEVICE]];
  const counter = (name: string, help: string, lines: Line[]): Family => ({ name, type: 'counter', help, lines });
  const gauge = (name: string, help: string, lines: Line[]): Family => ({ name, type: 'gauge', help, lines });
  return [
    counter('node_cpu_seconds', 'Seconds the CPUs spent in each mode (node-exporter).', cpuLines),
    gauge('node_load1', '1m load average (node-exporter).', perNode('node_load1', (n) => n.load1)),
    gauge('node_memory_MemTotal_bytes', 'Memory information field MemTotal_bytes (node-exporter).', perNode('node_memory_MemTotal_bytes', (_, node) => node.memoryBytes)),
    gauge('node_memory_MemAvailable_bytes', 'Memory information field MemAvailable_bytes (node-exporter).', perNode('node_memory_MemAvailable_bytes', (n) => n.memoryAvailableBytes)),
    gauge('node_filesystem_size_bytes', 'Filesystem size in bytes (node-exporter).', perNode('node_filesystem_size_bytes', (_, node) => node.diskBytes, fs)),
    gauge('node_filesystem_avail_bytes', 'Filesystem space available to non-root users in bytes (node-exporter).', perNode('node_filesystem_avail_bytes', (n) => n.filesystemAvailBytes, fs)),
    counter('node_disk_io_time_seconds', 'Total seconds spent doing I/Os (node-exporter).', perNode('node_disk_io_time_seconds_total', (n) => n.diskIoTimeSeconds, disk)),
    counter('node_disk_reads_completed', 'The total number of reads completed successfully (node-exporter).', perNode('node_disk_reads_completed_total', (n) => n.diskReadsCompleted, disk)),
    counter('node_disk_writes_completed', 'The total number of writes completed successfully (node-exporter).', perNode('node_disk_writes_completed_total', (n) => n.diskWritesCompleted, disk)),
    counter('node_disk_read_time_seconds', 'The total number of seconds spent by all reads (node-exporter).', perNode('node_disk_read_time_seconds_total', (n) => n.diskReadTimeSeconds, disk)),
    counter('node_disk_write_time_seconds', 'This is the total number of seconds spent by all writes (node-exporter).', perNode('node_disk_write_time_seconds_total', (n) => n.diskWriteTimeSeconds, disk)),
    counter('node_disk_read_bytes', 'The total number of bytes read successfully (node-exporter).', perNode('node_disk_read_bytes_total', (n) => n.diskReadBytes, disk)),
    counter('node_disk_written_bytes', 'The total number of bytes written successfully (node-exporter).', perNode('node_disk_written_bytes_total', (n) => n.diskWrittenBytes, disk)),
    counter('node_network_receive_bytes', 'Network device statistic receive_bytes (node-exporter).', perNode('node_network_receive_bytes_total', (n) => n.networkReceiveBytes, net)),
    counter('node_network_transmit_bytes', 'Network device statistic transmit_bytes (node-exporter).', perNode('node_network_transmit_bytes_total', (n) => n.networkTransmitBytes, net)),
    counter('node_network_receive_errs', 'Network device statistic receive_errs (node-exporter).', perNode('node_network_receive_errs_total', (n) => n.networkReceiveErrors, net)),
    counter('node_network_transmit_errs', 'Network device statistic transmit_errs (node-exporter).', perNode('node_network_transmit_errs_total', (n) => n.networkTransmitErrors, net)),
  ];
}

function coreSeconds(total: Record<CpuMode, number>, mode: CpuMode, weight: number, cores: number): number {
  if (mode !== 'idle') {
    return total[mode] * weight;
  }
  const busy = CPU_MODES.filter((m) => m !== 'idle').reduce((sum, m) => sum + total[m], 0);
  const wall = (total.idle + busy) / cores;
  return wall - busy * weight;
}

/** cAdvisor's CFS counters for every demo container (same labels as the other container_* series). */
export function throttlingFamilies(model: DemoModel): Family[] {
  const perPod = (name: string, pick: (p: PodValue) => number): Line[] =>
    model.pods.map((pod, i) => ({
      key: sampleKey(name, [
        ['namespace', DEMO_NAMESPACE],
        ['pod', pod.instance.name],
        ['container', pod.service.name],
      ]),
      value: (snap) => pick(snap.pods[i]),
    }));
  return [
    { name: 'container_cpu_cfs_periods', type: 'counter', help: 'Number of elapsed enforcement period intervals (cAdvisor).', lines: perPod('container_cpu_cfs_periods_total', (p) => p.cfsPeriods) },
    { name: 'container_cpu_cfs_throttled_periods', type: 'counter', help: 'Number of throttled period intervals (cAdvisor).', lines: perPod('container_cpu_cfs_throttled_periods_total', (p) => p.cfsThrottledPeriods) },
    { name: 'container_cpu_cfs_throttled_seconds', type: 'counter', help: 'Total time duration the container has been throttled (cAdvisor).', lines: perPod('container_cpu_cfs_throttled_seconds_total', (p) => p.cfsThrottledSeconds) },
  ];
}

const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
const NODE_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'] as const;
const STATUSES = ['true', 'false', 'unknown'] as const;

/** The deployment a pod belongs to: `<service>` for stable pods, `<service>-canary` for the canary. */
export function deploymentOf(pod: { service: { name: string }; instance: { track: string } }): string {
  return pod.instance.track === 'canary' ? `${pod.service.name}-canary` : pod.service.name;
}

/** kube-state-metrics: pod placement, phase, readiness and restarts; deployments; node conditions. */
export function kubeStateFamilies(model: DemoModel): Family[] {
  const { cluster } = model;
  const podLabels = (i: number): Labels => [
    ['namespace', DEMO_NAMESPACE],
    ['pod', model.pods[i].instance.name],
  ];
  const batch = cluster.bottlenecks.diskBatch;
  const info: Line[] = model.pods.map((pod, i) => ({
    key: sampleKey('kube_pod_info', [...podLabels(i), ['node', cluster.placement.get(pod.instance.name) ?? ''], ['created_by_kind', 'ReplicaSet'], ['created_by_name', deploymentOf(pod)]]),
    value: () => 1,
  }));
  const ready: Line[] = [];
  const phase: Line[] = [];
  model.pods.forEach((_, i) => {
    for (const status of STATUSES) {
      ready.push({
        key: sampleKey('kube_pod_status_ready', [...podLabels(i), ['condition', status]]),
        value: (snap) => (status === 'unknown' ? 0 : Number(snap.pods[i].ready === (status === 'true'))),
      });
    }
    for (const p of POD_PHASES) {
      phase.push({ key: sampleKey('kube_pod_status_phase', [...podLabels(i), ['phase', p]]), value: () => Number(p === 'Running') });
    }
  });
  if (batch) {
    const labels: Labels = [
      ['namespace', BATCH_NAMESPACE],
      ['pod', batch.pod],
    ];
    info.push({ key: sampleKey('kube_pod_info', [...labels, ['node', batch.node], ['created_by_kind', 'Job'], ['created_by_name', batch.pod]]), value: () => 1 });
    for (const p of POD_PHASES) {
      phase.push({ key: sampleKey('kube_pod_status_phase', [...labels, ['phase', p]]), value: (snap) => Number(snap.batchPhase === p) });
    }
    for (const status of STATUSES) {
      ready.push({
        key: sampleKey('kube_pod_status_ready', [...labels, ['condition', status]]),
        value: (snap) => (status === 'unknown' ? 0 : Number((snap.batchPhase === 'Running') === (status === 'true'))),
      });
    }
  }
  const restarts: Line[] = model.pods.map((pod, i) => ({
    key: sampleKey('kube_pod_container_status_restarts_total', [...podLabels(i), ['container', pod.service.name]]),
    value: (snap) => snap.pods[i].restarts,
  }));
  // Why each container last stopped. The demo's restarts end a slow leak well below the memory limit
  // (a liveness-probe kill, "Error"), so it has no OOM kill: the OOM queries read this family's names.
  const lastTerminated: Line[] = model.pods.map((pod, i) => ({
    key: sampleKey('kube_pod_container_status_last_terminated_reason', [...podLabels(i), ['container', pod.service.name], ['reason', 'Error']]),
    value: (snap) => Number(snap.pods[i].restarts > 0),
  }));
  const deployments = [...new Set(model.pods.map(deploymentOf))];
  const podsOf = (deployment: string) => model.pods.flatMap((pod, i) => (deploymentOf(pod) === deployment ? [i] : []));
  const perDeployment = (name: string, pick: (snap: Snapshot, pods: number[]) => number): Line[] =>
    deployments.map((deployment) => {
      const pods = podsOf(deployment);
      return { key: sampleKey(name, [['namespace', DEMO_NAMESPACE], ['deployment', deployment]]), value: (snap) => pick(snap, pods) };
    });
  const readyCount = (snap: Snapshot, pods: number[]) => pods.filter((i) => snap.pods[i].ready).length;
  const conditions: Line[] = [];
  for (const node of cluster.nodes) {
    for (const condition of NODE_CONDITIONS) {
      for (const status of STATUSES) {
        const healthy = condition === 'Ready' ? 'true' : 'false';
        conditions.push({
          key: sampleKey('kube_node_status_condition', [['node', node.name], ['condition', condition], ['status', status]]),
          value: () => Number(status === healthy),
        });
      }
    }
  }
  const gauge = (name: string, help: string, lines: Line[]): Family => ({ name, type: 'gauge', help, lines });
  return [
    gauge('kube_pod_info', 'Information about pod (kube-state-metrics).', info),
    gauge('kube_pod_status_ready', 'Describes whether the pod is ready to serve requests (kube-state-metrics).', ready),
    gauge('kube_pod_status_phase', 'The pods current phase (kube-state-metrics).', phase),
    gauge('kube_pod_container_status_last_terminated_reason', 'Describes the last reason the container was in terminated state (kube-state-metrics).', lastTerminated),
    { name: 'kube_pod_container_status_restarts', type: 'counter', help: 'The number of container restarts per container (kube-state-metrics).', lines: restarts },
    gauge('kube_deployment_spec_replicas', 'Number of desired pods for a deployment (kube-state-metrics).', perDeployment('kube_deployment_spec_replicas', (_, pods) => pods.length)),
    gauge('kube_deployment_status_replicas_available', 'The number of available replicas per deployment (kube-state-metrics).', perDeployment('kube_deployment_status_replicas_available', readyCount)),
    gauge('kube_deployment_status_replicas_unavailable', 'The number of unavailable replicas per deployment (kube-state-metrics).', perDeployment('kube_deployment_status_replicas_unavailable', (snap, pods) => pods.length - readyCount(snap, pods))),
    gauge('kube_node_status_condition', 'The condition of a cluster node (kube-state-metrics).', conditions),
  ];
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
