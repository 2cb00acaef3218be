import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneVariableSet, type VizPanel } from '@grafana/scenes';

import { DataStatusBanner } from '../../components/DataStatusBanner/DataStatusBanner';
import { type OverviewQueries, overviewQueries } from '../../queries/overview';
import type { AppSettings } from '../../settings/resolve';
import { deployMarkers } from '../shared/deployMarkers';
import { row } from '../shared/layout';
import { timeseriesPanel } from '../shared/panels';
import {
  legendFor,
  makeControls,
  makePrometheusDatasourceVariable,
  makeTimeRange,
  rangeQuery,
} from '../shared/sceneParts';
import { errorRatioThresholds, latencyThresholds } from '../shared/thresholds';

import { AnomaliesToInvestigate } from './AnomaliesToInvestigate';
import { overviewStats } from './overviewStats';
import { serviceTableItem } from './serviceTable';

function perServiceTimeseries(q: OverviewQueries, settings: AppSettings): VizPanel[] {
  const legend = legendFor(q.serviceLabel);
  return [
    timeseriesPanel({
      title: 'Requests per service',
      description: 'Request rate per service.',
      unit: 'reqps',
      queries: [rangeQuery('A', q.perService.requestRate, legend)],
    }),
    timeseriesPanel({
      title: 'Error rate per service',
      description: 'Share of 5xx responses per service; dashed lines mark half and all of the error budget.',
      unit: 'percentunit',
      thresholds: errorRatioThresholds(settings.slo),
      queries: [rangeQuery('A', q.perService.errorRatio, legend)],
    }),
    timeseriesPanel({
      title: 'p95 latency per service',
      description: '95th percentile request duration per service; dashed lines mark 80 % and 100 % of the target.',
      unit: 's',
      thresholds: latencyThresholds(settings.slo),
      queries: [rangeQuery('A', q.perService.p95, legend)],
    }),
  ];
}

/** A direct child of the page's column layout, so it takes no space when it has nothing to say. */
function statusBanner(settings: AppSettings): DataStatusBanner {
  return new DataStatusBanner({
    convention: settings.convention,
    datasourceConfigured: Boolean(settings.prometheusUid),
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
      children: [statusBanner(settings), serviceTableItem(q, settings)],
    }),
  });
}

/** The System Overview's root scene: it owns the time range, the `ds` variable and the controls. */
export function buildOverviewScene(settings: AppSettings): EmbeddedScene {
  const q = overviewQueries(settings.convention, { useRecordingRules: settings.useRecordingRules });
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: new SceneVariableSet({ variables: [makePrometheusDatasourceVariable(settings.prometheusUid)] }),
    $data: deployMarkers(),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        statusBanner(settings),
        row(150, overviewStats(q, settings)),
        new SceneFlexItem({ body: new AnomaliesToInvestigate({ queries: q }) }),
        serviceTableItem(q, settings),
        row(300, perServiceTimeseries(q, settings)),
      ],
    }),
  });
}
