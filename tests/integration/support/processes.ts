// Starts the real servers of the stack (Prometheus with a chosen data dir and rules, Alertmanager,
// Pushgateway) on 127.0.0.1 for the stack integration tests, and stops each by its PID.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { waitFor } from './prometheusServer';

export interface RunningServer {
  url: string;
  /** Everything the process printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

export async function startServer(
  command: string,
  args: string[],
  url: string,
  readyPath: string,
  cleanup: string[] = [],
  env: Record<string, string> = {}
): Promise<RunningServer> {
  let output = '';
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(child.pid, 'SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGKILL');
      }
    }
    for (const path of cleanup) {
      rmSync(path, { recursive: true, force: true });
    }
  };
  try {
    await waitFor(async () => (await fetch(`${url}${readyPath}`)).ok, 60_000, `${command} on ${url}`);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  return { url, output: () => output, stop };
}

export interface PrometheusOptions {
  port: number;
  config: string;
  /** TSDB directory (e.g. with backfilled blocks); a temporary one otherwise. */
  dataDir?: string;
  extraArgs?: string[];
}

export async function startPrometheusServer(options: PrometheusOptions): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'codesentinel-stack-prom-'));
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, options.config);
  const url = `http://127.0.0.1:${options.port}`;
  return startServer(
    'prometheus',
    [
      `--config.file=${configFile}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      `--storage.tsdb.path=${options.dataDir ?? join(dir, 'data')}`,
      '--storage.tsdb.retention.time=30d',
      '--log.level=warn',
      ...(options.extraArgs ?? []),
    ],
    url,
    '/-/ready',
    [dir]
  );
}

export async function startAlertmanager(port: number, config: string): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'codesentinel-stack-am-'));
  const configFile = join(dir, 'alertmanager.yml');
  writeFileSync(configFile, config);
  const url = `http://127.0.0.1:${port}`;
  return startServer(
    'prometheus-alertmanager',
    [
      `--config.file=${configFile}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // No HA mesh: an empty cluster address turns clustering off (and keeps port 9094 free).
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    url,
    '/-/ready',
    [dir]
  );
}

/**
 * `persistenceFile`: where the Pushgateway keeps its groups across restarts (written on shutdown too).
 * Without one it keeps them in memory only: Debian's build defaults to a shared file in
 * /var/lib/prometheus, which would hand one test's groups to the next.
 */
export async function startPushgateway(port: number, persistenceFile?: string): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  const persistence = [`--persistence.file=${persistenceFile ?? ''}`];
  return startServer(
    'prometheus-pushgateway',
    [`--web.listen-address=127.0.0.1:${port}`, '--log.level=warn', ...persistence],
    url,
    '/-/ready'
  );
}

export interface QueryResult {
  status: 'success' | 'error';
  error?: string;
  data?: {
    resultType: string;
    result: Array<{ metric: Record<string, string>; value?: [number, string]; values?: Array<[number, string]> }>;
  };
}

/** POSTs a PromQL query the way Grafana's data source does (httpMethod POST). */
export async function promQuery(
  url: string,
  path: '/api/v1/query' | '/api/v1/query_range',
  params: Record<string, string>
): Promise<QueryResult> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return (await res.json()) as QueryResult;
}

/** The demo workload's scrape job in infrastructure/prometheus/prometheus.yml (its history carries it too). */
export const DEMO_SCRAPE_JOB = 'demo';

/** Scrape settings of infrastructure/prometheus/prometheus.yml, pointed at local ports. */
export function stackScrapeConfig(
  targets: { demo?: string; pushgateway?: string; alertmanager?: string },
  scrapeInterval: string
): string {
  const jobs: string[] = [];
  if (targets.demo) {
    jobs.push(
      `  - job_name: ${DEMO_SCRAPE_JOB}\n    honor_labels: true\n    static_configs:\n      - targets: ['${targets.demo}']`
    );
  }
  if (targets.pushgateway) {
    jobs.push(
      `  - job_name: pushgateway\n    honor_labels: true\n    static_configs:\n      - targets: ['${targets.pushgateway}']`
    );
  }
  if (targets.alertmanager) {
    jobs.push(`  - job_name: alertmanager\n    static_configs:\n      - targets: ['${targets.alertmanager}']`);
  }
  return `global:\n  scrape_interval: ${scrapeInterval}\n  evaluation_interval: ${scrapeInterval}\nscrape_configs:\n${jobs.join('\n')}\n`;
}
