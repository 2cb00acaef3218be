import { PanelBuilders, SceneDataTransformer, type VizPanel } from '@grafana/scenes';
import { MappingType, TableCellBackgroundDisplayMode, TableCellDisplayMode } from '@grafana/schema';

import type { DeploymentQueries } from '../../queries/deployments';
import { promRunner } from '../shared/panels';
import { instantQuery } from '../shared/sceneParts';
import { HEALTHY_SHARE_THRESHOLDS } from '../shared/thresholds';

export const DEPLOY_COLUMNS = {
  lastResult: 'Last result',
  sinceLastRun: 'Last run',
  lastDuration: 'Last duration',
  runs: 'Runs in range',
  successRatio: 'Success rate',
} as const;

/**
 * One row per service and environment. Every query groups by the same two labels, so `merge` lines
 * the instant results up on them; failed services sort first.
 */
export function deploymentsTableData(q: DeploymentQueries): SceneDataTransformer {
  return new SceneDataTransformer({
    $data: promRunner(
      instantQuery('result', q.lastResult),
      instantQuery('since', q.sinceLastRun),
      instantQuery('duration', q.lastDuration),
      instantQuery('runs', q.runsInRange),
      instantQuery('success', q.successRatio)
    ),
    transformations: [
      { id: 'merge', options: {} },
      {
        id: 'organize',
        options: {
          excludeByName: { Time: true },
          indexByName: { service: 0, environment: 1 },
          renameByName: {
            service: 'Service',
            environment: 'Environment',
            'Value #result': DEPLOY_COLUMNS.lastResult,
            'Value #since': DEPLOY_COLUMNS.sinceLastRun,
            'Value #duration': DEPLOY_COLUMNS.lastDuration,
            'Value #runs': DEPLOY_COLUMNS.runs,
            'Value #success': DEPLOY_COLUMNS.successRatio,
          },
        },
      },
      { id: 'sortBy', options: { sort: [{ field: DEPLOY_COLUMNS.lastResult, desc: false }] } },
    ],
  });
}

export function deploymentsTable(q: DeploymentQueries): VizPanel {
  return PanelBuilders.table()
    .setTitle('Deployments per service')
    .setDescription(
      'Latest run per service and environment (failed first), with run count and success rate over the time range.'
    )
    .setData(deploymentsTableData(q))
    .setNoValue('No deployments pushed to the Pushgateway yet')
    .setOverrides((b) =>
      b
        .matchFieldsWithName(DEPLOY_COLUMNS.lastResult)
        .overrideMappings([
          {
            type: MappingType.ValueToText,
            options: { '1': { text: 'Succeeded', color: 'green' }, '0': { text: 'Failed', color: 'red' } },
          },
        ])
        .overrideCustomFieldConfig('cellOptions', {
          type: TableCellDisplayMode.ColorBackground,
          mode: TableCellBackgroundDisplayMode.Basic,
        })
        .matchFieldsWithName(DEPLOY_COLUMNS.sinceLastRun)
        .overrideUnit('s')
        .overrideDecimals(0)
        .matchFieldsWithName(DEPLOY_COLUMNS.lastDuration)
        .overrideUnit('s')
        .matchFieldsWithName(DEPLOY_COLUMNS.runs)
        .overrideUnit('short')
        .overrideDecimals(0)
        .matchFieldsWithName(DEPLOY_COLUMNS.successRatio)
        .overrideUnit('percentunit')
        .overrideDecimals(1)
        .overrideThresholds(HEALTHY_SHARE_THRESHOLDS)
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.ColorText })
    )
    .build();
}
