// Turns a Grafana Elasticsearch target (Lucene query + bucket aggregations + metrics) into the
// search body the Elasticsearch data source sends, following Grafana's QueryBuilder
// (public/app/plugins/datasource/elasticsearch/QueryBuilder.ts): a bool filter of the time range
// and a query_string, bucket aggregations nested in order, metrics in the innermost bucket.
// Before that, the data source interpolates template variables into every Lucene text with the
// `lucene` format (datasource.ts applyTemplateVariables / interpolateLuceneQuery, metricFindQuery),
// so a query that leaves `$satellite` in its text would be widened by the selected satellite.
import type { SatelliteQuery } from '../../../src/queries/elasticsearch/satellites';

type Agg = Record<string, any>;

/** The page's variables as a test selects them: a literal `$satellite` in a query must stay literal. */
export const PAGE_VARIABLES: Readonly<Record<string, string>> = {
  satellite: 'github',
  procedure: 'github/PROC-1',
  es: 'elasticsearch',
  __interval: '1h',
  __interval_ms: '3600000',
};

/** @grafana/scenes formatRegistry luceneEscape: numbers as they are, specials backslash-escaped. */
function luceneEscape(value: string): string {
  if (!isNaN(+value)) {
    return value;
  }
  return value.replace(/([\!\*\+\-\=<>\s\&\|\(\)\[\]\{\}\^\~\?\:\\/"])/g, '\\$1');
}

/** templateSrv.replace(text, {}, 'lucene'): Grafana's variable syntaxes, unknown names left as they are. */
export function interpolateLucene(text: string, variables: Readonly<Record<string, string>> = PAGE_VARIABLES): string {
  const syntax = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/g;
  return text.replace(syntax, (match, a?: string, b?: string, _f?: string, c?: string) => {
    const name = (a ?? b ?? c) as string;
    return name in variables ? luceneEscape(variables[name]) : match;
  });
}

export function toSearchBody(q: SatelliteQuery, range: { from: number; to: number }): Agg {
  const filter = [
    { range: { [q.timeField ?? '@timestamp']: { gte: range.from, lte: range.to, format: 'epoch_millis' } } },
    { query_string: { analyze_wildcard: true, query: interpolateLucene(q.query || '*') } },
  ];
  const metrics = (q.metrics ?? []).filter((m) => m.type !== 'count');
  const raw = (q.metrics ?? []).find((m) => m.type === 'raw_data');
  if (raw) {
    const size = Number((raw as { settings?: { size?: string } }).settings?.size ?? 500);
    return { size, query: { bool: { filter } }, sort: [{ [q.timeField ?? '@timestamp']: { order: 'desc' } }] };
  }
  const metricAggs: Agg = {};
  for (const m of metrics) {
    const field = (m as { field?: string }).field;
    const settings = ((m as { settings?: Record<string, unknown> }).settings ?? {}) as Record<string, unknown>;
    metricAggs[m.id] = {
      [m.type]: {
        field,
        ...(m.type === 'percentiles' ? { percents: (settings.percents as string[]).map(Number) } : {}),
      },
    };
  }
  let inner: Agg = metricAggs;
  for (const b of [...(q.bucketAggs ?? [])].reverse()) {
    const s = (b.settings ?? {}) as Record<string, any>;
    let agg: Agg;
    if (b.type === 'terms') {
      const orderKey =
        s.orderBy === '_count' || s.orderBy === '_key' || s.orderBy === '_term'
          ? s.orderBy === '_term'
            ? '_key'
            : s.orderBy
          : s.orderBy;
      agg = {
        terms: {
          field: b.field,
          size: Number(s.size),
          order: { [orderKey]: s.order },
          min_doc_count: Number(s.min_doc_count ?? 1),
          ...(s.missing !== undefined ? { missing: s.missing } : {}),
        },
      };
    } else if (b.type === 'date_histogram') {
      agg = {
        date_histogram: {
          field: b.field,
          fixed_interval: s.interval === 'auto' ? '1h' : s.interval,
          min_doc_count: Number(s.min_doc_count ?? 0),
          extended_bounds: { min: range.from, max: range.to },
          format: 'epoch_millis',
        },
      };
    } else if (b.type === 'filters') {
      agg = {
        filters: {
          filters: Object.fromEntries(
            (s.filters as Array<{ label: string; query: string }>).map((f) => [
              f.label,
              { query_string: { query: interpolateLucene(f.query || '*'), analyze_wildcard: true } },
            ])
          ),
        },
      };
    } else {
      throw new Error(`bucket aggregation ${b.type} is not used by the Satellite Health page`);
    }
    if (Object.keys(inner).length) {
      agg.aggs = inner;
    }
    inner = { [b.id]: agg };
  }
  return { size: 0, query: { bool: { filter } }, aggs: inner };
}

/** The search Grafana sends for a `{"find":"terms"}` variable query (datasource.ts getTerms). */
export function termsVariableSearchBody(variableQuery: string, range: { from: number; to: number }): Agg {
  const parsed = JSON.parse(variableQuery) as { field: string; query?: string; size?: number };
  const field = interpolateLucene(parsed.field);
  return {
    size: 0,
    query: {
      bool: {
        filter: [
          { range: { '@timestamp': { gte: range.from, lte: range.to, format: 'epoch_millis' } } },
          { query_string: { analyze_wildcard: true, query: interpolateLucene(parsed.query || '*') } },
        ],
      },
    },
    aggs: { '1': { terms: { field, size: parsed.size ?? 500, order: { _key: 'asc' } } } },
  };
}
