import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

import type { AnalysisRequest, AnalysisResult } from '../../analytics';

import type { RunAnalyses } from './engine';

export interface ForecastProgress {
  /** The run these results belong to; results of an older run are never shown with newer data. */
  runKey: string;
  results: Map<string, AnalysisResult>;
  done: number;
  total: number;
  running: boolean;
  /** The engine itself failed (chunk or WASM did not load), as opposed to one series failing. */
  engineError?: string;
}

/**
 * Results arrive per series; re-plotting for each would cost more than the fits. A redraw costs
 * roughly in proportion to the number of series, so big batches redraw less often.
 */
export function flushIntervalMs(total: number): number {
  return Math.min(1000, Math.max(200, total * 10));
}

/**
 * Runs the plan through the engine. A new `runKey` (new data request, new options) aborts the
 * previous run, so a refresh never paints stale bands over fresh data.
 */
export function useForecasts(requests: AnalysisRequest[], runKey: string, run: RunAnalyses): ForecastProgress {
  const [state, setState] = useState<ForecastProgress>(() => idle(runKey, requests.length));
  const requestsRef = useRef(requests);
  // The run is keyed by `runKey`, not by the identity of the (re-planned) requests array.
  useLayoutEffect(() => {
    requestsRef.current = requests;
  }, [requests]);

  useEffect(() => {
    const batch = requestsRef.current;
    const controller = new AbortController();
    const results = new Map<string, AnalysisResult>();
    let done = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let flushedOnce = false;

    const flush = (running: boolean) => {
      timer = undefined;
      if (!controller.signal.aborted) {
        setState({ runKey, results: new Map(results), done, total: batch.length, running });
      }
    };
    const scheduleFlush = () => {
      // The first band is shown at once; later ones are batched.
      if (!flushedOnce) {
        flushedOnce = true;
        flush(true);
      } else if (timer === undefined) {
        timer = setTimeout(() => flush(true), flushIntervalMs(batch.length));
      }
    };

    setState(idle(runKey, batch.length));
    if (batch.length === 0) {
      return () => controller.abort();
    }
    run(batch, {
      signal: controller.signal,
      onResult: (result) => {
        results.set(result.id, result);
      },
      onProgress: (n) => {
        done = n;
        scheduleFlush();
      },
    })
      .then(() => {
        clearTimeout(timer);
        flush(false);
      })
      .catch((err: unknown) => {
        clearTimeout(timer);
        if (!controller.signal.aborted) {
          setState({
            runKey,
            results: new Map(results),
            done,
            total: batch.length,
            running: false,
            engineError: errorMessage(err),
          });
        }
      });
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [runKey, run]);

  // Between new data arriving and the effect above starting its run, the state still holds the
  // previous run: report "starting" instead, so old bands are never drawn over new data.
  const starting = useMemo(() => idle(runKey, requests.length), [runKey, requests.length]);
  return state.runKey === runKey ? state : starting;
}

function idle(runKey: string, total: number): ForecastProgress {
  return { runKey, results: new Map(), done: 0, total, running: total > 0 };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
