import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute } from '../../utils/routing';

import { buildTrendsScene } from './trendsScene';

export function makeTrendsPage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'Trends & Capacity',
    subTitle: 'Forecasts with prediction bands, time until volumes and memory run out, and the weekly traffic pattern.',
    titleIcon: 'chart-line',
    url: prefixRoute(ROUTES.Trends),
    routePath: `${ROUTES.Trends}/*`,
    getScene: () => buildTrendsScene(settings),
  });
}
