// Derives Prometheus metrics from the stored invocation events: counts and a duration histogram
// per satellite, procedure and status, computed by Elasticsearch aggregations over all
// invocation indices. Counting stored events (instead of pushing per-run counters from short-lived
// CLI processes to a Pushgateway, where the last push wins) means no run is ever lost or counted
// twice. Labels are bounded: no session, task or free-text labels.
import { FIELDS } from '../contract';
import { errorSummary, esRequest, type EsConfig } from '../es/bulk';
import { INDEX_PREFIX } from '../template';

/** Histogram upper bounds in seconds: agent procedures take from seconds to tens of minutes. */
export const DURATION_BUCKETS_SECONDS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];

export interface SeriesKey {
  satellite: string;
  procedure: string;
  status: string;
}

export interface ProcedureSeries extends SeriesKey {
  count: number;
  sumSeconds: number;
  /** Cumulative counts for each bound of DURATION_BUCKETS_SECONDS (le semantics). */
  buckets: number[];
}

const INVOCATIONS = `${INDEX_PREFIX}-invocations-*`;
const PAGE = 500;

function searchBody(after?: Record<string, string>) {
  return {
    size: 0,
    aggs: {
      series: {
        composite: {
          size: PAGE,
          sources: [
            { satellite: { terms: { field: FIELDS.satellite } } },
            { procedure: { terms: { field: FIELDS.procedure } } },
            { status: { terms: { field: FIELDS.status } } },
          ],
          ...(after ? { after } : {}),
        },
        aggs: {
          sum_ms: { sum: { field: FIELDS.duration } },
          le: {
            filters: {
              filters: Object.fromEntries(
                DURATION_BUCKETS_SECONDS.map((le) => [String(le), { range: { [FIELDS.duration]: { lte: le * 1000 } } }])
              ),
            },
          },
        },
      },
    },
  };
}

interface CompositeBucket {
  key: SeriesKey;
  doc_count: number;
  sum_ms: { value: number };
  le: { buckets: Record<string, { doc_count: number }> };
}

/** Every (satellite, procedure, status) series, paging through a composite aggregation. */
export async function collectSeries(es: EsConfig): Promise<ProcedureSeries[]> {
  const out: ProcedureSeries[] = [];
  let after: Record<string, string> | undefined;
  for (let page = 0; page < 1000; page++) {
    const res = await esRequest(
      es,
      'POST',
      `/${INVOCATIONS}/_search?allow_no_indices=true&ignore_unavailable=true`,
      JSON.stringify(searchBody(after))
    );
    if (!res.ok) {
      throw new Error(
        `Elasticsearch answered ${res.status} to the metrics aggregation: ${errorSummary(await res.text())}`
      );
    }
    const body = (await res.json()) as {
      aggregations?: { series: { buckets: CompositeBucket[]; after_key?: Record<string, string> } };
    };
    const agg = body.aggregations?.series;
    if (!agg) {
      return out; // no invocation index yet
    }
    for (const b of agg.buckets) {
      out.push({
        ...b.key,
        count: b.doc_count,
        sumSeconds: b.sum_ms.value / 1000,
        buckets: DURATION_BUCKETS_SECONDS.map((le) => b.le.buckets[String(le)].doc_count),
      });
    }
    if (agg.buckets.length < PAGE || !agg.after_key) {
      return out;
    }
    after = agg.after_key;
  }
  throw new Error('more than 500,000 metric series: refusing to expose them');
}
