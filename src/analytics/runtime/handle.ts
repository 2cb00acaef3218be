// One engine request → one result, in whatever thread calls it (a worker, or the page when no Worker
// exists). Never throws: a failure becomes the result's error so one bad series cannot stop a batch.
import { judgeCanary } from '../canary/scorer';

import { runAnalysisInThread, type AnalyseOptions } from './analyse';
import type { EngineRequest, EngineResult } from './protocol';

export async function handleRequest(request: EngineRequest, options: AnalyseOptions = {}): Promise<EngineResult> {
  switch (request.kind) {
    case 'analysis':
      return { kind: 'analysis', result: await runAnalysisInThread(request.request, options) };
    case 'canary':
      try {
        const { metrics, data, thresholds } = request.job;
        return { kind: 'canary', outcome: { ok: true, judgement: judgeCanary(metrics, data, thresholds) } };
      } catch (error) {
        return {
          kind: 'canary',
          outcome: { ok: false, aborted: false, reason: error instanceof Error ? error.message : String(error) },
        };
      }
  }
}

/** The result a request gets when the worker running it died. */
export function failedResult(request: EngineRequest, reason: string): EngineResult {
  switch (request.kind) {
    case 'analysis':
      return {
        kind: 'analysis',
        result: { id: request.request.id, ok: false, error: { ok: false, code: 'internal', reason }, elapsedMs: 0 },
      };
    case 'canary':
      return { kind: 'canary', outcome: { ok: false, aborted: false, reason } };
  }
}

/** Requests with the same key go back to the worker that answered last (its cache and model memory). */
export function affinityKey(request: EngineRequest): string | undefined {
  return request.kind === 'analysis' ? request.request.id : undefined;
}
