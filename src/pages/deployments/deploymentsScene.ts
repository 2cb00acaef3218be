import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneVariableSet } from '@grafana/scenes';

import { VAR_ENVIRONMENT, VAR_SERVICE, VAR_SERVICE_EXPR } from '../../constants';
import { deploymentQueries, deploymentVariableQueries } from '../../queries/deployments';
import type { AppSettings } from '../../settings/resolve';
import { deployMarkers } from '../shared/deployMarkers';
import { multiQueryVariable } from '../shared/multiVariable';
import { statPanel } from '../shared/panels';
import { makeControls, makePrometheusDatasourceVariable, makeTimeRange } from '../shared/sceneParts';

import { DeploymentRuns } from './DeploymentRuns';
import { DEPLOY_TABLE_HEIGHT, deploymentsTable } from './deploymentsTable';

/** DORA needs weeks, not hours: the demo's deploy history is 14 days. */
export const DEPLOYMENTS_TIME_RANGE = { from: 'now-14d', to: 'now' } as const;

/** Deployment Pipeline: exact run counts, the DORA measures, durations and the latest runs. */
export function buildDeploymentsScene(settings: AppSettings): EmbeddedScene {
  const q = deploymentQueries();
  const v = deploymentVariableQueries();
  return new EmbeddedScene({
    $timeRange: makeTimeRange(DEPLOYMENTS_TIME_RANGE),
    $variables: new SceneVariableSet({
      variables: [
        makePrometheusDatasourceVariable(settings.prometheusUid),
        multiQueryVariable(VAR_SERVICE, 'Service', v.service.query),
        multiQueryVariable(VAR_ENVIRONMENT, 'Environment', v.environment.query),
      ],
    }),
    $data: deployMarkers({ kind: 'variable', variable: VAR_SERVICE_EXPR }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({ body: new DeploymentRuns(q) }),
        new SceneFlexItem({
          height: DEPLOY_TABLE_HEIGHT,
          body: new SceneFlexLayout({
            direction: 'row',
            children: [
              new SceneFlexItem({
                width: 220,
                body: statPanel({
                  title: 'Deployments',
                  description:
                    'Runs finished in the time range, every environment: one per CI run id, however close together they finished.',
                  expr: q.totalRuns,
                  unit: 'short',
                  decimals: 0,
                  instant: true,
                }),
              }),
              new SceneFlexItem({ body: deploymentsTable(q) }),
            ],
          }),
        }),
      ],
    }),
  });
}
