// Runs judgeCanary off the main thread. The engine's pool (../pool.ts) speaks only the forecast
// protocol, so the canary has its own one-worker wrapper: one judgement is < 100 ms of work, a
// pool would only add start-up cost. Where Worker does not exist (tests, old embedders) the work
// is deferred with setTimeout so the caller's render finishes first.
import { judgeCanary } from './scorer';
import type { CanaryJudgement, CanaryThresholds, MetricConfig, MetricData } from './types';

export interface CanaryJob {
  metrics: MetricConfig[];
  data: Record<string, MetricData | undefined>;
  thresholds: Partial<CanaryThresholds>;
}

export interface CanaryWorkerRequest {
  jobId: number;
  job: CanaryJob;
}

export interface CanaryWorkerReply {
  jobId: number;
  result?: CanaryJudgement;
  error?: string;
}

export type OffThreadOutcome = { ok: true; judgement: CanaryJudgement } | { ok: false; aborted: boolean; reason: string };

/** The part of Worker this module uses (a seam for tests). */
export interface CanaryWorkerLike {
  postMessage(message: CanaryWorkerRequest): void;
  addEventListener(type: 'message', handler: (event: MessageEvent<CanaryWorkerReply>) => void): void;
  addEventListener(type: 'error', handler: (event: ErrorEvent) => void): void;
  terminate(): void;
}

let worker: CanaryWorkerLike | undefined;
let nextJobId = 1;
/** Test seam: replaces the Web Worker factory (undefined restores the default). */
let factoryOverride: (() => CanaryWorkerLike) | undefined;

export function setCanaryWorkerFactory(factory: (() => CanaryWorkerLike) | undefined): void {
  worker?.terminate();
  worker = undefined;
  factoryOverride = factory;
}
const pending = new Map<number, (outcome: OffThreadOutcome) => void>();

function settleAll(reason: string) {
  for (const [id, resolve] of pending) {
    pending.delete(id);
    resolve({ ok: false, aborted: false, reason });
  }
}

async function getWorker(): Promise<CanaryWorkerLike | undefined> {
  if (!factoryOverride && typeof Worker === 'undefined') {
    return undefined;
  }
  if (!worker) {
    // Loaded lazily: the factory holds `new URL(..., import.meta.url)`, which only webpack needs.
    const w = factoryOverride ? factoryOverride() : (await import('./workerFactory')).createCanaryWorker();
    w.addEventListener('message', (event) => {
      const reply = event.data;
      const resolve = pending.get(reply.jobId);
      if (resolve) {
        pending.delete(reply.jobId);
        resolve(reply.result ? { ok: true, judgement: reply.result } : { ok: false, aborted: false, reason: reply.error ?? 'the canary worker failed' });
      }
    });
    w.addEventListener('error', (event) => {
      settleAll(event.message || 'the canary worker failed');
      w.terminate();
      worker = undefined;
    });
    worker = w;
  }
  return worker;
}

function inThread(job: CanaryJob, signal?: AbortSignal): Promise<OffThreadOutcome> {
  return new Promise((resolve) => {
    setTimeout(() => {
      if (signal?.aborted) {
        resolve({ ok: false, aborted: true, reason: 'cancelled' });
        return;
      }
      resolve({ ok: true, judgement: judgeCanary(job.metrics, job.data, job.thresholds) });
    }, 0);
  });
}

/** Judges a canary in a Web Worker; resolves (never rejects) with the judgement or why not. */
export async function judgeCanaryOffThread(job: CanaryJob, signal?: AbortSignal): Promise<OffThreadOutcome> {
  let w: CanaryWorkerLike | undefined;
  try {
    w = await getWorker();
  } catch (e) {
    w = undefined;
  }
  if (!w) {
    return inThread(job, signal);
  }
  const jobId = nextJobId++;
  const target = w;
  return new Promise((resolve) => {
    pending.set(jobId, resolve);
    signal?.addEventListener('abort', () => {
      if (pending.delete(jobId)) {
        resolve({ ok: false, aborted: true, reason: 'cancelled' });
      }
    });
    target.postMessage({ jobId, job });
  });
}
