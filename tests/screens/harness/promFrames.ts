// Turns Prometheus HTTP API results into the data frames Grafana's Prometheus data source returns:
// one frame per series with `Time` and `Value` fields (labels on the value field, the rendered
// legend as displayNameFromDS), and for `format: 'table'` instant queries one table frame per refId
// with a column per label and a `Value #<refId>` column when the request has several queries
// (grafana/grafana packages/grafana-prometheus result_transformer.ts transformDFToTable).
import { type DataFrame, FieldType } from '@grafana/data';

export interface PromSeries {
  metric: Record<string, string>;
  values?: Array<[number, string]>;
  value?: [number, string];
}

function renderLegend(legendFormat: string | undefined, labels: Record<string, string>): string | undefined {
  if (!legendFormat || legendFormat === '__auto') {
    return undefined;
  }
  return legendFormat.replace(/\{\{\s*(.+?)\s*\}\}/g, (_m, name: string) => labels[name] ?? '');
}

function points(series: PromSeries): Array<[number, string]> {
  return series.values ?? (series.value ? [series.value] : []);
}

export function seriesFrames(refId: string, result: PromSeries[], stepMs: number, legendFormat?: string): DataFrame[] {
  return result.map((series) => {
    const pts = points(series);
    const { __name__: metricName, ...labels } = series.metric;
    const displayNameFromDS = renderLegend(legendFormat, series.metric);
    return {
      refId,
      name: metricName ?? '',
      length: pts.length,
      fields: [
        { name: 'Time', type: FieldType.time, config: { interval: stepMs }, values: pts.map(([t]) => t * 1000) },
        {
          name: 'Value',
          type: FieldType.number,
          labels,
          config: displayNameFromDS ? { displayNameFromDS } : {},
          values: pts.map(([, v]) => Number(v)),
        },
      ],
    };
  });
}

export function tableFrame(refId: string, result: PromSeries[], valueName: string): DataFrame {
  const labelNames = [...new Set(result.flatMap((s) => Object.keys(s.metric)))].sort();
  const rows = result.map((s) => ({ labels: s.metric, point: points(s).at(-1) }));
  return {
    refId,
    length: rows.length,
    meta: { preferredVisualisationType: 'table' },
    fields: [
      { name: 'Time', type: FieldType.time, config: {}, values: rows.map((r) => (r.point?.[0] ?? 0) * 1000) },
      ...labelNames.map((name) => ({
        name,
        type: FieldType.string,
        config: { filterable: true },
        values: rows.map((r) => r.labels[name] ?? ''),
      })),
      {
        name: valueName,
        type: FieldType.number,
        config: {},
        values: rows.map((r) => (r.point ? Number(r.point[1]) : null)),
      },
    ],
  };
}
