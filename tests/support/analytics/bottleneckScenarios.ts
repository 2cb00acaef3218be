// Synthetic "what moves with latency" cases with a known answer, shared by the finder's unit tests and
// `npm run bench:bottleneck`. Every case is a few hours of minutes in which p95 and most candidates
// follow the same load (the confounder every real service has), plus, in known-cause cases, one
// signal that really drives p95.
import type { BottleneckRequest, CandidateSignal } from '../../../src/analytics';

import { gaussian, seededRandom } from './random';

/**
 * bursts: a batch job's irregular I/O bursts (4–10 min) that slow requests while they run;
 * driver: an exogenous autocorrelated signal (lock waits, a noisy neighbour) that p95 follows;
 * lagged: the same, acting two steps later; plateau: only two long stretches (one coincidence twice,
 * weak evidence by nature); none: nothing drives p95 but the load everyone shares;
 * callee: the p95 of the service's calls to another service (its own slow spells and incidents) drives
 * p95; indep-callee: the same callee with the same spells, but the service does not wait on it.
 */
export type CauseKind = 'bursts' | 'driver' | 'lagged' | 'plateau' | 'none' | 'callee' | 'indep-callee';
export const CAUSE_KINDS: readonly CauseKind[] = [
  'bursts',
  'driver',
  'lagged',
  'plateau',
  'none',
  'callee',
  'indep-callee',
];

/** Kinds in which nothing drives p95: any line shown is a false positive. */
export function hasCause(kind: CauseKind): boolean {
  return kind !== 'none' && kind !== 'indep-callee';
}

/** A called service's own slowness on top of the load it shares: lock waits, and a few incidents of 10–25 min. */
function calleeSlowness(random: () => number, n: number): number[] {
  const driver = ar1(random, n, 0.9).map((v) => 0.04 * Math.exp(0.6 * v));
  const incidents = 3 + Math.floor(random() * 3);
  const on: boolean[] = new Array(n).fill(false);
  for (let k = 0; k < incidents; k++) {
    const start = Math.floor(random() * n);
    const length = 10 + Math.floor(random() * 16);
    for (let i = start; i < Math.min(n, start + length); i++) {
      on[i] = true;
    }
  }
  return driver.map((d, i) => d + (on[i] ? 0.25 : 0));
}

export const CAUSE_ID = 'cause';
const STEP_MS = 60_000;
const START_MS = Date.UTC(2026, 0, 5, 10);

export interface Scenario {
  kind: CauseKind;
  seed: number;
  request: BottleneckRequest;
  /** The lag (steps) at which the cause acts, when there is one. */
  causeLag?: number;
}

/** AR(1) noise with unit marginal variance. */
function ar1(random: () => number, n: number, phi: number): number[] {
  const out: number[] = [];
  let v = gaussian(random);
  const innovation = Math.sqrt(1 - phi * phi);
  for (let i = 0; i < n; i++) {
    out.push(v);
    v = phi * v + innovation * gaussian(random);
  }
  return out;
}

function series(id: string, subject: string, signal: string, timestamps: number[], values: number[]): CandidateSignal {
  return { id, subject, signal, timestamps, values };
}

/**
 * One case: `minutes` points; the load is part of a daily cycle (a ramp or a hump), p95 follows it and
 * its own autocorrelated noise; candidates are load followers (CPU, node CPU, callee latency),
 * independent autocorrelated signals, a flat one, and the cause (for known-cause kinds).
 */
export function scenario(kind: CauseKind, seed: number, minutes = 360): Scenario {
  const random = seededRandom(seed * 7919 + CAUSE_KINDS.indexOf(kind));
  const n = minutes;
  const timestamps = Array.from({ length: n }, (_, i) => START_MS + i * STEP_MS);
  const phase = random() * 2 * Math.PI;
  const load = timestamps.map((_, i) => 1 + 0.4 * Math.cos(phase + (2 * Math.PI * i) / 1440));
  const traffic = load.map((l) => 20 * l * (1 + 0.03 * gaussian(random)));

  // The cause: a batch job's plateau (two windows), or an exogenous autocorrelated driver.
  let cause: number[] | undefined;
  let effect: number[] = new Array(n).fill(0);
  let causeLag: number | undefined;
  let callee: number[] | undefined;
  if (kind === 'bursts') {
    const on: boolean[] = new Array(n).fill(false);
    for (let slot = 0; slot < n; slot += 10) {
      if (random() < 0.5) {
        const start = slot + Math.floor(random() * 3);
        const length = 4 + Math.floor(random() * 7);
        for (let i = start; i < Math.min(n, start + length); i++) {
          on[i] = true;
        }
      }
    }
    cause = on.map((o) => 0.05 + (o ? 0.3 : 0) + 0.02 * Math.abs(gaussian(random)));
    effect = on.map((o) => (o ? 0.05 : 0));
    causeLag = 0;
  } else if (kind === 'plateau') {
    const width = 40 + Math.floor(random() * 30);
    const starts = [Math.floor(random() * (n / 2 - width)), Math.floor(n / 2 + random() * (n / 2 - width))];
    const on = timestamps.map((_, i) => starts.some((s) => i >= s && i < s + width));
    cause = on.map((o) => 0.05 + (o ? 0.35 : 0) + 0.02 * Math.abs(gaussian(random)));
    effect = on.map((o) => (o ? 0.08 : 0));
    causeLag = 0;
  } else if (kind === 'driver' || kind === 'lagged') {
    causeLag = kind === 'lagged' ? 2 : 0;
    const driver = ar1(random, n, 0.9).map((v) => Math.exp(0.6 * v));
    cause = driver;
    effect = driver.map((_, i) => {
      const j = i - (causeLag ?? 0);
      return j >= 0 ? 0.04 * driver[j] : 0.04;
    });
  } else if (kind === 'callee' || kind === 'indep-callee') {
    // The callee's p95 as its caller sees it: its share of the load plus its own slowness. A third of
    // the caller's requests wait on it, so a third of its excess shows in the caller's p95 (or none).
    const slowness = calleeSlowness(random, n);
    const measured = ar1(random, n, 0.3);
    callee = load.map((l, i) => 0.1 * l + slowness[i] + 0.01 * measured[i]);
    if (kind === 'callee') {
      cause = callee;
      effect = slowness.map((v) => v / 3);
      causeLag = 0;
    }
  }

  const noise = ar1(random, n, 0.6);
  const p95 = load.map((l, i) => 0.2 + 0.1 * (l - 1) + effect[i] + 0.012 * noise[i]);

  const follower = (scale: number, phi: number, sd: number) => {
    const wobble = ar1(random, n, phi);
    return load.map((l, i) => scale * l + sd * scale * wobble[i]);
  };
  const independent = (phi: number) => ar1(random, n, phi).map((v) => 10 + v);
  const candidates: CandidateSignal[] = [
    series('cpu-0', 'svc-0', 'CPU usage against limit', timestamps, follower(0.5, 0.5, 0.05)),
    series('cpu-1', 'svc-1', 'CPU usage against limit', timestamps, follower(0.5, 0.5, 0.05)),
    series('node-cpu', 'node-1', 'CPU saturation', timestamps, follower(0.6, 0.8, 0.08)),
    series('callee-p95', 'payments', 'p95 latency', timestamps, follower(0.15, 0.7, 0.1)),
    series('memory', 'svc-0', 'memory working set', timestamps, independent(0.95)),
    series('iowait-2', 'node-2', 'I/O wait', timestamps, independent(0.7)),
    series('db-connections', 'orders-db', 'connections', timestamps, independent(0.85)),
    series('net-errors', 'node-1', 'network errors', timestamps, independent(0.2)),
    series('throttling', 'svc-1', 'CPU throttling', timestamps, new Array(n).fill(0)),
  ];
  if (callee) {
    const id = cause ? CAUSE_ID : 'calls-inventory';
    candidates.push(series(id, 'calls to inventory', 'p95 latency', timestamps, callee));
  } else if (cause) {
    candidates.push(series(CAUSE_ID, 'node-3', 'I/O wait', timestamps, cause));
  }
  // Shuffle so "first" never comes from list order.
  for (let i = candidates.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  return {
    kind,
    seed,
    causeLag,
    request: {
      id: `${kind}-${seed}`,
      target: 'p95',
      series: { timestamps, values: p95 },
      traffic: { timestamps, values: traffic },
      candidates,
    },
  };
}
