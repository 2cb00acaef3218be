import { type SceneAppPage } from '@grafana/scenes';

import pluginJson from '../../../plugin.json';
import { resolveAppSettings } from '../../../settings/resolve';
import { buildSceneApp } from '../App';

describe('buildSceneApp', () => {
  const app = buildSceneApp(resolveAppSettings({ prometheusDatasourceUid: 'prom' }));
  const [overview, services] = app.state.pages as SceneAppPage[];

  it('routes /overview (home) and /services with URL sync on', () => {
    expect(app.state.urlSyncOptions).toEqual({ updateUrlOnInit: true, createBrowserHistorySteps: true });
    expect(overview.state.url).toBe('/a/codesentinel-analytics-app/overview');
    expect(overview.state.routePath).toBe('overview/*');
    expect(services.state.url).toBe('/a/codesentinel-analytics-app/services');
    expect(services.state.routePath).toBe('services/*');
  });

  it('drills down from /services to /services/:service with an encoded URL and a breadcrumb back', () => {
    const [drilldown] = services.state.drilldowns ?? [];
    expect(drilldown.routePath).toBe(':service/*');
    const page = drilldown.getPage({ params: { service: 'check out/v2' }, url: '', path: '', isExact: true }, services);
    expect(page.state.title).toBe('check out/v2');
    expect(page.state.url).toBe('/a/codesentinel-analytics-app/services/check%20out%2Fv2');
    expect(page.state.getParentPage?.()).toBe(services);
  });

  it('has a page for every nav entry in plugin.json, and the default nav is the overview', () => {
    const urls = (app.state.pages as SceneAppPage[]).map((p) => p.state.url);
    const navPaths = pluginJson.includes
      .filter((i) => i.type === 'page')
      .map((i) => ('path' in i ? String(i.path) : '').replace('%PLUGIN_ID%', pluginJson.id));
    expect(navPaths.filter((path) => !urls.includes(path))).toEqual([]);
    const home = pluginJson.includes.find((i) => 'defaultNav' in i && i.defaultNav);
    expect(home && 'path' in home ? home.path : undefined).toBe('/a/%PLUGIN_ID%/overview');
  });
});
