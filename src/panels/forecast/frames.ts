import { type DataFrame, DataFrameType, DataTopic, type Field, FieldType, getFieldDisplayName } from '@grafana/data';

/** One plottable, modellable series pulled out of whatever frames the query returned. */
export interface PanelSeries {
  /** Stable across refreshes of the same query (used to key engine requests and colours). */
  id: string;
  name: string;
  refId?: string;
  /** Ascending epoch milliseconds. */
  timestamps: number[];
  values: Array<number | null>;
  /** The value field as the query produced it: unit, decimals, colour and per-series overrides. */
  field: Field;
}

export interface ExtractedSeries {
  series: PanelSeries[];
  /** Frames that had numbers but no time field, so cannot be drawn over time. */
  framesWithoutTime: number;
}

/**
 * Accepts the three shapes time-series data sources produce: Prometheus (one frame per series,
 * labels on the value field), wide frames (Elasticsearch date histograms: one time field and several
 * metric fields) and long frames (SQL-style: repeated timestamps and label columns).
 */
export function extractSeries(frames: DataFrame[]): ExtractedSeries {
  const series: PanelSeries[] = [];
  let framesWithoutTime = 0;
  frames.forEach((frame, frameIndex) => {
    if (frame.meta?.dataTopic === DataTopic.Annotations) {
      return;
    }
    const timeField = frame.fields.find((f) => f.type === FieldType.time);
    const numberFields = frame.fields.filter((f) => f.type === FieldType.number);
    if (numberFields.length === 0) {
      return;
    }
    if (!timeField) {
      framesWithoutTime++;
      return;
    }
    const parts = isLongFrame(frame, timeField) ? partitionLongFrame(frame, timeField) : [frame];
    parts.forEach((part, partIndex) => {
      const partTime = part.fields.find((f) => f.type === FieldType.time)!;
      for (const field of part.fields) {
        if (field.type !== FieldType.number) {
          continue;
        }
        const name = getFieldDisplayName(field, part, frames);
        const key = `${frame.refId ?? ''}/${frameIndex}/${partIndex}/${field.name}/${labelKey(field.labels)}`;
        series.push({ id: key, name, refId: frame.refId, field, ...ascending(partTime, field) });
      }
    });
  });
  return { series: uniqueNames(series), framesWithoutTime };
}

function isLongFrame(frame: DataFrame, timeField: Field): boolean {
  if (frame.meta?.type === DataFrameType.TimeSeriesLong) {
    return true;
  }
  const hasLabelColumns = frame.fields.some((f) => f.type === FieldType.string);
  if (!hasLabelColumns) {
    return false;
  }
  // Label columns in a wide frame are rare; repeated timestamps are what make a frame long.
  const seen = new Set<number>();
  for (const t of timeField.values) {
    if (seen.has(t)) {
      return true;
    }
    seen.add(t);
  }
  return false;
}

/** Splits a long frame into one wide frame per distinct combination of its string columns. */
export function partitionLongFrame(frame: DataFrame, timeField: Field): DataFrame[] {
  const labelFields = frame.fields.filter((f) => f.type === FieldType.string);
  const numberFields = frame.fields.filter((f) => f.type === FieldType.number);
  const rowsByKey = new Map<string, number[]>();
  for (let row = 0; row < frame.length; row++) {
    const key = JSON.stringify(labelFields.map((f) => f.values[row] ?? ''));
    const rows = rowsByKey.get(key);
    if (rows) {
      rows.push(row);
    } else {
      rowsByKey.set(key, [row]);
    }
  }
  return Array.from(rowsByKey.values()).map((rows) => {
    const labels: Record<string, string> = {};
    for (const f of labelFields) {
      labels[f.name] = String(f.values[rows[0]] ?? '');
    }
    const pick = (f: Field): Field => ({ ...f, values: rows.map((r) => f.values[r]) });
    return {
      refId: frame.refId,
      name: frame.name,
      length: rows.length,
      fields: [pick(timeField), ...numberFields.map((f) => ({ ...pick(f), labels: { ...f.labels, ...labels } }))],
    };
  });
}

function ascending(timeField: Field, valueField: Field): { timestamps: number[]; values: Array<number | null> } {
  if (isClean(timeField.values, valueField.values)) {
    // The common case (Prometheus, Elasticsearch): no copy, no garbage.
    return { timestamps: timeField.values, values: valueField.values };
  }
  const n = Math.min(timeField.values.length, valueField.values.length);
  const timestamps = new Array<number>(n);
  const values = new Array<number | null>(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    timestamps[i] = toEpochMs(timeField.values[i]);
    values[i] = toNumber(valueField.values[i]);
    if (i > 0 && timestamps[i] < timestamps[i - 1]) {
      sorted = false;
    }
  }
  if (sorted) {
    return { timestamps, values };
  }
  const order = timestamps.map((_, i) => i).sort((a, b) => timestamps[a] - timestamps[b]);
  return { timestamps: order.map((i) => timestamps[i]), values: order.map((i) => values[i]) };
}

/** Ascending epoch-ms numbers, and finite numbers or nulls of the same length: usable as they are. */
function isClean(times: unknown[], values: unknown[]): boolean {
  if (!Array.isArray(times) || !Array.isArray(values) || times.length !== values.length) {
    return false;
  }
  let previous = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    const v = values[i];
    if (typeof t !== 'number' || !(t >= previous) || (v !== null && !Number.isFinite(v))) {
      return false;
    }
    previous = t;
  }
  return true;
}

function toEpochMs(value: unknown): number {
  if (typeof value === 'number') {
    return value;
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

/** Data sources send gaps as null, NaN or (Prometheus text) "NaN"; the engine wants null. */
function toNumber(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function labelKey(labels: Record<string, string> | undefined): string {
  if (!labels) {
    return '';
  }
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function uniqueNames(series: PanelSeries[]): PanelSeries[] {
  const counts = new Map<string, number>();
  return series.map((s) => {
    const seen = counts.get(s.name) ?? 0;
    counts.set(s.name, seen + 1);
    return seen === 0 ? s : { ...s, name: `${s.name} (${seen + 1})` };
  });
}
