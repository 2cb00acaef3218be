/**
 * The cluster under the demo's services: named nodes (node-exporter shapes), where each pod runs,
 * the Kubernetes object state kube-state-metrics would report, and cAdvisor's CFS throttling. Like
 * the request series, every value is a closed-form function of (seed, t), so the live scrape and the
 * 14-day history are one signal; counters are integrals of cosine series (cosineSeries.ts).
 *
 * Bottlenecks are explicit (`Bottlenecks`): a daily batch job that saturates one node's disk, and
 * optionally a pod whose CPU limit is too low. Each says what it does to the node or container and,
 * separately, how much slower it makes the requests of the pods it touches (`latencySlowShare`, read
 * by model.ts), so a test can turn the cause on without the effect or the other way round.
 */
import {
  type CosineSeries,
  type RecurringWindow,
  add,
  constant,
  evaluate,
  inWindow,
  multiply,
  scale,
  windowedIntegral,
} from './cosineSeries';
import { DAY, DEMO_EPOCH_SECONDS, HOUR, MINUTE, dailyPeakSeconds, dippedIntegral, holidayDip } from './load';
import { between, hashString, seededDraws, unit } from './random';
import type { Instance, Service } from './topology';

export interface ClusterNode {
  /** node-exporter's `instance` (relabelled to the node name, as kube-prometheus does) and kube-state-metrics' `node`. */
  name: string;
  cores: number;
  memoryBytes: number;
  diskBytes: number;
  /** Cores busy with everything on the node at average load (system daemons, other tenants' pods). */
  backgroundCores: number;
  /** Share of CPU time the hypervisor gives to other guests. */
  stealShare: number;
  /** Receive errors per second on the NIC (a flaky cable on one node). */
  receiveErrorsPerSecond: number;
}

export const NODE_NAMES = ['worker-1', 'worker-2', 'worker-3'] as const;
export const NODE_DISK_DEVICE = 'nvme0n1';
export const NODE_NET_DEVICE = 'eth0';
export const DEMO_NAMESPACE = 'demo';
export const BATCH_NAMESPACE = 'batch';

/**
 * A daily batch job (a reindex/compaction) that saturates one node's disk in bursts while it runs.
 * Bursts, not one long stretch: a single step shared by two series is one coincidence however many
 * minutes it lasts, and no honest statistic can tell it from chance; dozens of bursts at irregular
 * times that the slow minutes follow are evidence (the finder on the Service Deep-Dive needs it).
 */
export interface DiskBatchJob {
  node: string;
  /** The pod kube-state-metrics shows: Pending just before the window, Running in it, Succeeded after. */
  pod: string;
  /** Daily; offset is seconds after midnight UTC of the demo epoch. */
  window: RecurringWindow;
  /** The I/O bursts inside `window` (daily, the same minutes every night: the job's own rhythm). */
  bursts: RecurringWindow[];
  /** Disk busy share the job adds (io_time rate), near saturation. */
  diskBusyShare: number;
  /** Cores stuck in I/O wait while it runs. */
  iowaitCores: number;
  /** Extra reads/writes per second and their latency (seconds) while it runs. */
  readsPerSecond: number;
  writesPerSecond: number;
  readAwaitSeconds: number;
  writeAwaitSeconds: number;
  /** Extra share of slow requests for every pod on the node during a burst (0: no effect). */
  latencySlowShare: number;
}

/** The job's time cut into 10-minute slots; about half hold a burst of 4–10 minutes. */
const BURST_SLOT_SECONDS = 10 * MINUTE;

/** Irregular daily bursts within `window`, drawn from the seed. */
export function burstsWithin(seed: number, window: RecurringWindow): RecurringWindow[] {
  const draw = seededDraws(seed);
  const bursts: RecurringWindow[] = [];
  for (
    let slot = window.offset;
    slot + BURST_SLOT_SECONDS <= window.offset + window.duration;
    slot += BURST_SLOT_SECONDS
  ) {
    if (draw(`batch.burst.${slot}`) < 0.5) {
      continue;
    }
    const delay = Math.floor(between(draw(`batch.burst.${slot}.delay`), 0, 3)) * MINUTE;
    const duration = Math.floor(between(draw(`batch.burst.${slot}.length`), 4, 8)) * MINUTE;
    bursts.push({ offset: slot + delay, period: window.period, duration });
  }
  return bursts;
}

/** A pod whose CPU limit is too low: CFS throttles it around the daily peak. */
export interface CpuLimitTooLow {
  pod: string;
  limitCores: number;
  /** Share of CFS periods throttled at the daily peak. */
  peakThrottledShare: number;
  /** Extra share of slow requests on this pod at the daily peak (0: no effect). */
  latencySlowShare: number;
}

export interface Bottlenecks {
  diskBatch?: DiskBatchJob;
  cpuLimit?: CpuLimitTooLow;
}

/** Every container's CFS periods are throttled this much at the daily peak (bursty request handling). */
const NORMAL_PEAK_THROTTLED_SHARE = 0.01;
const BASE_THROTTLED_SHARE = 0.001;
/** CFS periods a busy container runs per second of load (10 periods of 100 ms a second, 60 % runnable). */
const CFS_PERIODS_PER_SECOND = 6;
/** Pod is not ready for this long after each container restart. */
export const NOT_READY_AFTER_RESTART_SECONDS = 90;
/** The batch job's pod waits for scheduling this long before its window. */
export const BATCH_PENDING_SECONDS = 4 * MINUTE;

/**
 * The default bottleneck: the nightly batch job on worker-3, from about midnight UTC for 8 hours,
 * hitting the disk in irregular bursts. It shows on the node (I/O wait, disk utilisation and latency)
 * and slows the pods on that node during each burst (payments-1, catalog-0, search-1): the known cause the Service Deep-Dive's "What moves with latency" must find.
 */
export function defaultBottlenecks(seed: number): Bottlenecks {
  const draw = seededDraws(seed);
  const window = { offset: Math.floor(between(draw('batch.start'), 0, 30)) * MINUTE, period: DAY, duration: 8 * HOUR };
  return {
    diskBatch: {
      node: 'worker-3',
      pod: 'nightly-reindex',
      window,
      bursts: burstsWithin(seed, window),
      diskBusyShare: 0.9,
      iowaitCores: 1.1,
      readsPerSecond: 350,
      writesPerSecond: 900,
      readAwaitSeconds: 0.018,
      writeAwaitSeconds: 0.035,
      latencySlowShare: 0.35,
    },
  };
}

export function buildNodes(seed: number): ClusterNode[] {
  const draw = seededDraws(seed);
  return NODE_NAMES.map((name, i) => ({
    name,
    cores: 4,
    memoryBytes: 16 * 1024 ** 3,
    diskBytes: 100 * 1024 ** 3,
    backgroundCores: between(draw(`${name}.background`), 0.8, 1.4),
    // worker-2 shares its host with a noisy neighbour; worker-1 has a flaky NIC.
    stealShare: i === 1 ? 0.04 : 0.002,
    receiveErrorsPerSecond: i === 0 ? 0.02 : 0,
  }));
}

/**
 * Stable replicas spread over the nodes as the scheduler's anti-affinity would: service i, replica k →
 * node (i + k) mod n. A canary pod runs on the node of the service's second stable replica (the first
 * when there is one), so a canary analysis compares versions on nodes the stable track also runs on:
 * never on a node of its own whose neighbours (the nightly batch job) would be judged as the canary.
 */
export function placePods(services: Service[], nodes: ClusterNode[]): Map<string, string> {
  const placement = new Map<string, string>();
  services.forEach((service, i) => {
    const stable = service.instances.filter((instance) => instance.track !== 'canary');
    stable.forEach((instance, k) => placement.set(instance.name, nodes[(i + k) % nodes.length].name));
    const beside = nodes[(i + Math.min(1, stable.length - 1)) % nodes.length].name;
    service.instances
      .filter((instance) => instance.track === 'canary')
      .forEach((instance) => placement.set(instance.name, beside));
  });
  return placement;
}

export interface NodeValue {
  /** CPU seconds per mode, summed over cores (split per core at exposition). */
  cpuSeconds: Record<CpuMode, number>;
  load1: number;
  memoryAvailableBytes: number;
  filesystemAvailBytes: number;
  diskIoTimeSeconds: number;
  diskReadsCompleted: number;
  diskWritesCompleted: number;
  diskReadTimeSeconds: number;
  diskWriteTimeSeconds: number;
  diskReadBytes: number;
  diskWrittenBytes: number;
  networkReceiveBytes: number;
  networkTransmitBytes: number;
  networkReceiveErrors: number;
  networkTransmitErrors: number;
}

export const CPU_MODES = ['user', 'system', 'iowait', 'steal', 'softirq', 'idle'] as const;
export type CpuMode = (typeof CPU_MODES)[number];

export interface ClusterModel {
  nodes: ClusterNode[];
  /** Pod name → node name. */
  placement: Map<string, string>;
  bottlenecks: Bottlenecks;
  nodeAt(node: ClusterNode, t: number): NodeValue;
  /** CFS periods and throttled periods of a pod's container. */
  throttlingAt(instance: Instance, t: number): { periods: number; throttledPeriods: number; throttledSeconds: number };
  /** CPU limit of a pod in cores (the too-low one, or the default). */
  cpuLimitCores(instance: Instance, defaultCores: number): number;
  /** Extra slow-request share of a pod over time, as a cosine series and windows (for model.ts). */
  slowdownOf(instance: Instance): {
    pulse: CosineSeries | undefined;
    windows: Array<{ window: RecurringWindow; share: number }>;
  };
  batchPhaseAt(t: number): 'Pending' | 'Running' | 'Succeeded' | undefined;
}

export function createCluster(
  seed: number,
  services: Service[],
  load: CosineSeries,
  bottlenecks: Bottlenecks
): ClusterModel {
  const nodes = buildNodes(seed);
  const placement = placePods(services, nodes);
  const dip = holidayDip();
  const batch = bottlenecks.diskBatch;
  if (batch && !nodes.some((n) => n.name === batch.node)) {
    throw new Error(`the disk batch job's node "${batch.node}" is not one of ${NODE_NAMES.join(', ')}`);
  }
  const cpuLimit = bottlenecks.cpuLimit;
  if (cpuLimit && !placement.has(cpuLimit.pod)) {
    throw new Error(`the CPU-limited pod "${cpuLimit.pod}" is not one of the demo's pods`);
  }
  if (cpuLimit && !(cpuLimit.peakThrottledShare >= 0 && cpuLimit.peakThrottledShare <= 0.99)) {
    // Throttled periods are a share of all periods; the base share comes on top of the peak.
    throw new Error(`peakThrottledShare must be between 0 and 0.99, got ${cpuLimit.peakThrottledShare}`);
  }
  const loadIntegral = (tau: number) => dippedIntegral(load, dip, tau);
  const peakPulse = dailyPulse(dailyPeakSeconds(seed));
  const loadTimesPulse = multiply(load, peakPulse);
  const one = constant(1);

  const nodeAt = (node: ClusterNode, t: number): NodeValue => {
    const tau = t - DEMO_EPOCH_SECONDS;
    const L = loadIntegral(tau);
    const onBatch = batch?.node === node.name ? batch : undefined;
    const batchSeconds = onBatch
      ? onBatch.bursts.reduce((sum, burst) => sum + windowedIntegral(one, burst, tau), 0)
      : 0;
    const inBatch = onBatch ? onBatch.bursts.some((burst) => inWindow(burst, tau)) : false;
    const busy = node.backgroundCores * L;
    const iowait = 0.01 * node.cores * tau + (onBatch ? onBatch.iowaitCores * batchSeconds : 0);
    const steal = node.stealShare * node.cores * tau;
    const softirq = 0.03 * busy;
    const system = 0.22 * busy + (onBatch ? 0.15 * batchSeconds : 0);
    const user = 0.75 * busy;
    const idle = node.cores * tau - user - system - iowait - steal - softirq;
    const noise = (key: string, period: number) =>
      2 * unit(hashString(`${seed}:${node.name}:${key}`), Math.floor(t / period)) - 1;
    const loadNow = evaluate(load, tau);
    const reads = 40 * L + (onBatch ? onBatch.readsPerSecond * batchSeconds : 0);
    const writes = 70 * L + (onBatch ? onBatch.writesPerSecond * batchSeconds : 0);
    const sinceMidnight = ((tau % DAY) + DAY) % DAY;
    return {
      cpuSeconds: { user, system, iowait, steal, softirq, idle },
      load1: round2(
        Math.max(0, node.backgroundCores * loadNow * 1.1 + (inBatch ? 3.5 : 0) + 0.15 * noise('load1', 15))
      ),
      memoryAvailableBytes: Math.round(node.memoryBytes * (0.58 - 0.08 * (loadNow - 1) + 0.01 * noise('mem', 15))),
      // Logs and caches grow through the day and are rotated at midnight.
      filesystemAvailBytes: Math.round(
        node.diskBytes * (1 - 0.42 - 0.08 * (sinceMidnight / DAY)) + 4096 * Math.round(1000 * noise('fs', HOUR))
      ),
      diskIoTimeSeconds: round3(0.02 * tau + 0.04 * L + (onBatch ? onBatch.diskBusyShare * batchSeconds : 0)),
      diskReadsCompleted: Math.floor(reads),
      diskWritesCompleted: Math.floor(writes),
      diskReadTimeSeconds: round3(
        0.0006 * 40 * L + (onBatch ? onBatch.readAwaitSeconds * onBatch.readsPerSecond * batchSeconds : 0)
      ),
      diskWriteTimeSeconds: round3(
        0.0012 * 70 * L + (onBatch ? onBatch.writeAwaitSeconds * onBatch.writesPerSecond * batchSeconds : 0)
      ),
      diskReadBytes: Math.floor(reads) * 16384,
      diskWrittenBytes: Math.floor(writes) * 32768,
      networkReceiveBytes: Math.floor(1.8e6 * node.backgroundCores * L),
      networkTransmitBytes: Math.floor(1.2e6 * node.backgroundCores * L),
      networkReceiveErrors: Math.floor(node.receiveErrorsPerSecond * tau),
      networkTransmitErrors: 0,
    };
  };

  const throttlingAt = (instance: Instance, t: number) => {
    const tau = t - DEMO_EPOCH_SECONDS;
    // Busier containers run in more periods and burst into their quota more often.
    const busyness = between(unit(hashString(`${seed}:${instance.name}:cfs`), 0), 0.6, 1.4);
    const peak = cpuLimit?.pod === instance.name ? cpuLimit.peakThrottledShare : NORMAL_PEAK_THROTTLED_SHARE * busyness;
    const perSecond = CFS_PERIODS_PER_SECOND * busyness;
    const periods = perSecond * loadIntegral(tau);
    const throttled =
      perSecond * (BASE_THROTTLED_SHARE * loadIntegral(tau) + peak * dippedIntegral(loadTimesPulse, dip, tau));
    // A throttled period loses the rest of its 100 ms slice: on average about 40 ms.
    return {
      periods: Math.floor(periods),
      throttledPeriods: Math.floor(throttled),
      throttledSeconds: round3(0.04 * throttled),
    };
  };

  return {
    nodes,
    placement,
    bottlenecks,
    nodeAt,
    throttlingAt,
    cpuLimitCores: (instance, defaultCores) => (cpuLimit?.pod === instance.name ? cpuLimit.limitCores : defaultCores),
    slowdownOf: (instance) => ({
      pulse:
        cpuLimit?.pod === instance.name && cpuLimit.latencySlowShare > 0
          ? scale(peakPulse, cpuLimit.latencySlowShare)
          : undefined,
      windows:
        batch && batch.latencySlowShare > 0 && placement.get(instance.name) === batch.node
          ? batch.bursts.map((window) => ({ window, share: batch.latencySlowShare }))
          : [],
    }),
    batchPhaseAt: (t) => {
      if (!batch) {
        return undefined;
      }
      const tau = t - DEMO_EPOCH_SECONDS;
      if (inWindow(batch.window, tau)) {
        return 'Running';
      }
      const pending: RecurringWindow = {
        ...batch.window,
        offset: batch.window.offset - BATCH_PENDING_SECONDS,
        duration: BATCH_PENDING_SECONDS,
      };
      return inWindow(pending, tau) ? 'Pending' : 'Succeeded';
    },
  };
}

/**
 * ((1 + cos(ω(τ − peak))) / 2)⁴ written out as a cosine series: 1 at the daily peak, 0.53 three hours
 * either side, 0.06 six hours away, 0 at the opposite time of day — a smooth "around the peak" that
 * keeps counters closed-form.
 */
export function dailyPulse(peakSeconds: number): CosineSeries {
  const omega = (2 * Math.PI) / DAY;
  const coefficients = [35, 56, 28, 8, 1];
  return add(
    ...coefficients.map((c, k) =>
      k === 0 ? constant(c / 128) : [{ amp: c / 128, omega: k * omega, phase: -k * omega * peakSeconds }]
    )
  );
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
