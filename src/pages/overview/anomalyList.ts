// "Anomalies to investigate" as pure functions: the overview's per-service frames (request rate,
// error ratio, p95 latency) → one series per service and signal → engine requests → every
// anomalous interval, ranked by calibrated severity, with a link to the deep-dive at that time.
import { type DataFrame, FieldType } from '@grafana/data';

import type { AnalysisRequest, AnalysisResult } from '../../analytics';
import { URL_KEYS, serviceUrl } from '../../utils/routing';

import { SIGNALS, type SignalSpec } from './anomalySignals';

export { SIGNALS, anomalyTitle, signalSpec, type Signal, type SignalSpec } from './anomalySignals';

/** The work budget: at most this many series go to the pool (the busiest services first). */
export const MAX_SERIES = 90;
/** The forecast panel's default sensitivity: the same sensitivity means the same false-alarm rate. */
const SENSITIVITY = 0.75;
/** Context shown around an interval on the deep-dive. */
const CONTEXT_MS = 3 * 3_600_000;

export interface SignalSeries {
  key: string;
  service: string;
  spec: SignalSpec;
  timestamps: number[];
  values: Array<number | null>;
}

export interface InvestigateRow {
  key: string;
  service: string;
  signal: string;
  startMs: number;
  endMs: number;
  severity: number;
  direction: 'above' | 'below';
  live: boolean;
  reason: string;
  href: string;
}

function mean(values: Array<number | null>): number {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : 0;
}

/** One series per (signal, service); at most MAX_SERIES, the busiest request rates first. */
export function signalSeriesFromFrames(frames: DataFrame[], serviceLabel: string): SignalSeries[] {
  const out: SignalSeries[] = [];
  for (const frame of frames) {
    const spec = SIGNALS.find((s) => s.refId === frame.refId);
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!spec || !time) {
      continue;
    }
    for (const field of frame.fields) {
      const service = field.labels?.[serviceLabel];
      if (field.type !== FieldType.number || !service) {
        continue;
      }
      const values = Array.from(field.values as ArrayLike<unknown>, (v) =>
        typeof v === 'number' && Number.isFinite(v) ? v : null
      );
      out.push({
        key: `${spec.signal}:${service}`,
        service,
        spec,
        timestamps: Array.from(time.values as ArrayLike<number>),
        values,
      });
    }
  }
  const load = new Map(out.filter((s) => s.spec.signal === 'requests').map((s) => [s.service, mean(s.values)]));
  return out.sort((a, b) => (load.get(b.service) ?? 0) - (load.get(a.service) ?? 0)).slice(0, MAX_SERIES);
}

/** A cheap linear fit carries the request: the anomalies come from the calibrated detector. */
export function anomalyRequests(series: SignalSeries[]): AnalysisRequest[] {
  return series.map((s) => ({
    id: s.key,
    series: { timestamps: s.timestamps, values: s.values },
    forecast: { model: 'linear', horizon: 1 },
    anomalies: { direction: s.spec.direction, sensitivity: SENSITIVITY, minDeviation: s.spec.minDeviation },
  }));
}

export function deepDiveHref(service: string, startMs: number, endMs: number, datasourceUid?: string): string {
  const params = new URLSearchParams({
    [URL_KEYS.timeFrom]: String(Math.round(startMs - CONTEXT_MS)),
    [URL_KEYS.timeTo]: String(Math.round(endMs + CONTEXT_MS)),
  });
  if (datasourceUid) {
    params.set(URL_KEYS.datasource, datasourceUid);
  }
  return `${serviceUrl(service)}?${params.toString()}`;
}

/** Every interval of every finished series, most severe first. */
export function investigateRows(
  series: SignalSeries[],
  results: Map<string, AnalysisResult>,
  datasourceUid?: string
): InvestigateRow[] {
  const rows: InvestigateRow[] = [];
  for (const s of series) {
    const result = results.get(s.key);
    for (const interval of result?.anomalies ?? []) {
      rows.push({
        key: `${s.key}@${interval.startMs}`,
        service: s.service,
        signal: s.spec.label,
        startMs: interval.startMs,
        endMs: interval.endMs,
        severity: interval.severity ?? interval.score,
        direction: interval.direction,
        live: interval.view === 'live',
        reason: interval.reason,
        href: deepDiveHref(s.service, interval.startMs, interval.endMs, datasourceUid),
      });
    }
  }
  return rows.sort((a, b) => b.severity - a.severity || a.startMs - b.startMs);
}
