// Starts a throwaway Prometheus (the Debian binary) on 127.0.0.1 with a given scrape config, and
// stops it by PID. Data lives in a temporary directory removed on stop.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PrometheusServer {
  url: string;
  stop: () => Promise<void>;
}

export interface InstantResult {
  status: 'success' | 'error';
  error?: string;
  errorType?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; value: [number, string] }> };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) {
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function startPrometheus(port: number, configYaml: string): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'codesentinel-prom-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, configYaml);
  let output = '';
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGKILL');
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, 30_000, `Prometheus on ${url}`);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  return { url, stop };
}

/** Runs an instant query through the HTTP API (POST, as Grafana does), returning the raw JSON. */
export async function instantQuery(server: PrometheusServer, query: string): Promise<InstantResult> {
  const res = await fetch(`${server.url}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query }).toString(),
  });
  return (await res.json()) as InstantResult;
}

/** /api/v1/series for one selector, as Grafana's label_values(selector, label) variable runs it. */
export async function seriesFor(server: PrometheusServer, selector: string): Promise<Array<Record<string, string>>> {
  const res = await fetch(`${server.url}/api/v1/series`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'match[]': selector }).toString(),
  });
  const body = (await res.json()) as { status: string; error?: string; data: Array<Record<string, string>> };
  if (body.status !== 'success') {
    throw new Error(`series ${selector}: ${body.error}`);
  }
  return body.data;
}

export { waitFor };
