// Do Prometheus and VictoriaMetrics give the same numbers for the same catalogue query over the
// same data? The conformance suite checks shapes (series counts, labels) on both; this compares the
// values, so a MetricsQL difference (rate extrapolation, lookbehind, histogram_quantile edge cases)
// shows as a number instead of hiding behind an equal series count.
import { promQuery } from '../support/processes';

export interface Comparison {
  expr: string;
  /** Label sets present on one backend only. */
  onlyOn: { prometheus: string[]; victoria: string[] };
  /** Largest relative difference over the series both return (0 when they agree exactly). */
  maxRelativeDifference: number;
  /** [Prometheus, VictoriaMetrics] value of every series both return. */
  pairs: Array<[number, number]>;
  /** Each pair's labels (JSON), in the same order. */
  keys: string[];
}

function key(metric: Record<string, string>): string {
  // rate() & co. drop __name__ on both backends; compare the rest.
  const { __name__: _name, ...labels } = metric;
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
}

async function instant(url: string, expr: string, time: number): Promise<Map<string, number>> {
  const r = await promQuery(url, '/api/v1/query', { query: expr, time: String(time) });
  if (r.status !== 'success') {
    throw new Error(`${url}: ${r.error}\nquery: ${expr}`);
  }
  return new Map(r.data!.result.map((s) => [key(s.metric), Number(s.value?.[1])]));
}

/** Relative difference that treats two tiny values (|x| < 1e-9) as equal and NaN as equal only to NaN. */
export function relativeDifference(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  }
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale < 1e-9 ? 0 : Math.abs(a - b) / scale;
}

/**
 * The query at one instant on both backends. `compared` picks the series whose values are compared
 * (all by default); every series counts for `onlyOn`.
 */
export async function compareBackends(
  prometheusUrl: string,
  victoriaUrl: string,
  expr: string,
  time: number,
  compared: (key: string) => boolean = () => true
): Promise<Comparison> {
  const [p, v] = await Promise.all([instant(prometheusUrl, expr, time), instant(victoriaUrl, expr, time)]);
  const keys = [...p.keys()].filter((k) => v.has(k) && compared(k));
  const pairs: Array<[number, number]> = keys.map((k) => [p.get(k)!, v.get(k)!]);
  return {
    expr,
    onlyOn: { prometheus: [...p.keys()].filter((k) => !v.has(k)), victoria: [...v.keys()].filter((k) => !p.has(k)) },
    maxRelativeDifference: pairs.reduce((max, [a, b]) => Math.max(max, relativeDifference(a, b)), 0),
    pairs,
    keys,
  };
}

/**
 * A query over both the demo (history, then live scrapes) and live-only targets (this host's
 * node-exporter, PostgreSQL, the Pushgateway): the series with history are compared at `historyAt`,
 * where both backends hold the same regular 60 s samples, and only the live-only ones at `liveAt`.
 * The demo's own live scrapes can come late or fail on a loaded machine (the CI runner), and each
 * backend bridges a gap in its own way: 0.63 relative was seen on worker-1's receive errors.
 */
export async function compareLiveBackends(
  prometheusUrl: string,
  victoriaUrl: string,
  expr: string,
  historyAt: number,
  liveAt: number
): Promise<Comparison> {
  const history = await compareBackends(prometheusUrl, victoriaUrl, expr, historyAt);
  const withHistory = new Set([...history.keys, ...history.onlyOn.prometheus, ...history.onlyOn.victoria]);
  const live = await compareBackends(prometheusUrl, victoriaUrl, expr, liveAt, (k) => !withHistory.has(k));
  const pairs = [...history.pairs, ...live.pairs];
  return {
    expr,
    onlyOn: {
      prometheus: [...history.onlyOn.prometheus, ...live.onlyOn.prometheus],
      victoria: [...history.onlyOn.victoria, ...live.onlyOn.victoria],
    },
    maxRelativeDifference: Math.max(history.maxRelativeDifference, live.maxRelativeDifference),
    pairs,
    keys: [...history.keys, ...live.keys],
  };
}
