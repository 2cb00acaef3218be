// Grafana's "Time series to table" transformation lives in Grafana core, not @grafana/data; this is a
// condensed copy of grafana/grafana public/app/features/transformers/timeSeriesTable (options unused by
// the app left out): per refId, one row per series with its labels and a `Trend #<refId>` frame field
// that the table draws as a sparkline.
import {
  type DataFrame,
  type DataFrameWithValue,
  type DataTransformerInfo,
  type Field,
  FieldType,
  ReducerID,
  isTimeSeriesFrame,
  reduceField,
} from '@grafana/data';
import { map } from 'rxjs';

export function timeSeriesToTable(data: DataFrame[]): DataFrame[] {
  const result: DataFrame[] = [];
  const refIds = [...new Set(data.map((f) => f.refId).filter((r): r is string => r !== undefined))];
  for (const refId of refIds) {
    const labels = new Map<string, Field<string>>();
    const trend: Field<DataFrameWithValue> = { name: `Trend #${refId}`, type: FieldType.frame, config: {}, values: [] };
    for (const frame of data.filter((f) => f.refId === refId)) {
      if (!isTimeSeriesFrame(frame)) {
        result.push(frame);
        continue;
      }
      const time = frame.fields.find((f) => f.type === FieldType.time);
      for (const field of frame.fields.filter((f) => f.type === FieldType.number)) {
        const value = reduceField({ field, reducers: [ReducerID.lastNotNull] })[ReducerID.lastNotNull] || null;
        if (time) {
          trend.values.push({ fields: [time, field], length: field.values.length, value });
        }
        for (const [key, labelValue] of Object.entries(field.labels ?? {})) {
          if (!labels.has(key)) {
            labels.set(key, { name: key, type: FieldType.string, config: {}, values: [] });
          }
          labels.get(key)!.values.push(labelValue);
        }
      }
    }
    const fields: Field[] = [...labels.values(), ...(trend.values.length ? [trend] : [])];
    if (fields.length) {
      result.push({ refId, fields, length: Math.max(...fields.map((f) => f.values.length)) });
    }
  }
  return result.concat(data.filter((f) => f.refId === undefined));
}

export const timeSeriesTableTransformer: DataTransformerInfo<Record<string, unknown>> = {
  id: 'timeSeriesTable',
  name: 'Time series to table',
  description: 'Converts time series to table rows with a sparkline (harness copy of the core transformation).',
  defaultOptions: {},
  operator: () => (source) => source.pipe(map((data) => timeSeriesToTable(data))),
};
