// One request → one result, in whatever thread calls it (a worker, or the page when no Worker exists).
import { detectAnomalies, detectMadAnomalies } from '../anomalies/anomalies';
import { estimateCapacity } from '../capacity/capacity';
import { runForecast } from '../models/forecast';
import { prepareSeries } from '../prepare/prepare';
import type { AnalysisRequest, AnalysisResult, AnomalyInterval } from '../types';

import { cachedResult, hashSeries, recallMemory, rememberModel, storeResult } from './cache';

export interface AnalyseOptions {
  /** Reuse results and fitted-model memory across refreshes (default true). */
  useCache?: boolean;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

export async function runAnalysisInThread(
  request: AnalysisRequest,
  options: AnalyseOptions = {}
): Promise<AnalysisResult> {
  const started = now();
  const id = String(request?.id ?? '');
  try {
    const useCache = options.useCache ?? true;
    const hash = useCache ? hashSeries(request) : '';
    const cached = useCache ? cachedResult(request, hash) : undefined;
    if (cached) {
      return { ...cached, elapsedMs: now() - started };
    }
    const run = await runForecast(request.series, request.forecast, useCache ? recallMemory(request) : undefined);
    if (!run.outcome.ok) {
      // Too short or irregular to model: the robust detector still answers the anomaly question.
      const fallback = robustAnomalies(request);
      return fallback.length
        ? { id, ok: false, error: run.outcome, anomalies: fallback, elapsedMs: now() - started }
        : { id, ok: false, error: run.outcome, elapsedMs: now() - started };
    }
    if (useCache && run.memory) {
      rememberModel(request, run.memory);
    }
    let anomalies: AnomalyInterval[] = [];
    if (request.anomalies && run.prepared) {
      anomalies = detectAnomalies(run.prepared, run.outcome.fitted, request.anomalies, run.outcome.model.confidence);
    }
    const result: AnalysisResult = { id, ok: true, forecast: run.outcome, anomalies, elapsedMs: 0 };
    if (request.capacityThreshold !== undefined && run.prepared) {
      const values = run.prepared.values;
      result.capacity = estimateCapacity(run.outcome, request.capacityThreshold, values[values.length - 1]);
    }
    result.elapsedMs = now() - started;
    if (useCache) {
      storeResult(request, hash, result);
    }
    return result;
  } catch (error) {
    return {
      id,
      ok: false,
      error: {
        ok: false,
        code: 'internal',
        reason: `Analysis failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`,
      },
      elapsedMs: now() - started,
    };
  }
}

/** For series that cannot be modelled: robust rolling-median anomalies, or [] when even that is impossible. */
export function robustAnomalies(request: AnalysisRequest): AnomalyInterval[] {
  if (!request.anomalies) {
    return [];
  }
  const prepared = prepareSeries(request.series, { minPoints: 5 });
  return 'values' in prepared ? detectMadAnomalies(prepared, request.anomalies) : [];
}
