import { act, renderHook, waitFor } from '@testing-library/react';

import type { AnalysisRequest, AnalysisResult } from '../../../analytics';
import type { EngineRunHandlers, RunAnalyses } from '../engine';
import { flushIntervalMs, useForecasts } from '../useForecasts';

function request(id: string): AnalysisRequest {
  return { id, series: { timestamps: [0, 1], values: [1, 2] }, forecast: { model: 'linear', horizon: 1 } };
}

function failure(id: string): AnalysisResult {
  return { id, ok: false, elapsedMs: 1, error: { ok: false, code: 'constant', reason: 'constant' } };
}

/** An engine whose runs the test finishes by hand. */
function controllableEngine() {
  const runs: Array<{ requests: AnalysisRequest[]; handlers: EngineRunHandlers; finish: () => void }> = [];
  const run: RunAnalyses = (requests, handlers) =>
    new Promise<void>((resolve) => {
      runs.push({ requests, handlers, finish: resolve });
    });
  return { run, runs };
}

describe('useForecasts', () => {
  it('reports progress and results, and stops running when the engine is done', async () => {
    const engine = controllableEngine();
    const requests = [request('a'), request('b')];
    const { result } = renderHook(() => useForecasts(requests, 'k1', engine.run));
    expect(result.current).toMatchObject({ running: true, done: 0, total: 2 });

    act(() => {
      engine.runs[0].handlers.onResult(failure('a'));
      engine.runs[0].handlers.onProgress?.(1, 2);
    });
    expect(result.current.results.get('a')).toEqual(failure('a'));
    expect(result.current.done).toBe(1);

    await act(async () => {
      engine.runs[0].handlers.onResult(failure('b'));
      engine.runs[0].handlers.onProgress?.(2, 2);
      engine.runs[0].finish();
    });
    expect(result.current).toMatchObject({ running: false, done: 2, total: 2 });
    expect(Array.from(result.current.results.keys()).sort()).toEqual(['a', 'b']);
  });

  it('aborts the previous run on a new data request and never shows its results', async () => {
    const engine = controllableEngine();
    const requests = [request('a')];
    const { result, rerender } = renderHook(({ key }) => useForecasts(requests, key, engine.run), {
      initialProps: { key: 'refresh-1' },
    });
    rerender({ key: 'refresh-2' });
    expect(engine.runs).toHaveLength(2);
    expect(engine.runs[0].handlers.signal.aborted).toBe(true);
    expect(engine.runs[1].handlers.signal.aborted).toBe(false);

    // The stale run still reports (a busy worker finishing): nothing of it reaches the panel.
    act(() => {
      engine.runs[0].handlers.onResult(failure('a'));
      engine.runs[0].handlers.onProgress?.(1, 1);
    });
    expect(result.current.results.size).toBe(0);
    expect(result.current.running).toBe(true);
  });

  it('reports an engine that cannot start, keeping what it had', async () => {
    const run: RunAnalyses = () => Promise.reject(new Error('Loading chunk analytics-engine failed'));
    const { result } = renderHook(() => useForecasts([request('a')], 'k', run));
    await waitFor(() => expect(result.current.engineError).toBe('Loading chunk analytics-engine failed'));
    expect(result.current.running).toBe(false);
  });

  it('does not call the engine when there is nothing to model', () => {
    const engine = controllableEngine();
    const { result } = renderHook(() => useForecasts([], 'k', engine.run));
    expect(engine.runs).toHaveLength(0);
    expect(result.current.running).toBe(false);
  });

  it('redraws big batches less often', () => {
    expect(flushIntervalMs(3)).toBe(200);
    expect(flushIntervalMs(50)).toBe(500);
    expect(flushIntervalMs(1000)).toBe(1000);
  });
});
