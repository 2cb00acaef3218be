// The app's pages as one table (logs-drilldown's Pages.tsx pattern): adding a page is one entry here
// plus its scene builder. The order is the nav order; plugin.json's `includes` lists the same routes.
import type { IconName } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import {
  EmbeddedScene,
  SceneAppPage,
  type SceneAppPageLike,
  type SceneAppDrilldownView,
  SceneFlexLayout,
} from '@grafana/scenes';

import type { AppSettings } from '../settings/resolve';
import { type AppRoute, HOME_ROUTE, LIST_PAGE_URL_KEYS, ROUTES, prefixRoute, serviceUrl } from '../utils/routing';

import { buildCanaryScene } from './canary/canaryScene';
import { buildDeploymentsScene } from './deployments/deploymentsScene';
import { buildInfrastructureScene } from './infrastructure/infrastructureScene';
import { buildOverviewScene, buildServiceTableScene } from './overview/overviewScene';
import { buildSatellitesScene } from './satellites/satellitesScene';
import { buildServiceScene } from './service/serviceScene';
import { buildTrendsScene } from './trends/trendsScene';

/** Route param of the Service Deep-Dive, `/services/:service`. */
export const SERVICE_PARAM = 'service';

export interface AppPageDefinition {
  route: AppRoute;
  title: string;
  subTitle: string;
  titleIcon: IconName;
  getScene: (settings: AppSettings) => EmbeddedScene;
  drilldowns?: (settings: AppSettings) => SceneAppDrilldownView[];
  /** Query keys the page's own URL (and so every breadcrumb to it) keeps; all of them when unset. */
  preserveUrlKeys?: string[];
}

export const APP_PAGES: readonly AppPageDefinition[] = [
  {
    route: ROUTES.Overview,
    title: 'System Overview',
    subTitle: 'Error rate, latency, availability against your SLOs, and throughput for every service.',
    titleIcon: 'apps',
    getScene: buildOverviewScene,
  },
  {
    route: ROUTES.Services,
    title: 'Services',
    subTitle: 'Every service, worst availability first. Pick one for its deep-dive.',
    titleIcon: 'sitemap',
    getScene: buildServiceTableScene,
    preserveUrlKeys: LIST_PAGE_URL_KEYS,
    drilldowns: (settings) => [
      {
        routePath: `:${SERVICE_PARAM}/*`,
        // React Router has already percent-decoded the param.
        getPage: (routeMatch, parent) => makeServiceDeepDivePage(routeMatch.params[SERVICE_PARAM], parent, settings),
      },
    ],
  },
  {
    route: ROUTES.Infrastructure,
    title: 'Infrastructure Health',
    subTitle: 'Scrape targets, node CPU, memory, disk and network, and container resources.',
    titleIcon: 'database',
    getScene: buildInfrastructureScene,
  },
  {
    route: ROUTES.Deployments,
    title: 'Deployment Pipeline',
    subTitle: 'How often each service deploys, how long it takes, how often it succeeds, and the latest result.',
    titleIcon: 'rocket',
    getScene: buildDeploymentsScene,
  },
  {
    route: ROUTES.Trends,
    title: 'Trends & Capacity',
    subTitle: 'Forecasts with prediction bands, time until volumes and memory run out, and the weekly traffic pattern.',
    titleIcon: 'chart-line',
    getScene: buildTrendsScene,
  },
  {
    route: ROUTES.Canary,
    title: 'Canary Analysis',
    subTitle: 'Compare a canary with its baseline: latency, errors and resources, with a verdict you can explain.',
    titleIcon: 'code-branch',
    getScene: buildCanaryScene,
  },
  {
    route: ROUTES.Satellites,
    title: 'Satellite Health',
    subTitle: 'Agent instruction procedures: usage, failure rate, task speed and feedback, from Elasticsearch.',
    titleIcon: 'book-open',
    getScene: buildSatellitesScene,
  },
];

export function makePage(page: AppPageDefinition, settings: AppSettings): SceneAppPage {
  return new SceneAppPage({
    title: page.title,
    subTitle: page.subTitle,
    titleIcon: page.titleIcon,
    url: prefixRoute(page.route),
    routePath: `${page.route}/*`,
    preserveUrlKeys: page.preserveUrlKeys,
    getScene: () => page.getScene(settings),
    drilldowns: page.drilldowns?.(settings),
  });
}

/** `/services/:service`: a drilldown whose breadcrumb leads back to the list. */
export function makeServiceDeepDivePage(
  service: string,
  parent: SceneAppPageLike,
  settings: AppSettings
): SceneAppPage {
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

/**
 * The app's root (`/a/<app id>`) and any path no page claims: replaces the URL with the home page, so
 * the README's quick-start link and a stale bookmark both land somewhere useful. React Router ranks
 * `*` below every named route, so it only ever catches what nothing else matches.
 */
export function makeRedirectPage(): SceneAppPage {
  return new SceneAppPage({
    title: '',
    url: prefixRoute(HOME_ROUTE),
    routePath: '*',
    hideFromBreadcrumbs: true,
    $behaviors: [() => locationService.replace(prefixRoute(HOME_ROUTE))],
    getScene: () => new EmbeddedScene({ body: new SceneFlexLayout({ children: [] }) }),
  });
}

/** Every page in nav order, then the redirect for the root and unknown paths. */
export function makeAppPages(settings: AppSettings): SceneAppPageLike[] {
  return [...APP_PAGES.map((page) => makePage(page, settings)), makeRedirectPage()];
}
