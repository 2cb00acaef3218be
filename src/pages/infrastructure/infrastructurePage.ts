import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute } from '../../utils/routing';

import { buildInfrastructureScene } from './infrastructureScene';

export function makeInfrastructurePage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'Infrastructure Health',
    subTitle: 'Scrape targets, node CPU, memory, disk and network, and container resources.',
    titleIcon: 'database',
    url: prefixRoute(ROUTES.Infrastructure),
    routePath: `${ROUTES.Infrastructure}/*`,
    getScene: () => buildInfrastructureScene(settings),
  });
}
