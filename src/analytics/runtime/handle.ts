// One engine request → one result, in whatever thread calls it (a worker, or the page when no Worker
// exists). Never throws: a failure becomes the result's error so one bad series cannot stop a batch.
import { judgeCanary } from '../canary/scorer';
import { findBottlenecks } from '../correlate/finder';

import { runAnalysisInThread, type AnalyseOptions } from './analyse';
import type { CanaryJob, EngineRequest, EngineResult } from './protocol';

export async function handleRequest(request: EngineRequest, options: AnalyseOptions = {}): Promise<EngineResult> {
  // Messages cross postMessage untyped: an unknown kind must still get a reply, or its caller waits forever.
  switch (request?.kind) {
    case 'analysis':
      return { kind: 'analysis', result: await runAnalysisInThread(request.request, options) };
    case 'canary':
      try {
        const malformed = malformedCanaryJob(request.job);
        if (malformed) {
          return { kind: 'canary', outcome: { ok: false, aborted: false, reason: malformed } };
        }
        const { metrics, data, thresholds, traffic } = request.job;
        return { kind: 'canary', outcome: { ok: true, judgement: judgeCanary(metrics, data, thresholds, traffic) } };
      } catch (error) {
        return {
          kind: 'canary',
          outcome: { ok: false, aborted: false, reason: error instanceof Error ? error.message : String(error) },
        };
      }
    case 'bottleneck':
      try {
        return { kind: 'bottleneck', outcome: findBottlenecks(request.request) };
      } catch (error) {
        return { kind: 'bottleneck', outcome: { ok: false, id: bottleneckId(request.request), reason: messageOf(error) } };
      }
    default: {
      const kind = (request as { kind?: unknown } | null)?.kind;
      return {
        kind: 'analysis',
        result: {
          id: '',
          ok: false,
          error: {
            ok: false,
            code: 'unsupported',
            reason: `Unknown engine request kind ${JSON.stringify(kind) ?? 'undefined'}; use "analysis", "canary" or "bottleneck".`,
          },
          elapsedMs: 0,
        },
      };
    }
  }
}

function malformedCanaryJob(job: unknown): string | undefined {
  if (typeof job !== 'object' || job === null) {
    return 'the canary job is missing: it needs metrics, data and thresholds';
  }
  const { metrics, data } = job as Partial<CanaryJob>;
  if (!Array.isArray(metrics)) {
    return 'the canary job has no list of metrics to judge';
  }
  if (typeof data !== 'object' || data === null) {
    return 'the canary job has no data for its metrics';
  }
  return undefined;
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
    case 'bottleneck':
      return { kind: 'bottleneck', outcome: { ok: false, id: bottleneckId(request.request), reason } };
  }
}

function bottleneckId(request: unknown): string {
  const id = (request as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Requests with the same key go back to the worker that answered last (its cache and model memory). */
export function affinityKey(request: EngineRequest): string | undefined {
  return request.kind === 'analysis' ? request.request.id : undefined;
}
