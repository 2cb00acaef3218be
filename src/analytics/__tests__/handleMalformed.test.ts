import { handleRequest } from '../runtime/handle';
import type { EngineRequest } from '../runtime/protocol';

// The worker replies with whatever handleRequest resolves to; a rejection or undefined leaves the
// caller's job waiting forever.
describe('handleRequest answers every message', () => {
  test.each([
    ['null', null],
    ['an unknown kind', { kind: 'forecast-everything' }],
    ['no kind', {}],
  ])('%s → an unsupported result naming the kind', async (_name, request) => {
    const result = await handleRequest(request as unknown as EngineRequest);
    expect(result).toMatchObject({
      kind: 'analysis',
      result: {
        ok: false,
        error: { code: 'unsupported', reason: expect.stringMatching(/Unknown engine request kind/) },
      },
    });
  });

  test.each([
    ['a null job', null, /canary job is missing/],
    ['no metrics', { data: {}, thresholds: {} }, /no list of metrics/],
    ['no data', { metrics: [], thresholds: {} }, /no data for its metrics/],
  ])('a canary request with %s → a reason that says what is missing', async (_name, job, reason) => {
    const result = await handleRequest({ kind: 'canary', job } as unknown as EngineRequest);
    expect(result).toMatchObject({
      kind: 'canary',
      outcome: { ok: false, aborted: false, reason: expect.stringMatching(reason) },
    });
  });

  test.each([
    ['a null request', null, /the finder request is missing/],
    ['an unknown target', { id: 'x', target: 'p50', series: { timestamps: [], values: [] }, candidates: [] }, /unknown target "p50"/],
  ])('a bottleneck request with %s → a reason, never a rejection', async (_name, request, reason) => {
    const result = await handleRequest({ kind: 'bottleneck', request } as unknown as EngineRequest);
    expect(result).toMatchObject({ kind: 'bottleneck', outcome: { ok: false, reason: expect.stringMatching(reason) } });
  });

  test('a bottleneck request is answered by the finder', async () => {
    const timestamps = Array.from({ length: 60 }, (_, i) => i * 60_000);
    const values = timestamps.map((_, i) => (i % 7) / 10 + i / 100);
    const result = await handleRequest({
      kind: 'bottleneck',
      request: {
        id: 'svc',
        target: 'p95',
        series: { timestamps, values },
        candidates: [{ id: 'same', subject: 'node-1', signal: 'I/O wait', timestamps, values }],
      },
    });
    expect(result).toMatchObject({ kind: 'bottleneck', outcome: { ok: true, id: 'svc', ranked: [{ id: 'same', rho: 1 }] } });
  });
});
