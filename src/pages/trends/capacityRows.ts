// The time-to-exhaustion table as pure functions: data frames → one series per volume or container
// → engine requests → (with the engine's results) table rows sorted by what runs out first.
import { type DataFrame, FieldType } from '@grafana/data';

import { formatPercent, medianStepMs, type AnalysisRequest, type AnalysisResult, type CannotModelCode } from '../../analytics';
import type { CapacityTarget } from '../../queries/trends';

export const VOLUMES_REF_ID = 'volumes';
export const MEMORY_REF_ID = 'memory';

export interface CapacitySeries {
  /** Stable id (also the URL value of the selection), e.g. `volume:demo/checkout-data`. */
  key: string;
  target: CapacityTarget;
  /** What the row shows, e.g. `demo/checkout-data` or `demo/checkout-0/checkout`. */
  resource: string;
  timestamps: number[];
  /** Used share (0..1); null where the sample is missing or not a finite number. */
  values: Array<number | null>;
}

export type RowStatus = 'already-over' | 'crosses' | 'not-within-horizon' | 'cannot-model' | 'pending';

export interface CapacityRow {
  key: string;
  target: CapacityTarget;
  resource: string;
  /** Latest finite value (0..1), if any. */
  current?: number;
  status: RowStatus;
  earliestMs?: number;
  likelyMs?: number;
  latestMs?: number;
  /** The engine's sentence (or ours for flat series): shown as the row's explanation. */
  reason: string;
  /** e.g. "linear (OLS), 95 %" */
  model?: string;
  /** Set when the engine could not model the series. */
  code?: CannotModelCode;
}

export function targetKey(target: CapacityTarget): string {
  return target.kind === 'volume'
    ? `volume:${target.namespace}/${target.claim}`
    : `memory:${target.namespace}/${target.pod}/${target.container}`;
}

function resourceName(target: CapacityTarget): string {
  return target.kind === 'volume'
    ? `${target.namespace}/${target.claim}`
    : `${target.namespace}/${target.pod}/${target.container}`;
}

function targetFromLabels(refId: string | undefined, labels: Record<string, string>): CapacityTarget | undefined {
  const namespace = labels.namespace ?? '';
  if (refId === VOLUMES_REF_ID && labels.persistentvolumeclaim) {
    return { kind: 'volume', namespace, claim: labels.persistentvolumeclaim };
  }
  if (refId === MEMORY_REF_ID && labels.pod && labels.container) {
    return { kind: 'memory', namespace, pod: labels.pod, container: labels.container };
  }
  return undefined;
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * One series per volume and container. Frames of other queries, without a time field, or without
 * the identifying labels are skipped; the same target in two frames keeps the first.
 */
export function capacitySeriesFromFrames(frames: readonly DataFrame[] | undefined): CapacitySeries[] {
  const seen = new Set<string>();
  const out: CapacitySeries[] = [];
  for (const frame of frames ?? []) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const target = targetFromLabels(frame.refId, field.labels ?? {});
      if (!target) {
        continue;
      }
      const key = targetKey(target);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const timestamps = Array.from(time.values as ArrayLike<number>, Number);
      const values = Array.from(field.values as ArrayLike<unknown>, finiteOrNull);
      out.push({ key, target, resource: resourceName(target), timestamps, values });
    }
  }
  return out;
}

/** The median spacing of the timestamps (Prometheus range queries are regular), or undefined. */
export function stepOf(timestamps: readonly number[]): number | undefined {
  const step = medianStepMs(timestamps);
  return step > 0 ? step : undefined;
}

export interface CapacityRequestOptions {
  /** Threshold as a share (0.9 = 90 %). */
  threshold: number;
  horizonMs: number;
  trainingWindowMs: number;
  confidence: number;
}

/** Engine requests: auto model, the horizon in the series' own steps, the threshold to cross. */
export function capacityRequests(series: readonly CapacitySeries[], o: CapacityRequestOptions): AnalysisRequest[] {
  return series.map((s) => {
    const step = stepOf(s.timestamps) ?? o.horizonMs;
    return {
      id: s.key,
      series: { timestamps: s.timestamps, values: s.values },
      forecast: {
        model: 'auto',
        horizon: Math.max(1, Math.ceil(o.horizonMs / step)),
        confidence: o.confidence,
        trainingWindowMs: o.trainingWindowMs,
      },
      capacityThreshold: o.threshold,
    };
  });
}

function lastFinite(values: ReadonlyArray<number | null>): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && Number.isFinite(v)) {
      return v;
    }
  }
  return undefined;
}


function rowFromResult(s: CapacitySeries, result: AnalysisResult | undefined, threshold: number): CapacityRow {
  const current = lastFinite(s.values);
  const base = { key: s.key, target: s.target, resource: s.resource, ...(current !== undefined ? { current } : {}) };
  if (!result) {
    return { ...base, status: 'pending', reason: 'Estimating…' };
  }
  if (!result.ok) {
    const { code, reason } = result.error;
    // A flat series cannot be modelled, but its answer is plain: it is over the threshold or it
    // is not heading there.
    if (code === 'constant' && current !== undefined) {
      return current >= threshold
        ? {
            ...base,
            status: 'already-over',
            code,
            reason: `Flat at ${formatPercent(current)}, at or over the ${formatPercent(threshold)} threshold.`,
          }
        : {
            ...base,
            status: 'not-within-horizon',
            code,
            reason: `Flat at ${formatPercent(current)} over the range: no growth toward ${formatPercent(threshold)}.`,
          };
    }
    return { ...base, status: 'cannot-model', code, reason };
  }
  const model = result.forecast.model.label;
  const estimate = result.capacity;
  if (!estimate || estimate.status === 'cannot-model') {
    return { ...base, status: 'cannot-model', model, reason: estimate?.reason ?? 'No capacity estimate was returned.' };
  }
  const times = {
    ...(estimate.earliestMs !== undefined ? { earliestMs: estimate.earliestMs } : {}),
    ...(estimate.likelyMs !== undefined ? { likelyMs: estimate.likelyMs } : {}),
    ...(estimate.latestMs !== undefined ? { latestMs: estimate.latestMs } : {}),
  };
  return { ...base, ...times, status: estimate.status, model, reason: estimate.reason };
}

const STATUS_ORDER: Record<RowStatus, number> = {
  'already-over': 0,
  crosses: 1,
  'not-within-horizon': 2,
  pending: 3,
  'cannot-model': 4,
};

/** Soonest first: already over (fullest first), then by likely crossing, then the rest by fill. */
export function compareRows(a: CapacityRow, b: CapacityRow): number {
  const byStatus = STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
  if (byStatus !== 0) {
    return byStatus;
  }
  if (a.status === 'crosses') {
    const byLikely = (a.likelyMs ?? Infinity) - (b.likelyMs ?? Infinity);
    if (byLikely !== 0) {
      return byLikely;
    }
    const byEarliest = (a.earliestMs ?? Infinity) - (b.earliestMs ?? Infinity);
    if (byEarliest !== 0) {
      return byEarliest;
    }
  }
  if (a.current !== undefined && b.current !== undefined && a.current !== b.current) {
    return b.current - a.current;
  }
  if ((a.current === undefined) !== (b.current === undefined)) {
    return a.current === undefined ? 1 : -1;
  }
  return a.key.localeCompare(b.key);
}

/** One row per series (results matched by id; missing ones are still pending), sorted soonest first. */
export function capacityRows(
  series: readonly CapacitySeries[],
  results: ReadonlyMap<string, AnalysisResult>,
  threshold: number
): CapacityRow[] {
  return series.map((s) => rowFromResult(s, results.get(s.key), threshold)).sort(compareRows);
}

/** Whether every row failed for lack of history: the page then asks to widen the range. */
export function allTooShort(rows: readonly CapacityRow[]): boolean {
  return rows.length > 0 && rows.every((r) => r.status === 'cannot-model' && r.code === 'too-short');
}
