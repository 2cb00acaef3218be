import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute } from '../../utils/routing';

import { buildOverviewScene } from './overviewScene';

export function makeOverviewPage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'System Overview',
    subTitle: 'Error rate, latency, availability against your SLOs, and throughput for every service.',
    titleIcon: 'apps',
    url: prefixRoute(ROUTES.Overview),
    routePath: `${ROUTES.Overview}/*`,
    getScene: () => buildOverviewScene(settings),
  });
}
