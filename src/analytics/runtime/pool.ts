// Off-main-thread execution of every engine request (analysis batches, canary judgements). Pages and
// the panel reach it only through the front door's client (../client.ts), which imports this module
// lazily; the constructor seam (`createAnalyticsPool`) lets Node (benchmarks, tests) stand
// worker_threads or fakes in for Web Workers.
import { createBrowserWorker } from './browserWorker';
import { affinityKey, failedResult, handleRequest } from './handle';
import type { EngineRequest, EngineResult, WorkerLike } from './protocol';

export interface PoolRunOptions {
  /** Abort when the query or time range changes: pending work is dropped, busy workers are replaced. */
  signal?: AbortSignal;
  /** Called once per request as soon as it finishes (in completion order, not input order). */
  onResult: (result: EngineResult, request: EngineRequest) => void;
  onProgress?: (done: number, total: number) => void;
}

export interface AnalyticsPool {
  /** Resolves when every request has produced a result, or as soon as `signal` aborts. */
  run(requests: EngineRequest[], opts: PoolRunOptions): Promise<void>;
  /** Terminates the workers; a later `run` on a disposed pool uses fresh workers. */
  dispose(): void;
}

export interface PoolOptions {
  size: number;
  /** undefined → run synchronously in the calling thread (no Worker available). */
  createWorker?: () => WorkerLike;
}

/** Browsers report logical cores; leave one for the UI thread and cap to bound WASM memory. */
export const MAX_POOL_SIZE = 4;

export function defaultPoolSize(hardwareConcurrency: number | undefined): number {
  const cores = hardwareConcurrency && hardwareConcurrency > 0 ? hardwareConcurrency : 2;
  return Math.max(1, Math.min(MAX_POOL_SIZE, cores - 1));
}

let shared: AnalyticsPool | undefined;

export function getAnalyticsPool(): AnalyticsPool {
  if (!shared) {
    const hasWorker = typeof Worker !== 'undefined';
    shared = createAnalyticsPool({
      size: defaultPoolSize(typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined),
      createWorker: hasWorker ? createBrowserWorker : undefined,
    });
  }
  return shared;
}

export function createAnalyticsPool(options: PoolOptions): AnalyticsPool {
  if (!options.createWorker) {
    return createInThreadPool();
  }
  return createWorkerPool(options.size, options.createWorker);
}

function createInThreadPool(): AnalyticsPool {
  return {
    async run(requests, opts) {
      let done = 0;
      for (const request of requests) {
        if (opts.signal?.aborted) {
          return;
        }
        const result = await handleRequest(request);
        if (opts.signal?.aborted) {
          return;
        }
        opts.onResult(result, request);
        opts.onProgress?.(++done, requests.length);
      }
    },
    dispose() {},
  };
}

interface Slot {
  worker: WorkerLike;
  busyWith?: { jobId: number; request: EngineRequest; finish: (result: EngineResult) => void };
}

function createWorkerPool(size: number, createWorker: () => WorkerLike): AnalyticsPool {
  let slots: Slot[] = [];
  let nextJobId = 1;
  /** Set when no worker ever answered before failing (CSP, a chunk that cannot load): work in the page. */
  let workersBroken = false;
  let anyReply = false;

  function wire(slot: Slot, worker: WorkerLike): void {
    slot.worker = worker;
    worker.onReply((reply) => {
      anyReply = true;
      const job = slot.busyWith;
      if (slot.worker === worker && job && reply.jobId === job.jobId) {
        slot.busyWith = undefined;
        job.finish(reply.result);
      }
    });
    worker.onFailure((message) => {
      if (slot.worker !== worker) {
        return;
      }
      worker.terminate();
      const job = slot.busyWith;
      slot.busyWith = undefined;
      if (!anyReply) {
        // The worker could not even start: every later one would fail the same way.
        workersBroken = true;
        if (job) {
          dispatch(slot, job);
        }
        return;
      }
      // A crashed worker (e.g. out of memory in WASM) is replaced so later requests are not lost.
      wire(slot, createWorker());
      job?.finish(failedResult(job.request, `The analysis worker failed: ${message}`));
    });
  }

  function dispatch(slot: Slot, job: NonNullable<Slot['busyWith']>): void {
    slot.busyWith = job;
    if (workersBroken) {
      void handleRequest(job.request).then((result) => {
        if (slot.busyWith === job) {
          slot.busyWith = undefined;
          job.finish(result);
        }
      });
    } else {
      slot.worker.postMessage({ type: 'run', jobId: job.jobId, request: job.request });
    }
  }

  function spawn(): Slot {
    const slot = {} as Slot;
    wire(slot, createWorker());
    return slot;
  }

  function ensureSlots(): Slot[] {
    while (slots.length < size) {
      slots.push(spawn());
    }
    return slots;
  }

  let fallback: AnalyticsPool | undefined;
  // Each worker keeps its own result cache and model memory, so a refresh sends a series back to the
  // worker that analysed it last; an idle worker only takes another worker's series when nothing else
  // is left, so no core waits.
  const affinity = new Map<string, Slot>();

  function takeFor(slot: Slot, queue: EngineRequest[]): EngineRequest | undefined {
    const owner = (r: EngineRequest) => {
      const key = affinityKey(r);
      return key === undefined ? undefined : affinity.get(key);
    };
    let index = queue.findIndex((r) => owner(r) === slot);
    if (index < 0) {
      index = queue.findIndex((r) => !slots.includes(owner(r) as Slot));
    }
    if (index < 0) {
      index = 0;
    }
    return queue.splice(index, 1)[0];
  }

  return {
    run(requests, opts) {
      const { signal, onResult, onProgress } = opts;
      if (requests.length === 0 || signal?.aborted) {
        return Promise.resolve();
      }
      if (!fallback) {
        try {
          ensureSlots();
        } catch {
          // Worker construction refused (cross-origin plugin CDN, CSP): analyse in the page instead.
          fallback = createInThreadPool();
        }
      }
      if (fallback) {
        return fallback.run(requests, opts);
      }
      return new Promise<void>((resolve) => {
        const queue = requests.slice();
        let done = 0;
        let settled = false;
        const mySlots = new Set<Slot>();

        const finishRun = () => {
          if (!settled) {
            settled = true;
            signal?.removeEventListener('abort', onAbort);
            resolve();
          }
        };

        function onAbort() {
          // A busy worker cannot be interrupted mid-fit; replace it so the next run starts at once.
          for (const slot of mySlots) {
            if (slot.busyWith) {
              slot.busyWith = undefined;
              slot.worker.terminate();
              slots = slots.filter((s) => s !== slot);
            }
          }
          finishRun();
        }

        function feed(slot: Slot) {
          const request = takeFor(slot, queue);
          if (!request || settled) {
            mySlots.delete(slot);
            if (slots.length > size && !slot.busyWith) {
              // An extra worker added for an overlapping run is let go once its share is done.
              slot.worker.terminate();
              slots = slots.filter((s) => s !== slot);
            }
            if (mySlots.size === 0) {
              finishRun();
            }
            return;
          }
          if (affinity.size > 10_000) {
            affinity.clear();
          }
          const key = affinityKey(request);
          if (key !== undefined) {
            affinity.set(key, slot);
          }
          dispatch(slot, {
            jobId: nextJobId++,
            request,
            finish: (result) => {
              if (settled) {
                return;
              }
              onResult(result, request);
              onProgress?.(++done, requests.length);
              feed(slot);
            },
          });
        }

        signal?.addEventListener('abort', onAbort);
        for (const slot of ensureSlots()) {
          if (!slot.busyWith) {
            mySlots.add(slot);
          }
        }
        if (mySlots.size === 0) {
          // Every worker is busy with another run's work: add capacity rather than queue behind it.
          const extra = spawn();
          slots.push(extra);
          mySlots.add(extra);
        }
        for (const slot of Array.from(mySlots)) {
          feed(slot);
        }
      });
    },
    dispose() {
      for (const slot of slots) {
        slot.worker.terminate();
      }
      slots = [];
      affinity.clear();
    },
  };
}
