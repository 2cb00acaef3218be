import { handleRequest } from '../runtime/handle';
import { createAnalyticsPool, defaultPoolSize, getAnalyticsPool } from '../runtime/pool';
import type { EngineRequest, EngineResult, WorkerLike, WorkerReply, WorkerRequest } from '../runtime/protocol';
import type { AnalysisResult } from '../types';

function request(id: string, slope = 1): EngineRequest {
  const timestamps = Array.from({ length: 30 }, (_, i) => i * 60_000);
  return {
    kind: 'analysis',
    request: {
      id,
      series: { timestamps, values: timestamps.map((_, i) => slope * i + (i % 3)) },
      forecast: { model: 'linear', horizon: 5 },
    },
  };
}

const canaryRequest: EngineRequest = {
  kind: 'canary',
  job: {
    metrics: [{ id: 'errors', label: 'error count', kind: 'count', direction: 'increase-is-bad', critical: true }],
    data: { errors: { canaryCount: 3, canaryExposure: 1e5, baselineCount: 0, baselineExposure: 9e5 } },
    thresholds: {},
  },
};

function analysis(result: EngineResult): AnalysisResult {
  if (result.kind !== 'analysis') {
    throw new Error(`expected an analysis result, got ${result.kind}`);
  }
  return result.result;
}

const resultId = (result: EngineResult) => analysis(result).id;
const requestKey = (r: EngineRequest) => (r.kind === 'analysis' ? r.request.id : r.kind);

/** A fake worker that runs the real analysis asynchronously, like a Worker would, and counts terminations. */
function fakeWorkerFactory(delayMs = 5) {
  const stats = { created: 0, terminated: 0, posted: 0, handledBy: new Map<string, number[]>() };
  const create = (): WorkerLike => {
    stats.created++;
    const workerNumber = stats.created;
    let reply: ((r: WorkerReply) => void) | undefined;
    let dead = false;
    return {
      postMessage(message: WorkerRequest) {
        stats.posted++;
        stats.handledBy.set(requestKey(message.request), [
          ...(stats.handledBy.get(requestKey(message.request)) ?? []),
          workerNumber,
        ]);
        setTimeout(async () => {
          const result = await handleRequest(message.request, { useCache: false });
          if (!dead) {
            reply?.({ type: 'result', jobId: message.jobId, result });
          }
        }, delayMs);
      },
      onReply(handler) {
        reply = handler;
      },
      onFailure() {},
      terminate() {
        dead = true;
        stats.terminated++;
      },
    };
  };
  return { create, stats };
}

describe('analytics pool', () => {
  test('pool size: one core left for the UI, capped', () => {
    expect(defaultPoolSize(undefined)).toBe(1);
    expect(defaultPoolSize(2)).toBe(1);
    expect(defaultPoolSize(8)).toBe(4);
    expect(defaultPoolSize(32)).toBe(4);
  });

  test('without Worker (jest/jsdom) the shared pool runs in-thread and streams every result', async () => {
    const results: AnalysisResult[] = [];
    const progress: Array<[number, number]> = [];
    await getAnalyticsPool().run([request('a'), request('b')], {
      onResult: (r) => results.push(analysis(r)),
      onProgress: (d, t) => progress.push([d, t]),
    });
    expect(results.map((r) => r.id)).toEqual(['a', 'b']);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  test('workers stream results and all requests complete', async () => {
    const { create, stats } = fakeWorkerFactory();
    const pool = createAnalyticsPool({ size: 3, createWorker: create });
    const ids: string[] = [];
    await pool.run(
      Array.from({ length: 10 }, (_, i) => request(`s${i}`, i)),
      { onResult: (r) => ids.push(resultId(r)) }
    );
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `s${i}`).sort());
    expect(stats.created).toBe(3);
    expect(stats.posted).toBe(10);
    pool.dispose();
    expect(stats.terminated).toBe(3);
  });

  test('a refresh sends each series back to the worker that holds its cache', async () => {
    const { create, stats } = fakeWorkerFactory(2);
    const pool = createAnalyticsPool({ size: 2, createWorker: create });
    const batch = Array.from({ length: 12 }, (_, i) => request(`s${i}`, i));
    await pool.run(batch, { onResult: () => undefined });
    await pool.run(batch, { onResult: () => undefined });
    const sticky = Array.from(stats.handledBy.values()).filter(([first, second]) => first === second).length;
    // Both workers share the work, and at most the last request or two are stolen by an idle worker.
    expect(new Set(Array.from(stats.handledBy.values(), (w) => w[0])).size).toBe(2);
    expect(sticky).toBeGreaterThanOrEqual(10);
    pool.dispose();
  });

  test('overlapping runs both complete; the extra worker is let go afterwards', async () => {
    const { create, stats } = fakeWorkerFactory(3);
    const pool = createAnalyticsPool({ size: 1, createWorker: create });
    const a: string[] = [];
    const b: string[] = [];
    await Promise.all([
      pool.run([request('a1'), request('a2')], { onResult: (r) => a.push(resultId(r)) }),
      pool.run([request('b1')], { onResult: (r) => b.push(resultId(r)) }),
    ]);
    expect(a).toEqual(['a1', 'a2']);
    expect(b).toEqual(['b1']);
    expect(stats.created).toBe(2);
    expect(stats.terminated).toBe(1);
    pool.dispose();
  });

  test('abort stops delivering results, terminates busy workers and resolves', async () => {
    const { create, stats } = fakeWorkerFactory(30);
    const pool = createAnalyticsPool({ size: 2, createWorker: create });
    const controller = new AbortController();
    const ids: string[] = [];
    const run = pool.run(
      Array.from({ length: 8 }, (_, i) => request(`s${i}`)),
      {
        signal: controller.signal,
        onResult: (r) => {
          ids.push(resultId(r));
          controller.abort();
        },
      }
    );
    await run;
    expect(ids).toHaveLength(1);
    expect(stats.posted).toBeLessThan(8);
    expect(stats.terminated).toBeGreaterThanOrEqual(1);
    // The pool is still usable after an abort: replacement workers are created.
    const later: string[] = [];
    await pool.run([request('after')], { onResult: (r) => later.push(resultId(r)) });
    expect(later).toEqual(['after']);
    pool.dispose();
  });

  test('when the Worker constructor is refused (cross-origin CDN, CSP) the batch runs in the page', async () => {
    const pool = createAnalyticsPool({
      size: 2,
      createWorker: () => {
        throw new DOMException(
          'Script at https://cdn.example/worker.js cannot be accessed from origin',
          'SecurityError'
        );
      },
    });
    const ids: string[] = [];
    await pool.run([request('a'), request('b')], { onResult: (r) => analysis(r).ok && ids.push(resultId(r)) });
    expect(ids).toEqual(['a', 'b']);
  });

  test('workers that fail before ever answering (CSP, missing chunk) hand the batch to the page', async () => {
    const pool = createAnalyticsPool({
      size: 2,
      createWorker: () => {
        let fail: ((m: string) => void) | undefined;
        return {
          postMessage: () => setTimeout(() => fail?.('Refused to create a worker from blob: (CSP)'), 1),
          onReply: () => undefined,
          onFailure: (h) => (fail = h),
          terminate: () => undefined,
        };
      },
    });
    const results: AnalysisResult[] = [];
    await pool.run([request('a'), request('b'), request('c')], { onResult: (r) => results.push(analysis(r)) });
    expect(results.map((r) => [r.id, r.ok]).sort()).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
  });

  test('a worker crashing after others answered yields an error result and is replaced', async () => {
    const pool = await poolWhoseNextWorkerCrashes();
    const results: AnalysisResult[] = [];
    await pool.run([request('x'), request('y')], { onResult: (r) => results.push(analysis(r)) });
    expect(results[0]).toEqual({
      id: 'x',
      ok: false,
      error: { ok: false, code: 'internal', reason: 'The analysis worker failed: out of memory' },
      elapsedMs: 0,
    });
    expect(results[1]).toMatchObject({ id: 'y', ok: true });
    pool.dispose();
  });

  test('canary judgements and analyses share the pool; a canary job has no cache affinity', async () => {
    const { create, stats } = fakeWorkerFactory(1);
    const pool = createAnalyticsPool({ size: 2, createWorker: create });
    const kinds: string[] = [];
    let verdict: string | undefined;
    await pool.run([request('a'), canaryRequest, request('b')], {
      onResult: (r) => {
        kinds.push(r.kind);
        if (r.kind === 'canary' && r.outcome.ok) {
          verdict = r.outcome.judgement.verdict;
        }
      },
    });
    expect(kinds.sort()).toEqual(['analysis', 'analysis', 'canary']);
    expect(verdict).toBe('fail');
    expect(stats.created).toBe(2);
    pool.dispose();
  });

  test('a worker crashing on a canary job settles it with the reason', async () => {
    const pool = await poolWhoseNextWorkerCrashes();
    const results: EngineResult[] = [];
    await pool.run([canaryRequest], { onResult: (r) => results.push(r) });
    expect(results).toEqual([
      { kind: 'canary', outcome: { ok: false, aborted: false, reason: 'The analysis worker failed: out of memory' } },
    ]);
    pool.dispose();
  });
});

/**
 * A one-worker pool that has answered once; its worker was then terminated by an abort, so the next
 * run starts a worker that crashes ("out of memory") on its first message.
 */
async function poolWhoseNextWorkerCrashes() {
  const healthy = fakeWorkerFactory(1);
  let created = 0;
  const pool = createAnalyticsPool({
    size: 1,
    createWorker: () => {
      if (created++ !== 1) {
        return healthy.create();
      }
      let fail: ((m: string) => void) | undefined;
      return {
        postMessage: () => setTimeout(() => fail?.('out of memory'), 1),
        onReply: () => undefined,
        onFailure: (h) => (fail = h),
        terminate: () => undefined,
      };
    },
  });
  await pool.run([request('w')], { onResult: () => undefined });
  const controller = new AbortController();
  const pending = pool.run([request('v')], { signal: controller.signal, onResult: () => undefined });
  controller.abort();
  await pending;
  return pool;
}
