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
});
