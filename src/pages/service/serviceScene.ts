import { EmbeddedScene, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import { DataStatusBanner } from '../../components/DataStatusBanner/DataStatusBanner';
import { finderQueries } from '../../queries/bottleneck';
import { serviceQueries } from '../../queries/service';
import type { AppSettings } from '../../settings/resolve';
import { deployMarkers } from '../shared/deployMarkers';
import { makeControls, makeTimeRange } from '../shared/sceneParts';

import { serviceStats } from './servicePanels';
import { ServiceTabsScene } from './ServiceTabsScene';
import { makeServiceVariables } from './serviceVariables';
import { WhatMovesWithLatency } from './WhatMovesWithLatency';

/** The Service Deep-Dive's root scene for one service: time range, `ds`/`instance`/`endpoint`, tabs. */
export function buildServiceScene(service: string, settings: AppSettings): EmbeddedScene {
  const { convention, slo } = settings;
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: makeServiceVariables(convention, service, settings.prometheusUid),
    $data: deployMarkers({ kind: 'service', service }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        // A direct child (no growing SceneFlexItem), so an empty banner takes no space.
        new DataStatusBanner({ convention, datasourceConfigured: Boolean(settings.prometheusUid) }),
        new SceneFlexItem({
          height: 140,
          body: new SceneFlexLayout({
            direction: 'row',
            children: serviceStats(serviceQueries(convention, service), slo).map((body) => new SceneFlexItem({ body })),
          }),
        }),
        new SceneFlexItem({ body: new WhatMovesWithLatency({ service, queries: finderQueries(convention, service) }) }),
        new SceneFlexItem({ body: new ServiceTabsScene({ context: { service, convention, slo } }) }),
      ],
    }),
  });
}
