import {
  EmbeddedScene,
  PanelBuilders,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneVariableSet,
  type VizPanel,
} from '@grafana/scenes';
import { GraphThresholdsStyleMode } from '@grafana/schema';

import { DataStatusBanner } from '../../components/DataStatusBanner/DataStatusBanner';
import { PROMETHEUS_DS_REF } from '../../constants';
import { type OverviewQueries, overviewQueries } from '../../queries/overview';
import type { AppSettings } from '../../utils/appSettings';
import {
  legendFor,
  makeControls,
  makePrometheusDatasourceVariable,
  makeTimeRange,
  rangeQuery,
} from '../shared/sceneParts';
import { errorRatioThresholds } from '../shared/thresholds';
import { overviewStats } from './overviewStats';
import { serviceTable } from './serviceTable';

function perServiceTimeseries(q: OverviewQueries, settings: AppSettings): VizPanel[] {
  const legend = legendFor(q.serviceLabel);
  const runner = (expr: string) =>
    new SceneQueryRunner({ datasource: PROMETHEUS_DS_REF, queries: [rangeQuery('A', expr, legend)] });
  return [
    PanelBuilders.timeseries()
      .setTitle('Requests per service')
      .setDescription('Request rate per service.')
      .setData(runner(q.perService.requestRate))
      .setUnit('reqps')
      .build(),
    PanelBuilders.timeseries()
      .setTitle('Error rate per service')
      .setDescription('Share of 5xx responses per service; dashed lines mark half and all of the error budget.')
      .setData(runner(q.perService.errorRatio))
      .setUnit('percentunit')
      .setThresholds(errorRatioThresholds(settings.slo))
      .setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.Dashed })
      .build(),
    PanelBuilders.timeseries()
      .setTitle('p95 latency per service')
      .setDescription('95th percentile request duration per service.')
      .setData(runner(q.perService.p95))
      .setUnit('s')
      .build(),
  ];
}

function statusBanner(settings: AppSettings): SceneFlexItem {
  return new SceneFlexItem({
    body: new DataStatusBanner({
      convention: settings.convention,
      datasourceConfigured: Boolean(settings.prometheusUid),
    }),
  });
}

/** The Services list: the overview's per-service table on its own page. */
export function buildServiceTableScene(settings: AppSettings): EmbeddedScene {
  const q = overviewQueries(settings.convention, { useRecordingRules: settings.useRecordingRules });
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: new SceneVariableSet({ variables: [makePrometheusDatasourceVariable(settings.prometheusUid)] }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [statusBanner(settings), new SceneFlexItem({ minHeight: 480, body: serviceTable(q, settings) })],
    }),
  });
}

/** The System Overview's root scene: it owns the time range, the `ds` variable and the controls. */
export function buildOverviewScene(settings: AppSettings): EmbeddedScene {
  const q = overviewQueries(settings.convention, { useRecordingRules: settings.useRecordingRules });
  const row = (panels: VizPanel[], height: number) =>
    new SceneFlexItem({
      height,
      body: new SceneFlexLayout({ direction: 'row', children: panels.map((body) => new SceneFlexItem({ body })) }),
    });

  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: new SceneVariableSet({ variables: [makePrometheusDatasourceVariable(settings.prometheusUid)] }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        statusBanner(settings),
        row(overviewStats(q, settings), 150),
        new SceneFlexItem({ minHeight: 360, body: serviceTable(q, settings) }),
        row(perServiceTimeseries(q, settings), 300),
      ],
    }),
  });
}
