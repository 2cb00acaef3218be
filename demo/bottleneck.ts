/**
 * The demo's known bottleneck, for the deep-dive's "What moves with latency" to find: a nightly batch
 * job on one node (00:30–06:30 UTC) writes in irregular bursts of 4–10 minutes that saturate the
 * node's disk and raise its I/O wait; the pods on that node (search's) take the slow path more often
 * while a burst runs. Bursts, not one long plateau: a single step shared by two series is one
 * coincidence however many minutes it lasts, while dozens of bursts at irregular times are evidence.
 * The bursts repeat every night at the same minutes (a job's schedule), so every counter stays a
 * closed-form sum of recurring windows (cosineSeries.ts) and live, 14-day and year histories agree.
 */
import { type CosineSeries, type RecurringWindow, constant, windowedIntegral } from './cosineSeries';
import { DAY, MINUTE } from './load';
import { between, seededDraws } from './random';

/** The pods that share the batch node's disk (the demo's bottlenecked service is search). */
export const BATCH_PODS: readonly string[] = ['search-0', 'search-1'];
/** When the batch runs, seconds after midnight UTC, and how its time is cut into bursts. */
const BATCH_START = 30 * MINUTE;
const BATCH_END = 6 * 3600 + 30 * MINUTE;
const SLOT = 10 * MINUTE;

/** While a burst runs: share of the node's CPU time in I/O wait, disk busy share, write latency. */
export const BURST = { iowaitShare: 0.35, diskBusyShare: 0.95, writesPerSecond: 180, writeLatencySeconds: 0.045 };
/** Extra share of a batch-node pod's requests that take the slow path during a burst. */
export const BURST_SLOW_SHARE = 0.3;

/** The night's bursts as daily recurring windows (τ = seconds since the demo epoch, a midnight). */
export function batchBursts(seed: number): RecurringWindow[] {
  const draw = seededDraws(seed);
  const windows: RecurringWindow[] = [];
  for (let start = BATCH_START; start < BATCH_END; start += SLOT) {
    if (draw(`batch.${start}.on`) < 0.5) {
      continue;
    }
    const offset = start + Math.floor(between(draw(`batch.${start}.delay`), 0, 3)) * MINUTE;
    const duration = Math.floor(between(draw(`batch.${start}.length`), 4, 10)) * MINUTE;
    windows.push({ offset, period: DAY, duration });
  }
  return windows;
}

/** ∫₀^τ series over the bursts: what a counter that moves only during bursts has counted. */
export function burstIntegral(bursts: readonly RecurringWindow[], series: CosineSeries, tau: number): number {
  let total = 0;
  for (const window of bursts) {
    total += windowedIntegral(series, window, tau);
  }
  return total;
}

/** Seconds of burst time since the epoch. */
export function burstSeconds(bursts: readonly RecurringWindow[], tau: number): number {
  return burstIntegral(bursts, constant(1), tau);
}

/** Counters to add to the batch node's node-exporter series (per node; spread over CPUs/devices as needed). */
export function batchNodeCounters(bursts: readonly RecurringWindow[], tau: number, cpus: number) {
  const busy = burstSeconds(bursts, tau);
  const writes = BURST.writesPerSecond * busy;
  return {
    /** node_cpu_seconds_total{mode="iowait"} summed over CPUs (take the same from idle). */
    iowaitSeconds: BURST.iowaitShare * cpus * busy,
    /** node_disk_io_time_seconds_total of the data disk. */
    diskIoSeconds: BURST.diskBusyShare * busy,
    /** node_disk_writes_completed_total and node_disk_write_time_seconds_total. */
    diskWrites: writes,
    diskWriteSeconds: writes * BURST.writeLatencySeconds,
  };
}

/** True while a burst runs (the demo's status endpoint). */
export function inBurst(bursts: readonly RecurringWindow[], tau: number): boolean {
  const ofDay = ((tau % DAY) + DAY) % DAY;
  return bursts.some((w) => ofDay >= w.offset && ofDay < w.offset + w.duration);
}
