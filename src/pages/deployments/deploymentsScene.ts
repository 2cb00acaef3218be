import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneVariableSet } from '@grafana/scenes';
import { ThresholdsMode } from '@grafana/schema';

import { VAR_ENVIRONMENT, VAR_SERVICE } from '../../constants';
import { deploymentQueries, deploymentVariableQueries } from '../../queries/deployments';
import type { AppSettings } from '../../settings/resolve';
import { multiQueryVariable } from '../shared/multiVariable';
import { statPanel, timeseriesPanel } from '../shared/panels';
import { makeControls, makePrometheusDatasourceVariable, makeTimeRange, rangeQuery } from '../shared/sceneParts';
import { HEALTHY_SHARE_THRESHOLDS } from '../shared/thresholds';

import { DEPLOY_TABLE_HEIGHT, deploymentsTable } from './deploymentsTable';

/** Deployment Pipeline: frequency, duration, success rate and last result per service. */
export function buildDeploymentsScene(settings: AppSettings): EmbeddedScene {
  const q = deploymentQueries();
  const v = deploymentVariableQueries();
  return new EmbeddedScene({
    // Deployments are rare events: a day shows a useful number of runs.
    $timeRange: makeTimeRange({ from: 'now-24h', to: 'now' }),
    $variables: new SceneVariableSet({
      variables: [
        makePrometheusDatasourceVariable(settings.prometheusUid),
        multiQueryVariable(VAR_SERVICE, 'Service', v.service.query),
        multiQueryVariable(VAR_ENVIRONMENT, 'Environment', v.environment.query),
      ],
    }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({
          height: 150,
          body: new SceneFlexLayout({
            direction: 'row',
            children: [
              statPanel({
                title: 'Deployments',
                description:
                  'Deployment runs in the time range: each new last-run timestamp pushed by CI, counting the first one only if it lies in the range.',
                expr: q.totalRuns,
                unit: 'short',
                decimals: 0,
                instant: true,
              }),
              statPanel({
                title: 'Success rate',
                description: 'Share of runs in the time range that succeeded.',
                expr: q.totalSuccessRatio,
                unit: 'percentunit',
                decimals: 1,
                thresholds: HEALTHY_SHARE_THRESHOLDS,
                instant: true,
              }),
              statPanel({
                title: 'Failing now',
                description: 'Services and environments whose latest deployment failed.',
                expr: q.failingNow,
                unit: 'short',
                decimals: 0,
                instant: true,
                thresholds: {
                  mode: ThresholdsMode.Absolute,
                  steps: [
                    { value: -Infinity, color: 'green' },
                    { value: 1, color: 'red' },
                  ],
                },
              }),
            ].map((body) => new SceneFlexItem({ body })),
          }),
        }),
        new SceneFlexItem({ minHeight: DEPLOY_TABLE_HEIGHT, body: deploymentsTable(q) }),
        new SceneFlexItem({
          height: 300,
          body: timeseriesPanel({
            title: 'Deployment duration',
            description: 'Duration of the latest run per service and environment; a step marks a new run.',
            unit: 's',
            queries: [rangeQuery('A', q.lastDuration, '{{service}} ({{environment}})')],
          }),
        }),
      ],
    }),
  });
}
