// Talking to the Pushgateway with a deadline: network errors, 5xx and 429 are retried with
// exponential backoff and jitter until `timeoutMs` is spent, so a Pushgateway that is down delays a
// deployment by at most the timeout and then fails loudly; any other 4xx is the input's fault and is
// not retried. PUT and DELETE of one group are idempotent, which is what makes a retry safe.
import { DEPLOY_JOB, RUN_METRICS, type RunKey, runGroupPath } from './run';

export interface GatewayOptions {
  url: string;
  /** Deadline for the whole operation, retries included. */
  timeoutMs: number;
  /** First backoff; doubles per attempt, capped at 5 s. */
  backoffMs?: number;
  log?: (line: string) => void;
}

export class GatewayRefusedError extends Error {}
export class GatewayUnavailableError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetries(options: GatewayOptions, what: string, init: RequestInit, path: string): Promise<Response> {
  const deadline = Date.now() + options.timeoutMs;
  const url = `${options.url.replace(/\/+$/, '')}${path}`;
  let attempt = 0;
  let last = '';
  for (;;) {
    attempt += 1;
    const remaining = deadline - Date.now();
    try {
      const response = await fetch(url, {
        ...init,
        signal: AbortSignal.timeout(Math.max(1, Math.min(remaining, 10_000))),
      });
      if (response.ok) {
        return response;
      }
      const body = (await response.text()).trim().slice(0, 300);
      if (response.status !== 429 && response.status < 500) {
        throw new GatewayRefusedError(`Pushgateway refused ${what} (${response.status}): ${body}`);
      }
      last = `${response.status} ${body}`;
    } catch (error) {
      if (error instanceof GatewayRefusedError) {
        throw error;
      }
      last =
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    const backoff = Math.min(5000, (options.backoffMs ?? 250) * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    if (Date.now() + backoff >= deadline) {
      throw new GatewayUnavailableError(
        `could not ${what} at ${options.url} within ${options.timeoutMs} ms (${attempt} attempts; last: ${last})`
      );
    }
    options.log?.(`deploy: ${what} failed (${last}); retrying in ${Math.round(backoff)} ms`);
    await sleep(backoff);
  }
}

/** Replaces the run's group with `body` (all of it, or nothing). */
export async function putRunGroup(options: GatewayOptions, key: RunKey, body: string): Promise<void> {
  await withRetries(
    options,
    `push run ${key.runId}`,
    { method: 'PUT', body, headers: { 'Content-Type': 'text/plain; version=0.0.4' } },
    runGroupPath(key)
  );
}

export async function deleteRunGroup(options: GatewayOptions, key: RunKey): Promise<void> {
  await withRetries(options, `delete run ${key.runId}`, { method: 'DELETE' }, runGroupPath(key));
}

interface GroupJson {
  labels: Record<string, string>;
  [metric: string]: unknown;
}

export interface StoredRun extends RunKey {
  startedAt?: number;
  finishedAt?: number;
}

function gaugeValue(group: GroupJson, name: string): number | undefined {
  const family = group[name] as { metrics?: Array<{ value?: string }> } | undefined;
  const value = Number(family?.metrics?.[0]?.value);
  return Number.isFinite(value) ? value : undefined;
}

/** Every deployment run group the Pushgateway holds (its JSON API). */
export async function listRuns(options: GatewayOptions): Promise<StoredRun[]> {
  const response = await withRetries(options, 'list groups', { method: 'GET' }, '/api/v1/metrics');
  const json = (await response.json()) as { data?: GroupJson[] };
  return (json.data ?? [])
    .filter((g) => g.labels?.job === DEPLOY_JOB && g.labels.run_id)
    .map((g) => ({
      service: g.labels.service,
      environment: g.labels.environment,
      runId: g.labels.run_id,
      startedAt: gaugeValue(g, RUN_METRICS.started),
      finishedAt: gaugeValue(g, RUN_METRICS.finished),
    }));
}
