// Turns a Grafana Elasticsearch target (Lucene query + bucket aggregations + metrics) into the
// search body the Elasticsearch data source sends, following Grafana's QueryBuilder
// (public/app/plugins/datasource/elasticsearch/QueryBuilder.ts): a bool filter of the time range
// and a query_string, bucket aggregations nested in order, metrics in the innermost bucket.
import type { SatelliteQuery } from '../../../src/queries/elasticsearch/satellites';

type Agg = Record<string, any>;

export function toSearchBody(q: SatelliteQuery, range: { from: number; to: number }): Agg {
  const filter = [
    { range: { [q.timeField ?? '@timestamp']: { gte: range.from, lte: range.to, format: 'epoch_millis' } } },
    { query_string: { analyze_wildcard: true, query: q.query || '*' } },
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
              { query_string: { query: f.query, analyze_wildcard: true } },
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
