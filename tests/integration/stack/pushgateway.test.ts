// The CI → Pushgateway → Prometheus path with exact counts. The deploy command (the real CLI, in
// process) pushes N runs in bursts — several inside one scrape interval — while the Pushgateway is
// restarted in the middle (one burst is sent while it is down and gets through by retrying), and a
// retried push repeats a run id. The Deployment Pipeline's own catalogue queries, interpolated as
// Grafana would, must count exactly N; and still N after the Pushgateway lost every group.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { allPromQueries } from '../../../src/queries/catalogue';
import { PRESETS } from '../../../src/queries/conventions';
import { main } from '../../../telemetry/cli';
import { interpolate } from '../support/grafanaInterpolation';
import {
  type RunningServer,
  promQuery,
  startPrometheusServer,
  startPushgateway,
  stackScrapeConfig,
} from '../support/processes';
import { waitFor } from '../support/prometheusServer';

const PUSHGATEWAY_PORT = 19091;
const PROM_PORT = 19099;
/** Long enough that each burst (a few ms) lands inside one interval. */
const SCRAPE_SECONDS = 5;
const SERVICES = ['checkout', 'payments', 'search'];

const dir = mkdtempSync(join(tmpdir(), 'codesentinel-pushgateway-'));
const persistence = join(dir, 'groups.db');
let pushgateway: RunningServer | undefined;
let prometheus: RunningServer;

beforeAll(async () => {
  pushgateway = await startPushgateway(PUSHGATEWAY_PORT, persistence);
  prometheus = await startPrometheusServer({
    port: PROM_PORT,
    config: stackScrapeConfig({ pushgateway: `127.0.0.1:${PUSHGATEWAY_PORT}` }, `${SCRAPE_SECONDS}s`),
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await pushgateway?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function value(query: string): Promise<Array<{ labels: Record<string, string>; value: number }>> {
  const r = await promQuery(prometheus.url, '/api/v1/query', { query });
  if (r.status !== 'success') {
    throw new Error(`${query}: ${r.error}`);
  }
  return r.data!.result.map((s) => ({ labels: s.metric, value: Number(s.value![1]) }));
}

/** A catalogue entry of the Deployment Pipeline, interpolated with every service and environment over the last hour. */
async function catalogue(id: string) {
  const entry = allPromQueries(PRESETS.otel).find((e) => e.id === id);
  if (!entry) {
    throw new Error(`catalogue has no ${id}`);
  }
  const all = (values: string[]) => ({ values, multi: true, includeAll: true, allValue: '.*' });
  const { expr } = interpolate(entry.expr, {
    rangeSeconds: 3600,
    maxDataPoints: 1000,
    scrapeIntervalSeconds: SCRAPE_SECONDS,
    variables: { service: all(SERVICES), environment: all(['staging', 'production']) },
  });
  return value(expr);
}

let stderr = '';
/** Runs `work` with the CLI's stdout muted and its stderr collected (one JSON line per run otherwise). */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
    process.stderr.write = writeErr;
  }
}

function record(run: number, status = 'success'): Promise<number> {
  return main([
    'deploy',
    'record',
    '--gateway',
    pushgateway?.url ?? `http://127.0.0.1:${PUSHGATEWAY_PORT}`,
    '--timeout',
    '60',
    '--service',
    SERVICES[run % SERVICES.length],
    '--environment',
    run % 2 ? 'staging' : 'production',
    '--run-id',
    `ci-${run}`,
    '--version',
    `1.${run}.0`,
    '--status',
    status,
    '--duration',
    '30',
    '--commit-time',
    String(Math.round(Date.now() / 1000) - 600),
    '--url',
    `https://ci.example.com/runs/${run}`,
  ]);
}

let failuresPushed = 0;
async function burst(from: number, size: number): Promise<void> {
  failuresPushed += Array.from({ length: size }, (_, i) => i % 5 === 4).filter(Boolean).length;
  const codes = await quietly(() =>
    Promise.all(Array.from({ length: size }, (_, i) => record(from + i, i % 5 === 4 ? 'failure' : 'success')))
  );
  expect(codes).toEqual(codes.map(() => 0));
}

/** Waits until Prometheus has scraped the Pushgateway after `since` (Unix s). */
async function scrapedAfter(since: number): Promise<void> {
  await waitFor(
    async () => ((await value('timestamp(up{job="pushgateway"} == 1)'))[0]?.value ?? 0) > since + 0.5,
    30_000,
    'a scrape after the burst'
  );
}

test('N runs pushed in bursts across a Pushgateway restart are counted exactly N by the page queries', async () => {
  const N = 30;
  // Burst 1 and 2 back to back: both inside one scrape interval.
  const started = Date.now();
  await burst(0, 8);
  await burst(8, 6);
  const twoBurstsMs = Date.now() - started;
  // A CI job retrying a push it already made (same run id): replaces its group, not a new run.
  expect(await quietly(() => record(3))).toBe(0);
  // Restart before Prometheus may have scraped burst 2: the persistence file carries the groups over.
  await pushgateway!.stop();
  // Burst 3 while the Pushgateway is down: the command retries with backoff until it is back.
  const whileDown = burst(14, 7);
  await new Promise((r) => setTimeout(r, 2000));
  pushgateway = await startPushgateway(PUSHGATEWAY_PORT, persistence);
  await whileDown;
  expect(stderr).toMatch(/retrying in \d+ ms/);
  await burst(21, N - 21);
  const pushedAt = Date.now() / 1000;
  await scrapedAfter(pushedAt);

  expect((await catalogue('deployments.total-runs')).map((r) => r.value)).toEqual([N]);
  const perTarget = await catalogue('deployments.run-count');
  expect(perTarget.reduce((n, r) => n + r.value, 0)).toBe(N);
  const runs = await catalogue('deployments.runs');
  expect(runs).toHaveLength(N);
  expect(new Set(runs.map((r) => r.labels.run_id)).size).toBe(N);
  expect(runs.filter((r) => r.labels.status === 'failure')).toHaveLength(failuresPushed);
  expect(failuresPushed).toBeGreaterThan(0);
  expect((await catalogue('deployments.run-lead-times')).every((r) => r.value >= 600 && r.value < 700)).toBe(true);

  // The Pushgateway loses everything (restart on a new, empty persistence file): runs Prometheus
  // scraped stay counted, from its own storage.
  await pushgateway!.stop();
  rmSync(persistence, { force: true });
  pushgateway = await startPushgateway(PUSHGATEWAY_PORT, persistence);
  await scrapedAfter(Date.now() / 1000);
  // The series are gone from the scrape (stale): only the stored history still holds the runs.
  await waitFor(
    async () => (await value('count(codesentinel_deploy_run_finished_timestamp_seconds)')).length === 0,
    30_000,
    'the wiped groups to go stale'
  );
  expect((await catalogue('deployments.total-runs')).map((r) => r.value)).toEqual([N]);
  console.log(
    `pushgateway: ${N} runs pushed in 5 bursts across 2 restarts (bursts 1 and 2 took ${twoBurstsMs} ms, scrape interval ${SCRAPE_SECONDS} s), ${N} counted`
  );
}, 180_000);

test('bad input exits 2 and writes nothing', async () => {
  const before = await fetch(`${pushgateway!.url}/api/v1/metrics`).then(
    (r) => r.json() as Promise<{ data: unknown[] }>
  );
  const codes = await quietly(() =>
    Promise.all([
      main([
        'deploy',
        'record',
        '--gateway',
        pushgateway!.url,
        '--service',
        'x',
        '--environment',
        'y',
        '--run-id',
        '1',
        '--status',
        'done',
        '--duration',
        '3',
      ]),
      main([
        'deploy',
        'record',
        '--gateway',
        pushgateway!.url,
        '--service',
        'x',
        '--environment',
        'y',
        '--run-id',
        '1',
        '--status',
        'success',
        '--duration',
        '3',
        '--url',
        'javascript:alert(1)',
      ]),
      main([
        'deploy',
        'record',
        '--gateway',
        pushgateway!.url,
        '--service',
        'x',
        '--environment',
        'y',
        '--run-id',
        '1',
        '--status',
        'success',
      ]),
      main([
        'deploy',
        'finish',
        '--gateway',
        pushgateway!.url,
        '--service',
        'x',
        '--environment',
        'y',
        '--run-id',
        'never-started',
        '--status',
        'success',
      ]),
    ])
  );
  expect(codes).toEqual([2, 2, 2, 2]);
  const after = await fetch(`${pushgateway!.url}/api/v1/metrics`).then((r) => r.json() as Promise<{ data: unknown[] }>);
  expect(after.data).toHaveLength(before.data.length);
});

test('start then finish: the finish reads the start time back and the run is counted once', async () => {
  const key = ['--gateway', pushgateway!.url, '--service', 'auth', '--environment', 'production', '--run-id', 'sf-1'];
  const startedAt = Math.round(Date.now() / 1000) - 120;
  expect(
    await quietly(() => main(['deploy', 'start', ...key, '--started-at', String(startedAt), '--version', '2.0.0']))
  ).toBe(0);
  expect(await quietly(() => main(['deploy', 'finish', ...key, '--status', 'rolled_back', '--version', '2.0.0']))).toBe(
    0
  );
  const sel = '{service="auth",run_id="sf-1"}';
  await waitFor(
    async () => (await value(`codesentinel_deploy_run_duration_seconds${sel}`)).length === 1,
    30_000,
    'the finished run scraped'
  );
  expect((await value(`codesentinel_deploy_run_duration_seconds${sel}`))[0].value).toBeGreaterThanOrEqual(120);
  expect((await value(`codesentinel_deploy_run_finished_timestamp_seconds${sel}`))[0].labels).toMatchObject({
    status: 'rolled_back',
    version: '2.0.0',
  });
});
