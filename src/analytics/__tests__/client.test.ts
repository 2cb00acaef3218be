// The front door's client, as pages use it. jsdom has no Worker, so the shared pool runs in-thread;
// the worker paths are covered with fake workers in pool.test.ts.
import {
  analyse,
  analyseBatch,
  type BottleneckRequest,
  type CanaryJob,
  findBottlenecksOffThread,
  judgeCanaryOffThread,
} from '../index';

const job: CanaryJob = {
  metrics: [{ id: 'errors', label: 'error count', kind: 'count', direction: 'increase-is-bad', critical: true }],
  data: { errors: { canaryCount: 3, canaryExposure: 1e5, baselineCount: 0, baselineExposure: 9e5 } },
  thresholds: {},
};

const series = {
  timestamps: Array.from({ length: 30 }, (_, i) => i * 60_000),
  values: Array.from({ length: 30 }, (_, i) => i + (i % 3)),
};

describe('judgeCanaryOffThread', () => {
  test('judges the job (3 errors against none in 9x the traffic is a regression)', async () => {
    const outcome = await judgeCanaryOffThread(job);
    expect(outcome.ok && outcome.judgement.verdict).toBe('fail');
  });

  test('an aborted signal resolves as cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    expect(await judgeCanaryOffThread(job, abort.signal)).toEqual({ ok: false, aborted: true, reason: 'cancelled' });
  });

  test('bad input becomes a reason, not a rejection', async () => {
    const broken = { ...job, metrics: null } as unknown as CanaryJob;
    const outcome = await judgeCanaryOffThread(broken);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason.length).toBeGreaterThan(0);
  });
});

describe('findBottlenecksOffThread', () => {
  const request: BottleneckRequest = {
    id: 'svc',
    target: 'p95',
    series,
    candidates: [{ id: 'same', subject: 'node-1', signal: 'I/O wait', ...series }],
  };

  test('ranks the candidates', async () => {
    const outcome = await findBottlenecksOffThread(request);
    expect(outcome.ok && outcome.ranked.map((r) => r.id)).toEqual(['same']);
  });

  test('an aborted signal resolves as cancelled; bad input becomes a reason', async () => {
    const abort = new AbortController();
    abort.abort();
    expect(await findBottlenecksOffThread(request, abort.signal)).toEqual({
      ok: false,
      id: 'svc',
      reason: 'cancelled',
    });
    const outcome = await findBottlenecksOffThread({ ...request, maxLag: -2 });
    expect(!outcome.ok && outcome.reason).toMatch(/maxLag must be a whole number/);
  });
});

describe('analyse / analyseBatch', () => {
  test('analyse answers one series with a linear forecast', async () => {
    const result = await analyse({ id: 'one', series, forecast: { model: 'linear', horizon: 5 } });
    expect(result.id).toBe('one');
    expect(result.ok && result.forecast.model.kind).toBe('linear');
  });

  test('analyseBatch streams one result per request and stops at an abort', async () => {
    const ids: string[] = [];
    const abort = new AbortController();
    await analyseBatch(
      ['a', 'b', 'c'].map((id) => ({ id, series, forecast: { model: 'linear' as const, horizon: 5 } })),
      {
        signal: abort.signal,
        onResult: (r) => {
          ids.push(r.id);
          abort.abort();
        },
      }
    );
    expect(ids).toEqual(['a']);
  });
});
