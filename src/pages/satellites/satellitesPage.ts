import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute } from '../../utils/routing';

import { buildSatellitesScene } from './satellitesScene';

export function makeSatellitesPage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'Satellite Health',
    subTitle: 'Agent instruction procedures: usage, failure rate, task speed and feedback, from Elasticsearch.',
    titleIcon: 'book-open',
    url: prefixRoute(ROUTES.Satellites),
    routePath: `${ROUTES.Satellites}/*`,
    getScene: () => buildSatellitesScene(settings),
  });
}
