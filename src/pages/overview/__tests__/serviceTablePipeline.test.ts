import { type DataTransformerConfig, FieldType, toDataFrame } from '@grafana/data';

import {
  applyTransformations,
  column,
  columnNames,
  instantTableFrame,
} from '../../../../tests/support/scenes/transformTestUtils';
import { PRESETS } from '../../../queries/conventions';
import { overviewQueries } from '../../../queries/overview';
import { TABLE_COLUMNS, serviceTableTransformer } from '../serviceTable';

const q = overviewQueries(PRESETS.otel);
const label = 'service_name';

function frames() {
  const services = ['checkout', 'payments', 'search'];
  const rows = (values: number[]) => services.map((s, i) => ({ labels: [s], value: values[i] }));
  // What Grafana's timeSeriesTable step (a core transformer, not in @grafana/data) emits for the trend query.
  const trend = toDataFrame({
    refId: 'trend',
    fields: [
      { name: label, type: FieldType.string, values: services },
      { name: 'Trend #trend', type: FieldType.frame, values: services.map(() => toDataFrame({ fields: [] })) },
    ],
  });
  return [
    trend,
    instantTableFrame('rate', [label], rows([12, 3, 40])),
    instantTableFrame('errors', [label], rows([0.01, 0.2, 0])),
    instantTableFrame('p95', [label], rows([0.12, 0.9, 0.05])),
    instantTableFrame('availability', [label], rows([0.99, 0.8, 1])),
  ];
}

it('joins the per-service queries into one row per service, worst availability first', async () => {
  const transformations = serviceTableTransformer(q).state.transformations as DataTransformerConfig[];
  expect(transformations[0].id).toBe('timeSeriesTable');
  const [table, ...rest] = await applyTransformations(transformations.slice(1), frames());
  expect(rest).toEqual([]);
  expect(columnNames(table)).toEqual([
    TABLE_COLUMNS.service,
    TABLE_COLUMNS.trend,
    TABLE_COLUMNS.rate,
    TABLE_COLUMNS.errors,
    TABLE_COLUMNS.p95,
    TABLE_COLUMNS.availability,
  ]);
  expect(column(table, TABLE_COLUMNS.service)).toEqual(['payments', 'checkout', 'search']);
  expect(column(table, TABLE_COLUMNS.availability)).toEqual([0.8, 0.99, 1]);
  expect(column(table, TABLE_COLUMNS.rate)).toEqual([3, 12, 40]);
});

it('keeps a service that only some queries returned, with gaps instead of shifted values', async () => {
  const transformations = serviceTableTransformer(q).state.transformations as DataTransformerConfig[];
  const input = frames();
  // p95 missing for "search" (no histogram yet).
  input[3] = instantTableFrame(
    'p95',
    [label],
    [
      { labels: ['checkout'], value: 0.12 },
      { labels: ['payments'], value: 0.9 },
    ]
  );
  const [table] = await applyTransformations(transformations.slice(1), input);
  const services = column(table, TABLE_COLUMNS.service);
  const p95 = column(table, TABLE_COLUMNS.p95);
  expect(p95[services.indexOf('search')]).toBeUndefined();
  expect(p95[services.indexOf('payments')]).toBe(0.9);
});
