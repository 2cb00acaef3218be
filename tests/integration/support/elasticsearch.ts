// Starts and stops the real Elasticsearch (scripts/elasticsearch.sh) for integration tests.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'elasticsearch.sh');

// Overridable so a developer can point one suite at a node of their own while another one runs.
export const ES_HTTP_PORT = Number(process.env.CODESENTINEL_TEST_ES_PORT || 19200);
export const ES_URL = `http://127.0.0.1:${ES_HTTP_PORT}`;

function run(command: 'start' | 'stop' | 'reset'): number {
  const started = Date.now();
  execFileSync('bash', [SCRIPT, command], {
    env: { ...process.env, ES_HTTP_PORT: String(ES_HTTP_PORT), ES_TRANSPORT_PORT: String(ES_HTTP_PORT + 100) },
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 200_000,
  });
  return Date.now() - started;
}

/** Fresh, empty node: stops a leftover one, deletes its data, starts. Returns the start time in ms. */
export function startFreshElasticsearch(): number {
  run('reset');
  return run('start');
}

export function startElasticsearch(): number {
  return run('start');
}

export function stopElasticsearch(): void {
  run('stop');
}

export async function es<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(ES_URL + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
  }
  return JSON.parse(text) as T;
}

export async function refreshAndCount(indexPattern: string, query?: object): Promise<number> {
  await es('POST', `/${indexPattern}/_refresh?allow_no_indices=true&expand_wildcards=all`);
  const r = await es<{ count: number }>(
    'POST',
    `/${indexPattern}/_count?allow_no_indices=true`,
    query ? { query } : { query: { match_all: {} } }
  );
  return r.count;
}
