// A minimal Elasticsearch client over fetch: the bulk API with `create` and the event id as `_id`,
// so a retried event can never be stored twice. We use fetch rather than @elastic/elasticsearch
// because that client retries on its own (hiding which items were stored) and we need to classify
// every bulk item ourselves: 201 stored, 409 already stored, 429/5xx retry later, 4xx rejected.

import { redactUrl } from '../redact';

export interface EsConfig {
  url: string;
  /** Per-request timeout; a slow cluster is treated like a down one and the events are spooled. */
  timeoutMs: number;
  /** Sent as `Authorization: ApiKey ...` when set (read from the environment, never from argv). */
  apiKey?: string;
  /** HTTP basic authentication, when there is no API key. */
  basicAuth?: { username: string; password: string };
}

export interface BulkDoc {
  index: string;
  id: string;
  op: 'create' | 'index';
  source: object;
}

export type ItemOutcome = 'stored' | 'duplicate' | 'retry' | 'rejected';

export interface BulkResult {
  outcomes: ItemOutcome[];
  /** Per-item reason for 'retry' and 'rejected'. */
  reasons: Array<string | undefined>;
}

export class EsUnavailableError extends Error {}

/**
 * Elasticsearch refused the whole bulk request because of its content (400 or 413): one bad
 * document fails every document sent with it, so the caller splits the batch to find it.
 */
export class EsRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string
  ) {
    super(`Elasticsearch refused the bulk request (${status}): ${reason}`);
  }
}

/** `type: reason` from an Elasticsearch error body, on one line and bounded; never the raw body. */
export function errorSummary(body: string, max = 300): string {
  let summary = 'no error details';
  try {
    const e = (JSON.parse(body) as { error?: { type?: unknown; reason?: unknown } | string }).error;
    if (typeof e === 'string') {
      summary = e;
    } else if (e && (typeof e.type === 'string' || typeof e.reason === 'string')) {
      summary = [e.type, e.reason].filter((x) => typeof x === 'string').join(': ');
    }
  } catch {
    summary = 'an answer that is not JSON';
  }
  return oneLine(summary, max);
}

/** Control characters (CR, NUL, escape codes) would break a log line, a terminal or /metrics. */
export function oneLine(text: string, max = 300): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

export async function esRequest(
  config: EsConfig,
  method: string,
  path: string,
  body?: string,
  contentType = 'application/json'
): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (config.apiKey) {
    headers.authorization = `ApiKey ${config.apiKey}`;
  } else if (config.basicAuth) {
    const { username, password } = config.basicAuth;
    headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }
  try {
    return await fetch(new URL(path, config.url), {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (e) {
    const reason =
      e instanceof Error && e.name === 'TimeoutError'
        ? `no answer within ${config.timeoutMs} ms`
        : describeFetchError(e);
    throw new EsUnavailableError(`Elasticsearch at ${redactUrl(config.url)} is unreachable: ${oneLine(reason)}`);
  }
}

function describeFetchError(e: unknown): string {
  if (e instanceof Error) {
    const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? e.message;
  }
  return String(e);
}

export function toNdjson(docs: BulkDoc[]): string {
  return docs
    .map((d) => `${JSON.stringify({ [d.op]: { _index: d.index, _id: d.id } })}\n${JSON.stringify(d.source)}\n`)
    .join('');
}

function classify(status: number): ItemOutcome {
  if (status === 200 || status === 201) {
    return 'stored';
  }
  if (status === 409) {
    return 'duplicate';
  }
  if (status === 429 || status >= 500) {
    return 'retry';
  }
  return 'rejected';
}

/** Sends one bulk request. Throws EsUnavailableError when the whole request should be retried. */
export async function bulk(config: EsConfig, docs: BulkDoc[]): Promise<BulkResult> {
  const res = await esRequest(config, 'POST', '/_bulk', toNdjson(docs), 'application/x-ndjson');
  if (res.status === 429 || res.status >= 500) {
    throw new EsUnavailableError(`Elasticsearch answered ${res.status} to the bulk request`);
  }
  const text = await res.text();
  if (res.status === 400 || res.status === 413) {
    throw new EsRefusedError(res.status, errorSummary(text));
  }
  if (!res.ok) {
    // 401, 403, 404, ...: a setup problem, not a bad document; the events wait for it to be fixed.
    throw new EsUnavailableError(`Elasticsearch refused the bulk request (${res.status}): ${errorSummary(text)}`);
  }
  let body: { items?: Array<Record<string, { status: number; error?: { type?: string; reason?: string } }>> };
  try {
    body = JSON.parse(text);
  } catch {
    throw new EsUnavailableError('Elasticsearch answered the bulk request with something that is not JSON');
  }
  if (!Array.isArray(body.items) || body.items.length !== docs.length) {
    throw new EsUnavailableError('Elasticsearch answered the bulk request without one item per document');
  }
  const outcomes: ItemOutcome[] = [];
  const reasons: Array<string | undefined> = [];
  for (const item of body.items) {
    const result = Object.values(item)[0];
    const outcome = classify(result.status);
    outcomes.push(outcome);
    reasons.push(
      outcome === 'retry' || outcome === 'rejected'
        ? oneLine(`${result.status} ${result.error?.type ?? ''}: ${result.error?.reason ?? ''}`.trim())
        : undefined
    );
  }
  return { outcomes, reasons };
}

/** PUT a component or index template; used by `codesentinel-telemetry setup`. */
export async function putJson(config: EsConfig, path: string, body: object): Promise<void> {
  const res = await esRequest(config, 'PUT', path, JSON.stringify(body));
  if (!res.ok) {
    throw new Error(`PUT ${path} failed (${res.status}): ${errorSummary(await res.text())}`);
  }
}
