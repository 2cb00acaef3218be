// The few Prometheus HTTP API calls the canary command needs (instant and range queries), with a
// timeout and errors that say which query and what Prometheus answered.
export interface PrometheusClient {
  /** Sum of an instant query's values, or undefined when it returned no series. */
  instantTotal(expr: string, at: number): Promise<number | undefined>;
  /** An instant query's value per series, keyed by one label's value (series without the label skipped). */
  instantByLabel(expr: string, at: number, label: string): Promise<Array<{ label: string; value: number }>>;
  /** Every sample of every series of a range query (values as numbers, NaN kept). */
  rangeValues(expr: string, start: number, end: number, stepSeconds: number): Promise<number[]>;
}

export class PrometheusError extends Error {}

interface ApiResponse {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: {
    resultType: string;
    result: Array<{ metric?: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }>;
  };
}

/** A redacted URL for messages: credentials in the URL are never printed. */
export function displayUrl(url: URL): string {
  const shown = new URL(url.href);
  shown.username = '';
  shown.password = '';
  return shown.href.replace(/\/$/, '');
}

export function prometheusClient(base: URL, timeoutMs: number, headers: Record<string, string> = {}): PrometheusClient {
  const call = async (path: string, params: Record<string, string>): Promise<ApiResponse> => {
    const url = new URL(path, base.href.endsWith('/') ? base.href : `${base.href}/`);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const cause = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
      throw new PrometheusError(`Prometheus at ${displayUrl(base)} did not answer (${cause}).`);
    }
    let body: ApiResponse;
    let text = '';
    try {
      text = await res.text();
      body = JSON.parse(text) as ApiResponse;
    } catch (e) {
      // A short single-line excerpt only: never a raw body with control characters.
      const excerpt = text.slice(0, 80).replace(/[^\x20-\x7e]/g, ' ');
      const why = e instanceof Error ? e.message : String(e);
      throw new PrometheusError(
        `Prometheus at ${displayUrl(base)} answered HTTP ${res.status} without a JSON body (${why}; "${excerpt}"); is this the Prometheus API?`
      );
    }
    if (body.status !== 'success') {
      throw new PrometheusError(
        `Prometheus rejected a query (${body.errorType ?? `HTTP ${res.status}`}: ${body.error ?? 'no message'}).\nquery: ${params.query}`
      );
    }
    return body;
  };
  return {
    async instantTotal(expr, at) {
      const body = await call('api/v1/query', { query: expr, time: String(at) });
      const values = (body.data?.result ?? []).map((s) => Number(s.value?.[1])).filter((v) => Number.isFinite(v));
      return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
    },
    async instantByLabel(expr, at, label) {
      const body = await call('api/v1/query', { query: expr, time: String(at) });
      return (body.data?.result ?? []).flatMap((s) => {
        const key = s.metric?.[label];
        return key === undefined ? [] : [{ label: key, value: Number(s.value?.[1]) }];
      });
    },
    async rangeValues(expr, start, end, stepSeconds) {
      const body = await call('api/v1/query_range', {
        query: expr,
        start: String(start),
        end: String(end),
        step: String(stepSeconds),
      });
      return (body.data?.result ?? []).flatMap((s) => (s.values ?? []).map(([, v]) => Number(v)));
    },
  };
}
