import { locationService } from '@grafana/runtime';
import { type SceneAppPage, getUrlWithAppState } from '@grafana/scenes';
import { type RouteObject, matchRoutes } from 'react-router-dom';

import pluginJson from '../../../../plugin.json';
import { PLUGIN_BASE_URL } from '../../../constants';
import { APP_PAGES } from '../../../pages/pages';
import { resolveAppSettings } from '../../../settings/resolve';
import { LIST_PAGE_URL_KEYS, ROUTES, URL_KEYS, prefixRoute } from '../../../utils/routing';
import { buildSceneApp } from '../App';

const app = buildSceneApp(resolveAppSettings({ prometheusDatasourceUid: 'prom' }));
const pages = app.state.pages as SceneAppPage[];
const [overview, services] = pages;

/** The page React Router renders for a browser path: Grafana mounts the app at /a/<id>/*. */
function pageFor(pathname: string): SceneAppPage | undefined {
  const routes: RouteObject[] = [
    { path: `${PLUGIN_BASE_URL}/*`, children: pages.map((p, i) => ({ path: p.state.routePath, id: String(i) })) },
  ];
  const leaf = matchRoutes(routes, pathname)?.at(-1);
  return leaf?.route.id === undefined ? undefined : pages[Number(leaf.route.id)];
}

const includedPagePaths = pluginJson.includes
  .filter((i) => i.type === 'page')
  .map((i) => ('path' in i ? String(i.path) : '').replace('%PLUGIN_ID%', pluginJson.id));

describe('buildSceneApp', () => {
  it('routes /overview (home) and /services with URL sync on', () => {
    expect(app.state.urlSyncOptions).toEqual({ updateUrlOnInit: true, createBrowserHistorySteps: true });
    expect(overview.state.url).toBe('/a/codesentinel-analytics-app/overview');
    expect(overview.state.routePath).toBe('overview/*');
    expect(services.state.url).toBe('/a/codesentinel-analytics-app/services');
    expect(services.state.routePath).toBe('services/*');
  });

  it('has one page per table entry, in nav order, then the redirect', () => {
    expect(pages.map((p) => p.state.title)).toEqual([...APP_PAGES.map((p) => p.title), '']);
    expect(pages.map((p) => p.state.routePath)).toEqual([...Object.values(ROUTES).map(() => expect.any(String)), '*']);
  });

  it('drills down from /services to /services/:service with an encoded URL and a breadcrumb back', () => {
    const [drilldown] = services.state.drilldowns ?? [];
    expect(drilldown.routePath).toBe(':service/*');
    const page = drilldown.getPage({ params: { service: 'check out/v2' }, url: '', path: '', isExact: true }, services);
    expect(page.state.title).toBe('check out/v2');
    expect(page.state.url).toBe('/a/codesentinel-analytics-app/services/check%20out%2Fv2');
    expect(page.state.getParentPage?.()).toBe(services);
  });

  it("the Services breadcrumb keeps the time range and data source but drops the deep-dive's tab and variables", () => {
    const deepDiveSearch = {
      from: 'now-6h',
      to: 'now',
      timezone: 'utc',
      refresh: '1m',
      [URL_KEYS.datasource]: 'prom',
      [URL_KEYS.serviceTab]: 'latency',
      'var-instance': '10.0.0.1:8080',
      'var-endpoint': '/checkout',
    };
    const breadcrumb = getUrlWithAppState(services.state.url, deepDiveSearch, services.state.preserveUrlKeys);
    const params = new URLSearchParams(breadcrumb.split('?')[1]);
    expect([...params.keys()].sort()).toEqual([...LIST_PAGE_URL_KEYS].sort());
    expect(params.get('from')).toBe('now-6h');
    expect(params.get(URL_KEYS.datasource)).toBe('prom');
  });

  it('has a page for every page path in plugin.json, and the default nav is the overview', () => {
    expect(includedPagePaths.length).toBeGreaterThan(0);
    for (const path of includedPagePaths) {
      expect(pageFor(path)?.state.url).toBe(path);
    }
    const home = pluginJson.includes.find((i) => 'defaultNav' in i && i.defaultNav);
    expect(home && 'path' in home ? home.path : undefined).toBe('/a/%PLUGIN_ID%/overview');
  });

  it.each([
    PLUGIN_BASE_URL,
    `${PLUGIN_BASE_URL}/`,
    `${PLUGIN_BASE_URL}/no-such-page`,
    `${PLUGIN_BASE_URL}/overviews/x`,
  ])('%s lands on the redirect page, which replaces the URL with the home page', (path) => {
    const page = pageFor(path);
    expect(page?.state.routePath).toBe('*');
    locationService.push(path);
    const deactivate = page!.activate();
    expect(locationService.getLocation().pathname).toBe(prefixRoute(ROUTES.Overview));
    deactivate();
  });

  it('a deep-dive path is the Services page, not the redirect', () => {
    expect(pageFor(`${PLUGIN_BASE_URL}/services/checkout`)).toBe(services);
  });
});
