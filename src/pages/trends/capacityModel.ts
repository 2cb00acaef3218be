// Capacity rows as pure functions without @grafana/* (the backtest runs them in plain Node): series →
// engine requests → (with the engine's results) table rows sorted by what runs out first.
import {
  formatPercent,
  medianStepMs,
  type AnalysisRequest,
  type AnalysisResult,
  type CannotModelCode,
  type RegimeReport,
} from '../../analytics';
import type { CapacityTarget } from '../../queries/trends';

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
  /** The regime the fit used (since the last compaction, restart or scale-out), or the one too short to fit. */
  regime?: RegimeReport;
}

export function targetKey(target: CapacityTarget): string {
  return `${target.kind}:${resourceName(target)}`;
}

/** What the row shows: `demo/search-data`, `demo/checkout-0/checkout`, or the node. */
export function resourceName(target: CapacityTarget): string {
  switch (target.kind) {
    case 'volume':
      return `${target.namespace}/${target.claim}`;
    case 'node-cpu':
    case 'node-memory':
    case 'node-disk':
      return target.node;
    default:
      return `${target.namespace}/${target.pod}/${target.container}`;
  }
}

/** The badge of each kind of row: what is measured against what. */
export const CAPACITY_KIND_LABEL: Record<CapacityTarget['kind'], string> = {
  volume: 'Volume',
  memory: 'Memory of limit',
  'cpu-limit': 'CPU of limit',
  'cpu-request': 'CPU of request',
  'cpu-throttled': 'CPU throttled',
  'node-cpu': 'Node CPU',
  'node-memory': 'Node memory',
  'node-disk': 'Node disk',
};

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
        // A compaction, restart or scale-out in the window would bend the fit toward the old level.
        currentRegimeOnly: true,
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
    return {
      ...base,
      status: 'cannot-model',
      code,
      reason,
      ...(result.error.regime ? { regime: result.error.regime } : {}),
    };
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
  return {
    ...base,
    ...times,
    status: estimate.status,
    model,
    reason: estimate.reason,
    ...(estimate.regime ? { regime: estimate.regime } : {}),
  };
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
