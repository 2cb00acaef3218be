import { EmbeddedScene, SceneFlexItem, SceneFlexLayout } from '@grafana/scenes';

import type { AppSettings } from '../../utils/appSettings';
import { makeControls, makeTimeRange } from '../shared/sceneParts';

import { CanaryAnalysis } from './CanaryAnalysis';
import { resolveCanaryConfig } from './canaryConfig';
import { makeCanaryVariables } from './canaryVariables';

/** The Canary Analysis root scene: time range (the analysis window), selection variables, controls. */
export function buildCanaryScene(settings: AppSettings): EmbeddedScene {
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: makeCanaryVariables(settings.convention, settings.prometheusUid),
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
