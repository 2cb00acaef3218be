import { type QueryVariable, type SceneFlexLayout, SceneTimeRange } from '@grafana/scenes';

import { allExprs, panelByTitle, panelTitles } from '../../../../tests/support/scenes/sceneTestUtils';
import { DataStatusBanner } from '../../../components/DataStatusBanner/DataStatusBanner';
import { allPromQueries } from '../../../queries/catalogue';
import { resolveAppSettings } from '../../../settings/resolve';
import { buildServiceScene } from '../serviceScene';
import { SERVICE_TABS } from '../serviceTabs';
import { ServiceTabsScene } from '../ServiceTabsScene';

const settings = resolveAppSettings({ preset: 'istio', prometheusDatasourceUid: 'prom' });

function tabsOf(scene: ReturnType<typeof buildServiceScene>): ServiceTabsScene {
  const found = scene.state.body.state as { children: Array<{ state: { body: unknown } }> };
  const tabs = found.children.map((c) => c.state.body).find((b) => b instanceof ServiceTabsScene);
  if (!tabs) {
    throw new Error('no tabs');
  }
  return tabs as ServiceTabsScene;
}

describe('buildServiceScene', () => {
  const scene = buildServiceScene('checkout', settings);

  it('owns the time range and the ds, instance and endpoint variables', () => {
    expect(scene.state.$timeRange).toBeInstanceOf(SceneTimeRange);
    const vars = scene.state.$variables!.state.variables;
    expect(vars.map((v) => v.state.name)).toEqual(['ds', 'instance', 'endpoint']);
    const [, instance, endpoint] = vars as [unknown, QueryVariable, QueryVariable];
    expect(instance.state).toMatchObject({
      isMulti: true,
      includeAll: true,
      defaultToAll: true,
      allValue: '(?s:.*)',
      datasource: { uid: '${ds}', type: 'prometheus' },
      query: {
        query:
          'label_values(istio_requests_total{reporter="destination", destination_service_name="checkout"}, instance)',
      },
    });
    expect(endpoint.state.query).toMatchObject({
      query:
        'label_values(istio_requests_total{reporter="destination", destination_service_name="checkout", instance=~"${instance}"}, request_operation)',
    });
  });

  it('starts on the endpoints tab, with the stats above the tabs', () => {
    expect(tabsOf(scene).state.activeTab).toBe('endpoints');
    expect(panelTitles(scene)).toEqual([
      'Throughput',
      'Error rate',
      'p95 latency',
      'Availability',
      'Requests per endpoint',
      'Error rate per endpoint',
      'p95 latency per endpoint',
    ]);
  });

  it.each(SERVICE_TABS.map((t) => t.value))('tab %s sends only catalogue queries for this service', (value) => {
    const fresh = buildServiceScene('checkout', settings);
    tabsOf(fresh).setActiveTab(value);
    const catalogue = new Set(allPromQueries(settings.convention, { service: 'checkout' }).map((e) => e.expr));
    const exprs = allExprs(fresh);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
  });

  it('puts container CPU and memory beside the per-instance RED panels', () => {
    const fresh = buildServiceScene('checkout', settings);
    tabsOf(fresh).setActiveTab('instances');
    expect(panelTitles(fresh).slice(4)).toEqual([
      'Requests per instance',
      'Container CPU',
      'Error rate per instance',
      'Container memory',
      'p95 latency per instance',
    ]);
  });

  it('measures container CPU in cores, not a unitless axis', () => {
    const fresh = buildServiceScene('checkout', settings);
    tabsOf(fresh).setActiveTab('instances');
    expect(panelByTitle(fresh, 'Container CPU').state.fieldConfig.defaults.unit).toBe('suffix: cores');
  });

  it('puts the status banner directly in the column layout, so an empty banner takes no space', () => {
    expect((scene.state.body as SceneFlexLayout).state.children[0]).toBeInstanceOf(DataStatusBanner);
  });

  it('syncs the active tab with the URL and ignores unknown values', () => {
    const tabs = tabsOf(buildServiceScene('checkout', settings));
    expect(tabs.urlSync?.getKeys()).toEqual(['tab']);
    tabs.updateFromUrl({ tab: 'latency' });
    expect(tabs.getUrlState()).toEqual({ tab: 'latency' });
    expect(panelTitles(tabs)).toEqual(['Latency percentiles']);
    tabs.updateFromUrl({ tab: '"><script>' });
    expect(tabs.state.activeTab).toBe('latency');
  });

  it('a clone keeps its service: switching its tab builds panels for the same service', () => {
    const clone = tabsOf(buildServiceScene('checkout', settings)).clone();
    clone.setActiveTab('latency');
    const exprs = allExprs(clone);
    expect(exprs.length).toBeGreaterThan(0);
    expect(exprs.filter((e) => !e.includes('destination_service_name="checkout"'))).toEqual([]);
  });

  it('escapes a hostile service name in every query', () => {
    const hostile = buildServiceScene('a"} or vector(1) #', settings);
    const tabs = tabsOf(hostile);
    tabs.setActiveTab('instances');
    // The data-status check counts all request series and is not scoped to the service; the database
    // server's replication lag is one series for the whole server.
    const exprs = allExprs(hostile).filter((e) => !e.startsWith('count(') && !e.startsWith('max(pg_replication_lag'));
    expect(exprs.length).toBeGreaterThan(8);
    const literal = '"a\\"} or vector(1) #"';
    expect(
      exprs.filter(
        (e) =>
          !e.includes(`destination_service_name=${literal}`) &&
          !e.includes(`container=${literal}`) &&
          !e.includes(`datname=${literal}`) &&
          // The calls it makes: Istio's caller side names the service as the source.
          !e.includes(`source_canonical_service=${literal}`)
      )
    ).toEqual([]);
  });
});
