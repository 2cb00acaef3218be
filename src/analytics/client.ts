// The runtime half of the front door. Every function here imports the worker pool on first call, so a
// page or panel that imports `src/analytics` gets types and small helpers in its own bundle and the
// engine (pool, models, WASM) only as the lazily loaded "analytics-engine" chunk.
import type { BottleneckOutcome, BottleneckRequest } from './correlate/types';
import type { CanaryJob, CanaryOutcome } from './runtime/protocol';
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

/** Judges a canary off the main thread; resolves (never rejects) with the judgement or why not. */
export async function judgeCanaryOffThread(job: CanaryJob, signal?: AbortSignal): Promise<CanaryOutcome> {
  const cancelled: CanaryOutcome = { ok: false, aborted: true, reason: 'cancelled' };
  let engine;
  try {
    engine = await pool();
  } catch (error) {
    return {
      ok: false,
      aborted: false,
      reason: `the analytics engine could not load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let outcome: CanaryOutcome = cancelled;
  await engine.run([{ kind: 'canary', job }], {
    signal,
    onResult: (result) => {
      if (result.kind === 'canary') {
        outcome = result.outcome;
      }
    },
  });
  return signal?.aborted ? cancelled : outcome;
}

/**
 * What moves with a service's p95 or error ratio, ranked off the main thread; resolves (never rejects)
 * with the findings or why there are none. An aborted signal resolves with `cancelled`.
 */
export async function findBottlenecksOffThread(request: BottleneckRequest, signal?: AbortSignal): Promise<BottleneckOutcome> {
  const cancelled: BottleneckOutcome = { ok: false, id: request.id, reason: 'cancelled' };
  let engine;
  try {
    engine = await pool();
  } catch (error) {
    return {
      ok: false,
      id: request.id,
      reason: `the analytics engine could not load: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let outcome: BottleneckOutcome = cancelled;
  await engine.run([{ kind: 'bottleneck', request }], {
    signal,
    onResult: (result) => {
      if (result.kind === 'bottleneck') {
        outcome = result.outcome;
      }
    },
  });
  return signal?.aborted ? cancelled : outcome;
}
