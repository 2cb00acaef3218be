// One request → one result, in whatever thread calls it (a worker, or the page when no Worker exists).
import { detectMadAnomalies } from '../anomalies/anomalies';
import { calibratedAnomalies } from '../anomalies/calibrated';
import { estimateCapacity } from '../capacity/capacity';
import { runForecast } from '../models/forecast';
import { cannotModel, prepareSeries } from '../prepare/prepare';
import type { AnalysisRequest, AnalysisResult, AnomalyInterval, CannotModel, SeriesInput } from '../types';

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
  const malformed = malformedRequest(request);
  if (malformed) {
    return { id, ok: false, error: malformed, elapsedMs: now() - started };
  }
  try {
    const useCache = options.useCache ?? true;
    const hash = useCache ? hashSeries(request) : '';
    const cached = useCache ? cachedResult(request, hash) : undefined;
    if (cached) {
      return { ...cached, elapsedMs: now() - started };
    }
    const memory = useCache ? recallMemory(request) : undefined;
    const run = await runForecast(request.series, request.forecast, memory);
    if (!run.outcome.ok) {
      // Too short or irregular to model: the robust detector still answers the anomaly question.
      const fallback = robustAnomalies(request);
      return fallback.length
        ? { id, ok: false, error: run.outcome, anomalies: fallback, elapsedMs: now() - started }
        : { id, ok: false, error: run.outcome, elapsedMs: now() - started };
    }
    if (useCache && run.memory) {
      rememberModel(request, run.memory, memory !== undefined);
    }
    let anomalies: AnomalyInterval[] = [];
    if (request.anomalies && run.prepared) {
      // Calibrated against the series' own errors, not the forecast band: a band's 95 % is 5 % of
      // points outside by design, and its width is wrong on bursty and quantised series.
      anomalies = calibratedAnomalies(run.prepared, request.anomalies);
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

function isArrayLike(x: unknown): boolean {
  return (
    x !== null &&
    (Array.isArray(x) ||
      ArrayBuffer.isView(x) ||
      (typeof x === 'object' && Number.isInteger((x as ArrayLike<unknown>).length)))
  );
}

/**
 * Requests arrive over postMessage from code that may not be typed; a malformed one gets a reason
 * that names what is wrong instead of 'internal'.
 */
export function malformedRequest(request: AnalysisRequest): CannotModel | undefined {
  if (typeof request !== 'object' || request === null) {
    return cannotModel(
      'unsupported',
      `The analysis request must be an object (got ${request === null ? 'null' : typeof request}).`
    );
  }
  const series: unknown = request.series;
  if (series === null || series === undefined) {
    return cannotModel('empty', 'The request has no series; check the query returns data.');
  }
  if (typeof series !== 'object') {
    return cannotModel(
      'unsupported',
      `The series must be an object with timestamps and values (got ${typeof series}).`
    );
  }
  const { timestamps, values } = series as Partial<SeriesInput>;
  if ((timestamps ?? null) === null || (values ?? null) === null) {
    return cannotModel('empty', 'The series has no timestamps or no values; check the query returns data.');
  }
  if (!isArrayLike(timestamps) || !isArrayLike(values)) {
    return cannotModel('unsupported', 'The series timestamps and values must be arrays.');
  }
  if (typeof request.forecast !== 'object' || request.forecast === null) {
    return cannotModel('unsupported', 'The request has no forecast options; give at least a model and a horizon.');
  }
  if (request.capacityThreshold !== undefined && typeof request.capacityThreshold !== 'number') {
    return cannotModel(
      'unsupported',
      `The capacity threshold must be a number (got ${typeof request.capacityThreshold}).`
    );
  }
  return undefined;
}

/** For series that cannot be modelled: robust rolling-median anomalies, or [] when even that is impossible. */
export function robustAnomalies(request: AnalysisRequest): AnomalyInterval[] {
  if (!request.anomalies) {
    return [];
  }
  const prepared = prepareSeries(request.series, { minPoints: 5 });
  return 'values' in prepared ? detectMadAnomalies(prepared, request.anomalies) : [];
}
