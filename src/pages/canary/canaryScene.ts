import { EmbeddedScene, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import { VAR_SERVICE_EXPR } from '../../constants';
import { resolveCanaryConfig } from '../../settings/canary';
import type { AppSettings } from '../../settings/resolve';
import { deployMarkers } from '../shared/deployMarkers';
import { makeControls, makeTimeRange } from '../shared/sceneParts';

import { CanaryAnalysis } from './CanaryAnalysis';
import { makeCanaryVariables } from './canaryVariables';

/** The Canary Analysis root scene: time range (the analysis window), selection variables, controls. */
export function buildCanaryScene(settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: makeCanaryVariables(settings.convention, settings.prometheusUid),
    $data: deployMarkers({ kind: 'variable', variable: VAR_SERVICE_EXPR }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({
          body: new CanaryAnalysis({ convention: settings.convention, config: resolveCanaryConfig(settings.jsonData.canary) }),
        }),
      ],
    }),
  });
}
