import { type DataTransformerConfig } from '@grafana/data';

import {
  applyTransformations,
  column,
  columnNames,
  instantTableFrame,
} from '../../../../tests/support/scenes/transformTestUtils';
import { deploymentQueries } from '../../../queries/deployments';
import { DEPLOY_COLUMNS, deploymentsTableData } from '../deploymentsTable';

it('merges results per service and environment, failed deployments first', async () => {
  const labels = ['environment', 'service'];
  const keys = [
    ['prod', 'checkout'],
    ['prod', 'payments'],
    ['staging', 'checkout'],
  ];
  const rows = (values: number[]) => keys.map((k, i) => ({ labels: k, value: values[i] }));
  const transformations = deploymentsTableData(deploymentQueries()).state.transformations as DataTransformerConfig[];
  const [table, ...rest] = await applyTransformations(transformations, [
    instantTableFrame('result', labels, rows([1, 0, 1])),
    instantTableFrame('lastRun', labels, rows([1_800_000_000_000, 1_800_000_600_000, 1_799_990_000_000])),
    instantTableFrame('duration', labels, rows([42, 130, 40])),
    instantTableFrame('runs', labels, rows([5, 3, 9])),
    instantTableFrame('success', labels, rows([1, 0.5, 0.9])),
  ]);
  expect(rest).toEqual([]);
  expect(columnNames(table)).toEqual([
    'Service',
    'Environment',
    DEPLOY_COLUMNS.lastResult,
    DEPLOY_COLUMNS.lastRunAt,
    DEPLOY_COLUMNS.lastDuration,
    DEPLOY_COLUMNS.runs,
    DEPLOY_COLUMNS.successRatio,
  ]);
  expect(column(table, 'Service')[0]).toBe('payments');
  expect(column(table, DEPLOY_COLUMNS.lastResult)[0]).toBe(0);
  expect(column(table, DEPLOY_COLUMNS.lastDuration)[0]).toBe(130);
  expect(column(table, DEPLOY_COLUMNS.lastRunAt)[0]).toBe(1_800_000_600_000);
  expect(table.length).toBe(3);
});
