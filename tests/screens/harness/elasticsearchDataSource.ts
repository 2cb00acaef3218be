// An Elasticsearch-like data source for the harness: the Satellite Health page's targets become the
// search bodies Grafana's data source sends (the integration suite's translation, grafanaQuery.ts),
// a REAL Elasticsearch answers through the harness server's `/api/es` proxy, and the answer is
// turned into frames shaped like Grafana's response parser's (pkg/tsdb/elasticsearch): a table for
// terms / filters buckets (one string column per bucket level named after its field, then Count,
// "Average <field>", "p50.0 <field>", "Min <field>", "Max …"), time series for a date histogram, and
// one column per flattened source field for raw data.
import {
  type DataFrame,
  type DataQueryRequest,
  type DataQueryResponse,
  DataSourceApi,
  type DataSourceInstanceSettings,
  FieldType,
  type MetricFindValue,
  PluginType,
  toDataFrame,
} from '@grafana/data';

import type { SatelliteQuery } from '../../../src/queries/elasticsearch/satellites';
import { INDEX_PATTERN } from '../../../telemetry/template';
import { termsVariableSearchBody, toSearchBody } from '../../integration/satellites/grafanaQuery';

export const ES_UID = 'codesentinel-elasticsearch';
const PROXY = '/api/es';

export const esInstanceSettings: DataSourceInstanceSettings = {
  id: 2,
  uid: ES_UID,
  type: 'elasticsearch',
  name: 'Elasticsearch',
  access: 'proxy',
  url: PROXY,
  readOnly: true,
  jsonData: {},
  meta: {
    id: 'elasticsearch',
    name: 'Elasticsearch',
    type: PluginType.datasource,
    module: 'core:plugin/elasticsearch',
    baseUrl: '',
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

type Agg = Record<string, any>;

async function search(body: unknown): Promise<Agg> {
  const res = await fetch(`${PROXY}/${INDEX_PATTERN}/_search?allow_no_indices=true&ignore_unavailable=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Agg;
  if (!res.ok) {
    throw new Error(json.error?.reason ?? json.error ?? `Elasticsearch answered HTTP ${res.status}`);
  }
  return json;
}

const METRIC_NAMES: Record<string, string> = { avg: 'Average', min: 'Min', max: 'Max', sum: 'Sum' };

/** Grafana's column / series names per metric (percentiles give one per percent). */
function metricColumns(q: SatelliteQuery): Array<{ name: string; read: (bucket: Agg) => number | null }> {
  return (q.metrics ?? []).flatMap((m) => {
    const field = (m as { field?: string }).field ?? '';
    if (m.type === 'count') {
      return [{ name: 'Count', read: (b: Agg) => b.doc_count as number }];
    }
    if (m.type === 'percentiles') {
      const percents = ((m.settings as { percents?: string[] })?.percents ?? []).map(Number);
      return percents.map((p) => ({
        name: `p${p.toFixed(1)} ${field}`.trim(),
        read: (b: Agg) => b[m.id]?.values?.[p.toFixed(1)] ?? null,
      }));
    }
    return [{ name: `${METRIC_NAMES[m.type] ?? m.type} ${field}`.trim(), read: (b: Agg) => b[m.id]?.value ?? null }];
  });
}

/** Bucket lists of one aggregation: terms/histogram give an array, filters an object by label. */
function bucketsOf(agg: Agg): Array<{ key: string | number; bucket: Agg }> {
  const b = agg?.buckets;
  if (Array.isArray(b)) {
    return b.map((bucket: Agg) => ({ key: bucket.key, bucket }));
  }
  return Object.entries(b ?? {}).map(([key, bucket]) => ({ key, bucket: bucket as Agg }));
}

function flatten(source: Agg, prefix = '', out: Agg = {}): Agg {
  for (const [k, v] of Object.entries(source)) {
    const name = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      flatten(v as Agg, name, out);
    } else {
      out[name] = Array.isArray(v) ? JSON.stringify(v) : v;
    }
  }
  return out;
}

function rawFrame(refId: string, response: Agg): DataFrame {
  const rows = (response.hits?.hits ?? []).map((h: Agg) => ({ _id: h._id, _index: h._index, ...flatten(h._source) }));
  const names = [...new Set(rows.flatMap((r: Agg) => Object.keys(r)))] as string[];
  return toDataFrame({
    refId,
    fields: names.map((name) => {
      const values = rows.map((r: Agg) => r[name] ?? null);
      const sample = values.find((v: unknown) => v !== null);
      return { name, type: typeof sample === 'number' ? FieldType.number : FieldType.string, values };
    }),
  });
}

function tableFrame(q: SatelliteQuery, response: Agg): DataFrame {
  const levels = q.bucketAggs ?? [];
  const metrics = metricColumns(q);
  const rows: Array<Array<string | number | null>> = [];
  const walk = (agg: Agg, depth: number, keys: string[]) => {
    for (const { key, bucket } of bucketsOf(agg)) {
      if (depth === levels.length - 1) {
        rows.push([...keys, String(key), ...metrics.map((m) => m.read(bucket))]);
      } else {
        walk(bucket[levels[depth + 1].id], depth + 1, [...keys, String(key)]);
      }
    }
  };
  walk(response.aggregations?.[levels[0].id], 0, []);
  return toDataFrame({
    refId: q.refId,
    fields: [
      ...levels.map((l, i) => ({
        name: (l as { field?: string }).field ?? 'Filters',
        type: FieldType.string,
        values: rows.map((r) => r[i]),
      })),
      ...metrics.map((m, i) => ({
        name: m.name,
        type: FieldType.number,
        values: rows.map((r) => r[levels.length + i]),
      })),
    ],
  });
}

function seriesFrames(q: SatelliteQuery, response: Agg): DataFrame[] {
  const levels = q.bucketAggs ?? [];
  const metrics = metricColumns(q);
  const frames: DataFrame[] = [];
  const walk = (agg: Agg, depth: number, labels: string[]) => {
    if (levels[depth].type === 'date_histogram') {
      const buckets = bucketsOf(agg);
      for (const m of metrics) {
        const name = [...labels, m.name].join(' ');
        frames.push(
          toDataFrame({
            refId: q.refId,
            name,
            fields: [
              { name: 'Time', type: FieldType.time, values: buckets.map((b) => Number(b.key)) },
              {
                name: 'Value',
                type: FieldType.number,
                values: buckets.map((b) => m.read(b.bucket)),
                config: { displayNameFromDS: name },
              },
            ],
          })
        );
      }
      return;
    }
    for (const { key, bucket } of bucketsOf(agg)) {
      walk(bucket[levels[depth + 1].id], depth + 1, [...labels, String(key)]);
    }
  };
  walk(response.aggregations?.[levels[0].id], 0, []);
  return frames;
}

export class HarnessElasticsearch extends DataSourceApi {
  readonly sent: string[] = [];

  constructor() {
    super(esInstanceSettings);
  }

  async query(request: DataQueryRequest): Promise<DataQueryResponse> {
    const range = { from: request.range.from.valueOf(), to: request.range.to.valueOf() };
    const targets = (request.targets as SatelliteQuery[]).filter((t) => !t.hide);
    const frames = await Promise.all(
      targets.map(async (q): Promise<DataFrame[]> => {
        const body = toSearchBody(q, range);
        this.sent.push(q.query ?? '');
        const response = await search(body);
        if ((q.metrics ?? []).some((m) => m.type === 'raw_data')) {
          return [rawFrame(q.refId, response)];
        }
        return (q.bucketAggs ?? []).some((b) => b.type === 'date_histogram')
          ? seriesFrames(q, response)
          : [tableFrame(q, response)];
      })
    );
    return { data: frames.flat() };
  }

  /** `{"find":"terms", ...}` variable queries, as Grafana's Elasticsearch data source answers them. */
  async metricFindQuery(query: string | { query?: string }, options?: { range?: DataQueryRequest['range'] }) {
    const text = typeof query === 'string' ? query : (query.query ?? '');
    const to = options?.range?.to.valueOf() ?? Date.now();
    const from = options?.range?.from.valueOf() ?? to - 30 * 86_400_000;
    const response = await search(termsVariableSearchBody(text, { from, to }));
    return bucketsOf(response.aggregations?.['1']).map(({ key }): MetricFindValue => ({ text: String(key) }));
  }

  async testDatasource() {
    await search({ size: 0 });
    return { status: 'success', message: 'Elasticsearch answered' };
  }
}
