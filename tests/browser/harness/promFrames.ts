import { type DataFrame, FieldType, createDataFrame } from '@grafana/data';

interface PromMatrix {
  status: string;
  data: { resultType: 'matrix'; result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

/**
 * The frames Grafana's Prometheus data source builds from a range query: one frame per series, a
 * Time field and a Value field carrying the labels (and, with a legend format, a display name).
 * Sample values arrive as strings ("NaN", "+Inf" included) and are parsed the same way.
 */
export function promMatrixToFrames(
  response: PromMatrix,
  refId: string,
  legend: (labels: Record<string, string>) => string | undefined,
  config: DataFrame['fields'][number]['config'] = {}
): DataFrame[] {
  return response.data.result.map(({ metric, values }) => {
    const { __name__: name, ...labels } = metric;
    const displayName = legend(metric);
    return createDataFrame({
      refId,
      name: name ?? '',
      meta: { type: 'timeseries-multi' as never },
      fields: [
        { name: 'Time', type: FieldType.time, values: values.map(([t]) => t * 1000), config: {} },
        {
          name: 'Value',
          type: FieldType.number,
          labels,
          values: values.map(([, v]) => parseFloat(v)),
          config: displayName ? { ...config, displayNameFromDS: displayName } : config,
        },
      ],
    });
  });
}
