import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute } from '../../utils/routing';

import { buildCanaryScene } from './canaryScene';

export function makeCanaryPage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'Canary Analysis',
    subTitle: 'Compare a canary with its baseline: latency, errors and resources, with a verdict you can explain.',
    titleIcon: 'code-branch',
    url: prefixRoute(ROUTES.Canary),
    routePath: `${ROUTES.Canary}/*`,
    getScene: () => buildCanaryScene(settings),
  });
}
