// Just enough of Grafana's runtime for Scenes outside Grafana: config (theme, boot data), the data
// source service with the harness Prometheus, runRequest, a fetch-based backend service, the panel
// plugin loader and the page chrome. Everything else Grafana would provide is absent on purpose.
import {
  type DataQueryRequest,
  type DataSourceRef,
  EventBusSrv,
  type ScopedVars,
  type DataSourceApi,
  type GrafanaTheme2,
  LoadingState,
  type PanelData,
  type PanelPlugin,
  type TimeRange,
} from '@grafana/data';
import {
  type BackendSrv,
  type DataSourceSrv,
  type TemplateSrv,
  config,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setPluginImportUtils,
  setRunRequest,
  setTemplateSrv,
} from '@grafana/runtime';
// Not in @grafana/runtime's public exports; Grafana calls it at boot. Aliased in webpack.screens.ts.
import { sceneGraph } from '@grafana/scenes';
import { setPluginPage } from 'grafana-runtime-plugin-page';
import { type Observable, catchError, from, map, of, startWith } from 'rxjs';

import { ES_UID, esInstanceSettings, HarnessElasticsearch } from './elasticsearchDataSource';
import { HarnessPluginPage } from './HarnessPluginPage';
import { panelPlugins } from './panels';
import {
  HarnessPrometheus,
  LONG_TERM_UID,
  PROM_UID,
  longTermInstanceSettings,
  promInstanceSettings,
  sceneOf,
} from './prometheusDataSource';
import { registerStandardOptions } from './registries';

export const prometheus = new HarnessPrometheus();
export const longTerm = new HarnessPrometheus(longTermInstanceSettings);
export const elasticsearch = new HarnessElasticsearch();

/**
 * Like Grafana's DatasourceSrv: a `${ds}` reference is interpolated in the asking scene first; the
 * data sources that exist are the harness Prometheus, the long-term store (VictoriaMetrics) and the
 * harness Elasticsearch.
 */
function resolveUid(ref: DataSourceRef | string | null | undefined, scopedVars?: ScopedVars): string | undefined {
  const uid = typeof ref === 'string' ? ref : (ref?.uid ?? undefined);
  const scene = sceneOf(scopedVars);
  return uid?.includes('$') && scene ? sceneGraph.interpolate(scene, uid, scopedVars) : uid;
}

function isPrometheus(ref: DataSourceRef | string | null | undefined, scopedVars?: ScopedVars): boolean {
  const uid = resolveUid(ref, scopedVars);
  return uid === undefined || uid === PROM_UID || uid === promInstanceSettings.name || uid === 'default';
}

function isLongTerm(ref: DataSourceRef | string | null | undefined, scopedVars?: ScopedVars): boolean {
  const uid = resolveUid(ref, scopedVars);
  return uid === LONG_TERM_UID || uid === longTermInstanceSettings.name;
}

function dataSourceSrv(withElasticsearch: boolean): DataSourceSrv {
  const isElasticsearch = (ref: DataSourceRef | string | null | undefined, scopedVars?: ScopedVars) =>
    withElasticsearch && resolveUid(ref, scopedVars) === ES_UID;
  return {
    get: async (ref, scopedVars) => {
      if (isPrometheus(ref, scopedVars)) {
        return prometheus as unknown as DataSourceApi;
      }
      if (isLongTerm(ref, scopedVars)) {
        return longTerm as unknown as DataSourceApi;
      }
      if (isElasticsearch(ref, scopedVars)) {
        return elasticsearch as unknown as DataSourceApi;
      }
      throw new Error(`Data source ${resolveUid(ref, scopedVars) || JSON.stringify(ref)} was not found`);
    },
    getList: (filters) =>
      [promInstanceSettings, longTermInstanceSettings, ...(withElasticsearch ? [esInstanceSettings] : [])].filter(
        (s) => !filters?.pluginId || filters.pluginId === s.type
      ),
    getInstanceSettings: (ref, scopedVars) =>
      isPrometheus(ref, scopedVars)
        ? promInstanceSettings
        : isLongTerm(ref, scopedVars)
          ? longTermInstanceSettings
          : isElasticsearch(ref, scopedVars)
            ? esInstanceSettings
            : undefined,
    reload: () => {},
    registerRuntimeDataSource: () => {},
  };
}

/** Grafana's runRequest, reduced to what a panel sees: Loading, then Done with frames or Error. */
function runRequest(ds: DataSourceApi, request: DataQueryRequest): Observable<PanelData> {
  const base = { series: [], timeRange: request.range as TimeRange, request };
  return from(Promise.resolve(ds.query(request) as Promise<{ data: PanelData['series'] }>)).pipe(
    map((response): PanelData => ({ ...base, state: LoadingState.Done, series: response.data })),
    catchError((error: Error) =>
      of<PanelData>({
        ...base,
        state: LoadingState.Error,
        errors: [{ message: error.message, refId: request.targets[0]?.refId }],
        error: { message: error.message },
      })
    ),
    startWith<PanelData>({ ...base, state: LoadingState.Loading })
  );
}

const backendSrv = {
  fetch: (options: { url: string; method?: string; data?: unknown }) =>
    from(
      fetch(options.url, {
        method: options.method ?? 'GET',
        body: options.data ? JSON.stringify(options.data) : undefined,
      }).then(async (res) => ({ data: await res.json(), status: res.status, ok: res.ok }))
    ),
  get: (url: string) => fetch(url).then((r) => r.json()),
} as unknown as BackendSrv;

/** Panels use sceneGraph interpolation; this only answers the few global look-ups Scenes makes. */
const templateSrv = {
  getVariables: () => [],
  replace: (target?: string) => target ?? '',
  containsTemplate: (target?: string) => Boolean(target?.includes('$')),
  updateTimeRange: () => {},
} as unknown as TemplateSrv;

/** `withElasticsearch: false` is a Grafana without an Elasticsearch data source (`?es=none`). */
export function bootstrapRuntime(theme: GrafanaTheme2, withElasticsearch = true): void {
  config.theme2 = theme;
  config.theme = theme.v1;
  config.bootData.user.lightTheme = theme.isLight;
  config.bootData.user.timezone = 'browser';
  config.appSubUrl = '';
  config.defaultDatasource = PROM_UID;
  config.datasources = {
    Prometheus: promInstanceSettings,
    [longTermInstanceSettings.name]: longTermInstanceSettings,
    ...(withElasticsearch ? { Elasticsearch: esInstanceSettings } : {}),
  };
  config.panels = Object.fromEntries(
    Object.entries(panelPlugins).map(([id, plugin]) => [
      id,
      { ...plugin.meta, hideFromList: false, sort: 0, skipDataQuery: false, state: undefined },
    ])
  ) as unknown as typeof config.panels;

  registerStandardOptions();
  // VizPanel hands this bus to panels as their PanelContext eventBus (GraphNG subscribes to it).
  setAppEvents(new EventBusSrv());
  setDataSourceSrv(dataSourceSrv(withElasticsearch));
  setRunRequest(runRequest);
  setBackendSrv(backendSrv);
  setTemplateSrv(templateSrv);
  setPluginPage(HarnessPluginPage);
  setPluginImportUtils({
    importPanelPlugin: async (id: string): Promise<PanelPlugin> => {
      const plugin = panelPlugins[id];
      if (!plugin) {
        throw new Error(`Panel plugin "${id}" is not available in the screens harness`);
      }
      return plugin;
    },
    getPanelPluginFromCache: (id: string) => panelPlugins[id],
  });
}
