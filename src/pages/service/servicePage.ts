import { SceneAppPage, type SceneAppPageLike } from '@grafana/scenes';

import type { AppSettings } from '../../settings/resolve';
import { ROUTES, prefixRoute, serviceUrl } from '../../utils/routing';
import { buildServiceTableScene } from '../overview/overviewScene';

import { buildServiceScene } from './serviceScene';

/** Route param of the drilldown, `/services/:service`. */
export const SERVICE_PARAM = 'service';

/**
 * `/services` lists the services (the overview's table); `/services/:service` is the Service
 * Deep-Dive, a drilldown whose breadcrumb leads back to the list.
 */
export function makeServicesPage(settings: AppSettings): SceneAppPageLike {
  return new SceneAppPage({
    title: 'Services',
    subTitle: 'Every service, worst availability first. Pick one for its deep-dive.',
    titleIcon: 'sitemap',
    url: prefixRoute(ROUTES.Services),
    routePath: `${ROUTES.Services}/*`,
    getScene: () => buildServiceTableScene(settings),
    drilldowns: [
      {
        routePath: `:${SERVICE_PARAM}/*`,
        // React Router has already percent-decoded the param.
        getPage: (routeMatch, parent) => makeServiceDeepDivePage(routeMatch.params[SERVICE_PARAM], parent, settings),
      },
    ],
  });
}

export function makeServiceDeepDivePage(
  service: string,
  parent: SceneAppPageLike,
  settings: AppSettings
): SceneAppPageLike {
  return new SceneAppPage({
    title: service,
    subTitle:
      'Service Deep-Dive: RED metrics per endpoint and instance, latency percentiles, errors by status code and container resources.',
    titleIcon: 'cube',
    url: serviceUrl(service),
    routePath: `:${SERVICE_PARAM}/*`,
    getParentPage: () => parent,
    getScene: () => buildServiceScene(service, settings),
  });
}
