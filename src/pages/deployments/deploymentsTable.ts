import { PanelBuilders, SceneDataTransformer, type VizPanel } from '@grafana/scenes';
import { MappingType, TableCellBackgroundDisplayMode, TableCellDisplayMode } from '@grafana/schema';

import type { DeploymentQueries } from '../../queries/deployments';
import { promRunner } from '../shared/panels';
import { instantQuery } from '../shared/sceneParts';
import { HEALTHY_SHARE_THRESHOLDS } from '../shared/thresholds';

export const DEPLOY_COLUMNS = {
  lastResult: 'Last result',
  lastRunAt: 'Last run',
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
      instantQuery('lastRun', q.lastRunAtMs),
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
            'Value #lastRun': DEPLOY_COLUMNS.lastRunAt,
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

/** Rows the table shows without scrolling: the demo's 5 services × 2 environments. */
export const DEPLOY_TABLE_ROWS = 10;
/** Grafana's default table row and header height, plus the panel title bar and padding. */
const ROW_HEIGHT_PX = 36;
const PANEL_CHROME_PX = 32 + 16;

/** Height that fits the header and DEPLOY_TABLE_ROWS rows. */
export const DEPLOY_TABLE_HEIGHT = (DEPLOY_TABLE_ROWS + 1) * ROW_HEIGHT_PX + PANEL_CHROME_PX;

export function deploymentsTable(q: DeploymentQueries): VizPanel {
  return PanelBuilders.table()
    .setTitle('Deployments per service')
    .setDescription(
      'Latest run per service and environment (failed first), with run count and success rate over the time range.'
    )
    .setData(deploymentsTableData(q))
    // Per cell, so it must fit a narrow column: an empty panel says how to get data on its own.
    .setNoValue('–')
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
        .matchFieldsWithName(DEPLOY_COLUMNS.lastRunAt)
        // "1 hour ago": the query returns the finish time in Unix ms, what this unit reads.
        .overrideUnit('dateTimeFromNow')
        .matchFieldsWithName(DEPLOY_COLUMNS.lastDuration)
        .overrideUnit('s')
        .matchFieldsWithName(DEPLOY_COLUMNS.runs)
        .overrideUnit('short')
        .overrideDecimals(0)
        .matchFieldsWithName(DEPLOY_COLUMNS.successRatio)
        .overrideUnit('percentunit')
        .overrideDecimals(1)
        .overrideNoValue('No runs')
        .overrideThresholds(HEALTHY_SHARE_THRESHOLDS)
        .overrideColor({ mode: 'thresholds' })
        .overrideCustomFieldConfig('cellOptions', { type: TableCellDisplayMode.ColorText })
    )
    .build();
}
