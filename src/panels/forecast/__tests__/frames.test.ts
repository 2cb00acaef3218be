import { DataFrameType, FieldType, createDataFrame, toDataFrame } from '@grafana/data';

import { extractSeries } from '../frames';

const t0 = Date.UTC(2026, 0, 1);
const min = 60_000;

describe('extractSeries', () => {
  it('reads Prometheus range results: one frame per series, labels on the value field', () => {
    const frames = ['checkout', 'payments'].map((service, i) =>
      createDataFrame({
        refId: 'A',
        name: `rate{service="${service}"}`,
        fields: [
          { name: 'Time', type: FieldType.time, values: [t0, t0 + min, t0 + 2 * min] },
          {
            name: 'Value',
            type: FieldType.number,
            values: [1 + i, 2 + i, 3 + i],
            labels: { service },
            config: { displayNameFromDS: `requests ${service}` },
          },
        ],
      })
    );
    const { series } = extractSeries(frames);
    expect(series.map((s) => s.name)).toEqual(['requests checkout', 'requests payments']);
    expect(series[1].values).toEqual([2, 3, 4]);
    expect(series[0].timestamps).toEqual([t0, t0 + min, t0 + 2 * min]);
    expect(new Set(series.map((s) => s.id)).size).toBe(2);
  });

  it('names label-only series the way Grafana does when the data source gives no display name', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'Time', type: FieldType.time, values: [t0, t0 + min] },
        { name: 'Value', type: FieldType.number, values: [1, 2], labels: { __name__: 'up', instance: 'checkout-0' } },
      ],
    });
    expect(extractSeries([frame]).series[0].name).toBe('{__name__="up", instance="checkout-0"}');
  });

  it('splits an Elasticsearch date histogram (wide frame, several metrics) into one series per metric', () => {
    const frame = toDataFrame({
      refId: 'B',
      fields: [
        { name: '@timestamp', type: FieldType.time, values: [t0, t0 + min, t0 + 2 * min] },
        { name: 'Count', type: FieldType.number, values: [10, 12, 9] },
        { name: 'Average duration_ms', type: FieldType.number, values: [120, null, 131] },
      ],
    });
    const { series } = extractSeries([frame]);
    expect(series.map((s) => s.name)).toEqual(['Count', 'Average duration_ms']);
    expect(series[1].values).toEqual([120, null, 131]);
  });

  it('partitions a long frame by its label columns', () => {
    const frame = createDataFrame({
      meta: { type: DataFrameType.TimeSeriesLong },
      fields: [
        { name: 'time', type: FieldType.time, values: [t0, t0, t0 + min, t0 + min] },
        { name: 'service', type: FieldType.string, values: ['auth', 'search', 'auth', 'search'] },
        { name: 'latency', type: FieldType.number, values: [1, 10, 2, 20] },
      ],
    });
    const { series } = extractSeries([frame]);
    expect(series).toHaveLength(2);
    expect(series.map((s) => s.field.labels)).toEqual([{ service: 'auth' }, { service: 'search' }]);
    expect(series[1].values).toEqual([10, 20]);
    expect(series[0].timestamps).toEqual([t0, t0 + min]);
  });

  it('detects a long frame without metadata from repeated timestamps', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [t0, t0, t0 + min] },
        { name: 'host', type: FieldType.string, values: ['a', 'b', 'a'] },
        { name: 'cpu', type: FieldType.number, values: [0.1, 0.5, 0.2] },
      ],
    });
    expect(extractSeries([frame]).series.map((s) => s.values)).toEqual([[0.1, 0.2], [0.5]]);
  });

  it('sorts out-of-order rows and turns NaN and text into gaps', () => {
    const frame = createDataFrame({
      fields: [
        { name: 'time', type: FieldType.time, values: [t0 + 2 * min, t0, t0 + min] },
        { name: 'v', type: FieldType.number, values: [NaN, 1, 'oops'] },
      ],
    });
    const [s] = extractSeries([frame]).series;
    expect(s.timestamps).toEqual([t0, t0 + min, t0 + 2 * min]);
    expect(s.values).toEqual([1, null, null]);
  });

  it('reports numeric frames without a time field and ignores empty frames', () => {
    const table = createDataFrame({ fields: [{ name: 'v', type: FieldType.number, values: [1] }] });
    const empty = createDataFrame({ fields: [] });
    expect(extractSeries([table, empty])).toEqual({ series: [], framesWithoutTime: 1 });
  });

  it('keeps display names unique', () => {
    const make = () =>
      createDataFrame({
        fields: [
          { name: 'time', type: FieldType.time, values: [t0] },
          { name: 'v', type: FieldType.number, values: [1], config: { displayNameFromDS: 'cpu' } },
        ],
      });
    expect(extractSeries([make(), make()]).series.map((s) => s.name)).toEqual(['cpu', 'cpu (2)']);
  });
});
