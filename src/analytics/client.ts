// The runtime half of the front door. Every function here imports the worker pool on first call, so a
// page or panel that imports `src/analytics` gets types and small helpers in its own bundle and the
// engine (pool, models, WASM) only as the lazily loaded "analytics-engine" chunk.
import type { BottleneckOutcome, BottleneckRequest } from './correlate/types';
import type { CanaryJob, CanaryOutcome, EngineRequest, EngineResult } from './runtime/protocol';
import type { AnalysisRequest, AnalysisResult } from './types';

export interface AnalysisBatchHandlers {
  /** Abort when the query or time range changes: pending work is dropped, busy workers are replaced. */
  signal?: AbortSignal;
  /** Called once per request as soon as it finishes (completion order, not input order). */
  onResult: (result: AnalysisResult) => void;
  onProgress?: (done: number, total: number) => void;
}

async function pool() {
  const { getAnalyticsPool } = await import(/* webpackChunkName: "analytics-engine" */ './runtime/pool');
  return getAnalyticsPool();
}

/** Forecast, anomalies and capacity for many series, streamed per series; resolves when all are done or aborted. */
export async function analyseBatch(requests: AnalysisRequest[], handlers: AnalysisBatchHandlers): Promise<void> {
  const engine = await pool();
  if (handlers.signal?.aborted) {
    return;
  }
  await engine.run(
    requests.map((request) => ({ kind: 'analysis' as const, request })),
    {
      signal: handlers.signal,
      onResult: (result) => {
        if (result.kind === 'analysis') {
          handlers.onResult(result.result);
        }
      },
      onProgress: handlers.onProgress,
    }
  );
}

/** One series (tests, one-off checks); pages with many series use analyseBatch to stream and cancel. */
export async function analyse(request: AnalysisRequest): Promise<AnalysisResult> {
  let answer: AnalysisResult | undefined;
  await analyseBatch([request], { onResult: (result) => (answer = result) });
  return (
    answer ?? {
      id: request.id,
      ok: false,
      error: { ok: false, code: 'internal', reason: 'the engine returned no result' },
      elapsedMs: 0,
    }
  );
}

/**
 * One request of kind K off the main thread; resolves (never rejects) with its outcome, with
 * `failed(reason)` when the engine cannot load, or with `cancelled` when the signal aborts.
 */
async function runOne<K extends 'canary' | 'bottleneck', R>(
  request: Extract<EngineRequest, { kind: K }>,
  signal: AbortSignal | undefined,
  outcomes: { cancelled: R; failed: (reason: string) => R; pick: (result: EngineResult) => R | undefined }
): Promise<R> {
  let engine;
  try {
    engine = await pool();
  } catch (error) {
    return outcomes.failed(
      `the analytics engine could not load: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  let outcome = outcomes.cancelled;
  await engine.run([request], {
    signal,
    onResult: (result) => {
      outcome = outcomes.pick(result) ?? outcome;
    },
  });
  return signal?.aborted ? outcomes.cancelled : outcome;
}

/** Judges a canary off the main thread; resolves (never rejects) with the judgement or why not. */
export function judgeCanaryOffThread(job: CanaryJob, signal?: AbortSignal): Promise<CanaryOutcome> {
  return runOne<'canary', CanaryOutcome>({ kind: 'canary', job }, signal, {
    cancelled: { ok: false, aborted: true, reason: 'cancelled' },
    failed: (reason) => ({ ok: false, aborted: false, reason }),
    pick: (result) => (result.kind === 'canary' ? result.outcome : undefined),
  });
}

/**
 * What moves with a service's p95 or error ratio, ranked off the main thread; resolves (never rejects)
 * with the findings or why there are none. An aborted signal resolves with `cancelled`.
 */
export function findBottlenecksOffThread(request: BottleneckRequest, signal?: AbortSignal): Promise<BottleneckOutcome> {
  return runOne<'bottleneck', BottleneckOutcome>({ kind: 'bottleneck', request }, signal, {
    cancelled: { ok: false, id: request.id, reason: 'cancelled' },
    failed: (reason) => ({ ok: false, id: request.id, reason }),
    pick: (result) => (result.kind === 'bottleneck' ? result.outcome : undefined),
  });
}
