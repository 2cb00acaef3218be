// A Prometheus-like data source for the harness: it interpolates queries the way Grafana's Prometheus
// data source does (macros via the stack helper's interpolation, scene variables via
// sceneGraph.interpolate with Prometheus' regex escaping), then asks a REAL Prometheus through the
// harness server's `/api/prom` proxy and returns Grafana-shaped frames.
import {
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  DataSourceApi,
  type DataSourceJsonData,
  type DataSourceInstanceSettings,
  type MetricFindValue,
  PluginType,
  type ScopedVars,
  type TimeRange,
} from '@grafana/data';
import { type SceneObject, sceneGraph } from '@grafana/scenes';

import type { PromQuery } from '../../../src/pages/shared/sceneParts';
import {
  interpolate as interpolateMacros,
  prometheusRegularEscape,
  prometheusSpecialRegexEscape,
} from '../../integration/support/grafanaInterpolation';

import { type PromSeries, seriesFrames, tableFrame } from './promFrames';

export const PROM_UID = 'codesentinel-prometheus';
/** The provisioned data source's jsonData.timeInterval (provisioning/datasources/default.yaml). */
const SCRAPE_INTERVAL_SECONDS = 30;
const PROXY = '/api/prom';

interface PromJsonData extends DataSourceJsonData {
  timeInterval?: string;
}

export const promInstanceSettings: DataSourceInstanceSettings<PromJsonData> = {
  id: 1,
  uid: PROM_UID,
  type: 'prometheus',
  name: 'Prometheus',
  access: 'proxy',
  url: PROXY,
  readOnly: true,
  jsonData: { timeInterval: `${SCRAPE_INTERVAL_SECONDS}s` },
  meta: {
    id: 'prometheus',
    name: 'Prometheus',
    type: PluginType.datasource,
    module: 'core:plugin/prometheus',
    baseUrl: '',
    metrics: true,
    info: {
      author: { name: 'Grafana Labs' },
      description: '',
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '',
    },
  },
};

interface PromResponse {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: PromSeries[] } | string[];
}

/** Grafana's classic Prometheus escaping (datasource.ts interpolateQueryExpr). */
function promFormat(value: unknown, variable: { multi?: boolean; includeAll?: boolean }): string {
  if (!variable.multi && !variable.includeAll) {
    return prometheusRegularEscape(String(value));
  }
  if (typeof value === 'string') {
    return prometheusSpecialRegexEscape(value);
  }
  const escaped = (value as unknown[]).map((v) => prometheusSpecialRegexEscape(String(v)));
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
}

export function sceneOf(scopedVars?: ScopedVars): SceneObject | undefined {
  // Scenes passes itself as a SafeSerializableSceneObject, whose valueOf() is the scene object.
  const wrapped = scopedVars?.__sceneObject?.value as { valueOf: () => SceneObject } | undefined;
  return wrapped?.valueOf();
}

async function call(
  proxy: string,
  path: string,
  params: URLSearchParams,
  method: 'GET' | 'POST' = 'POST'
): Promise<PromResponse> {
  const res =
    method === 'GET'
      ? await fetch(`${proxy}${path}?${params}`)
      : await fetch(`${proxy}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: params.toString(),
        });
  const body = (await res.json().catch(() => ({ status: 'error', error: `HTTP ${res.status}` }))) as PromResponse;
  if (body.status !== 'success') {
    throw new Error(body.error ?? `Prometheus answered HTTP ${res.status}`);
  }
  return body;
}

/** The stack's long-term store (VictoriaMetrics), behind the harness server's `/api/vm` proxy. */
export const LONG_TERM_UID = 'codesentinel-long-term';
export const longTermInstanceSettings: DataSourceInstanceSettings<PromJsonData> = {
  ...promInstanceSettings,
  id: 2,
  uid: LONG_TERM_UID,
  name: 'Long-term (VictoriaMetrics)',
  url: '/api/vm',
};

/** Grafana's "Min interval" of a query (`interval: '1d'`), in seconds; undefined when unset. */
function minIntervalSeconds(interval: string | undefined): number | undefined {
  const match = /^(\d+)(s|m|h|d)$/.exec(interval ?? '');
  return match ? Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'] : undefined;
}

export class HarnessPrometheus extends DataSourceApi<PromQuery> {
  /** Every expression sent to Prometheus, for the spec's diagnostics. */
  readonly sent: string[] = [];
  private readonly proxy: string;

  constructor(settings: DataSourceInstanceSettings<PromJsonData> = promInstanceSettings) {
    super(settings);
    this.proxy = settings.url ?? PROXY;
  }

  private call(path: string, params: URLSearchParams, method: 'GET' | 'POST' = 'POST') {
    return call(this.proxy, path, params, method);
  }

  private expand(expr: string, range: TimeRange, maxDataPoints: number, scopedVars?: ScopedVars) {
    const rangeSeconds = Math.max(1, Math.round((range.to.valueOf() - range.from.valueOf()) / 1000));
    // Macros first ($__rate_interval, $__interval, $__range…) with Grafana's adjusted interval, as
    // the Prometheus data source does; unknown names ($service…) are left for the scene.
    const macros = interpolateMacros(expr, {
      rangeSeconds,
      maxDataPoints,
      scrapeIntervalSeconds: SCRAPE_INTERVAL_SECONDS,
      variables: {},
    });
    const scene = sceneOf(scopedVars);
    const text = scene ? sceneGraph.interpolate(scene, macros.expr, scopedVars, promFormat) : macros.expr;
    return { expr: text, stepSeconds: macros.intervalSeconds };
  }

  async query(request: DataQueryRequest<PromQuery>): Promise<DataQueryResponse> {
    const targets = request.targets.filter((t) => !t.hide && t.expr);
    const several = targets.length > 1;
    const frames = await Promise.all(
      targets.map(async (target): Promise<DataFrame[]> => {
        const expanded = this.expand(target.expr, request.range, request.maxDataPoints ?? 1000, request.scopedVars);
        const { expr } = expanded;
        // As Grafana does: the query's min interval is a floor under the step.
        const stepSeconds = Math.max(expanded.stepSeconds, minIntervalSeconds(target.interval) ?? 0);
        this.sent.push(expr);
        const end = Math.floor(request.range.to.valueOf() / 1000);
        if (target.instant) {
          const body = await this.call('/api/v1/query', new URLSearchParams({ query: expr, time: String(end) }));
          const result = (body.data as { result: PromSeries[] }).result;
          return target.format === 'table'
            ? [tableFrame(target.refId, result, several ? `Value #${target.refId}` : 'Value')]
            : seriesFrames(target.refId, result, stepSeconds * 1000, target.legendFormat);
        }
        // Grafana aligns the range to the step so consecutive refreshes hit the same samples, rounding
        // both ends down (@grafana/prometheus alignRange): an end rounded up asks for a rate over a
        // window that runs past the last sample, and the chart ended in a dip.
        const start = Math.floor(request.range.from.valueOf() / 1000 / stepSeconds) * stepSeconds;
        const alignedEnd = Math.floor(end / stepSeconds) * stepSeconds;
        const params = new URLSearchParams({
          query: expr,
          start: String(start),
          end: String(alignedEnd),
          step: String(stepSeconds),
        });
        const body = await this.call('/api/v1/query_range', params);
        const result = (body.data as { result: PromSeries[] }).result;
        return seriesFrames(target.refId, result, stepSeconds * 1000, target.legendFormat);
      })
    );
    return { data: frames.flat() };
  }

  /** `label_values(label)` and `label_values(selector, label)`, as Grafana's variable support reads them. */
  async metricFindQuery(query: string | { query?: string }, options?: { scopedVars?: ScopedVars; range?: TimeRange }) {
    const text = typeof query === 'string' ? query : (query.query ?? '');
    const scene = sceneOf(options?.scopedVars);
    const expanded = scene ? sceneGraph.interpolate(scene, text, options?.scopedVars, promFormat) : text;
    const match = /^label_values\(\s*(?:(.*),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/.exec(expanded);
    if (!match) {
      throw new Error(`The harness data source supports only label_values(...) variable queries, got: ${expanded}`);
    }
    const [, selector, label] = match;
    const params = new URLSearchParams();
    if (selector) {
      params.append('match[]', selector);
    }
    if (options?.range) {
      params.set('start', String(Math.floor(options.range.from.valueOf() / 1000)));
      params.set('end', String(Math.ceil(options.range.to.valueOf() / 1000)));
    }
    this.sent.push(expanded);
    // The label values endpoint is GET only.
    const body = await this.call(`/api/v1/label/${encodeURIComponent(label)}/values`, params, 'GET');
    return (body.data as string[]).map((value): MetricFindValue => ({ text: value, value }));
  }

  async testDatasource() {
    await this.call('/api/v1/query', new URLSearchParams({ query: '1' }));
    return { status: 'success', message: 'Prometheus answered' };
  }
}
