import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute } from '../../utils/routing';

import { buildDeploymentsScene } from './deploymentsScene';

export function makeDeploymentsPage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'Deployment Pipeline',
    subTitle: 'How often each service deploys, how long it takes, how often it succeeds, and the latest result.',
    titleIcon: 'rocket',
    url: prefixRoute(ROUTES.Deployments),
    routePath: `${ROUTES.Deployments}/*`,
    getScene: () => buildDeploymentsScene(settings),
  });
}
