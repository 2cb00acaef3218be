import { PanelBuilders, SceneDataTransformer, type VizPanel } from '@grafana/scenes';

import type { DeploymentQueries } from '../../queries/deployments';
import { promRunner } from '../shared/panels';
import { instantQuery } from '../shared/sceneParts';

export const DEPLOY_COLUMNS = { runs: 'Runs in range' } as const;

/** Rows the table shows without scrolling: the demo's 5 services × 2 environments. */
export const DEPLOY_TABLE_ROWS = 10;
/** Grafana's default table row and header height, plus the panel title bar and padding. */
const ROW_HEIGHT_PX = 36;
const PANEL_CHROME_PX = 32 + 16;

/** Height that fits the header and DEPLOY_TABLE_ROWS rows. */
export const DEPLOY_TABLE_HEIGHT = (DEPLOY_TABLE_ROWS + 1) * ROW_HEIGHT_PX + PANEL_CHROME_PX;

/** One row per service and environment with its exact number of runs in the range, most first. */
export function deploymentsTable(q: DeploymentQueries): VizPanel {
  return PanelBuilders.table()
    .setTitle('Runs per service')
    .setDescription('Deployment runs finished in the time range per service and environment (each CI run id once).')
    .setData(
      new SceneDataTransformer({
        $data: promRunner(instantQuery('runs', q.runCount)),
        transformations: [
          {
            id: 'organize',
            options: {
              excludeByName: { Time: true },
              indexByName: { service: 0, environment: 1 },
              renameByName: {
                service: 'Service',
                environment: 'Environment',
                Value: DEPLOY_COLUMNS.runs,
                'Value #runs': DEPLOY_COLUMNS.runs,
              },
            },
          },
          { id: 'sortBy', options: { sort: [{ field: DEPLOY_COLUMNS.runs, desc: true }] } },
        ],
      })
    )
    .setNoValue('No runs in the range')
    .setOverrides((b) => b.matchFieldsWithName(DEPLOY_COLUMNS.runs).overrideUnit('short').overrideDecimals(0))
    .build();
}
