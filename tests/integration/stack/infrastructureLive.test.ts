// Infrastructure Health's node, Kubernetes and PostgreSQL queries on a real Prometheus within a
// minute of starting: the demo's cluster series (no history needed), this host's node-exporter, and
// a real PostgreSQL under pgbench behind the real prometheus-postgres-exporter. Each catalogue query
// must parse and return the series its conformance case names, with the labels it promises. The
// full conformance suite runs the same entries over the backfilled history and on VictoriaMetrics.
import type { Server } from 'node:http';

import { startDemoServer } from '../../../demo/server';
import { type CatalogueEntry, allPromQueries } from '../../../src/queries/catalogue';
import { PRESETS } from '../../../src/queries/conventions';
import { interpolate } from '../support/grafanaInterpolation';
import { type PostgresStack, startPostgres } from '../support/postgres';
import {
  type RunningServer,
  promQuery,
  startPrometheusServer,
  startServer,
  stackScrapeConfig,
} from '../support/processes';
import { waitFor } from '../support/prometheusServer';

import { CONFORMANCE_CASES, countAsExpected } from './conformanceCases';
import { type Scenario, grafanaContext } from './conformanceContext';

const PROM_PORT = 19290;
const DEMO_PORT = 19221;
const NODE_EXPORTER_PORT = 19200;
const POSTGRES_PORT = 15433;
const POSTGRES_EXPORTER_PORT = 19287;
const NODE = `127.0.0.1:${NODE_EXPORTER_PORT}`;

/** Entries added with the cluster and database sections (the rest need the history; conformance.test.ts). */
const LIVE_ENTRIES =
  /^infrastructure\.(node-(cpu-wait-steal|load-per-core|disk-utilisation|disk-latency|net-errors)|kube-|pg-|var-database)/;
const entries = allPromQueries(PRESETS.otel).filter((e) => LIVE_ENTRIES.test(e.id));

let demo: Server | undefined;
let nodeExporter: RunningServer | undefined;
let postgres: PostgresStack | undefined;
let prometheus: RunningServer | undefined;

beforeAll(async () => {
  const started = Date.now();
  // Everything starts at once; PostgreSQL (initdb, pgbench -i) is the slowest.
  const postgresStarting = startPostgres({ port: POSTGRES_PORT, exporterPort: POSTGRES_EXPORTER_PORT });
  postgresStarting.catch(() => undefined);
  [demo, nodeExporter] = await Promise.all([
    startDemoServer({ port: DEMO_PORT, host: '127.0.0.1', seed: 42 }),
    startServer('prometheus-node-exporter', [`--web.listen-address=${NODE}`], `http://${NODE}`, '/metrics'),
  ]);
  postgres = await postgresStarting;
  const config =
    stackScrapeConfig({ demo: `127.0.0.1:${DEMO_PORT}` }, '1s') +
    `  - job_name: node\n    static_configs:\n      - targets: ['${NODE}']\n` +
    `  - job_name: postgres\n    static_configs:\n      - targets: ['127.0.0.1:${POSTGRES_EXPORTER_PORT}']\n`;
  prometheus = await startPrometheusServer({ port: PROM_PORT, config });
  // rate() needs two samples of every target, deadlocks' increase() too.
  await waitFor(
    async () => {
      const r = await promQuery(prometheus!.url, '/api/v1/query', {
        query: 'min(count_over_time(up[1m])) >= 5 and count(up == 1) == 3',
      });
      return (r.data?.result.length ?? 0) === 1;
    },
    60_000,
    'five scrapes of the demo, node-exporter and postgres_exporter'
  );
  console.log(`infrastructure live: stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 120_000);

afterAll(async () => {
  await prometheus?.stop();
  await postgres?.stop();
  await nodeExporter?.stop();
  await new Promise((r) => (demo ? demo.close(r) : r(undefined)));
});

test('the live entries are the node, Kubernetes and PostgreSQL ones', () => {
  expect(entries.map((e) => e.id)).toEqual([
    'infrastructure.node-cpu-wait-steal',
    'infrastructure.node-load-per-core',
    'infrastructure.node-disk-utilisation',
    'infrastructure.node-disk-latency',
    'infrastructure.node-net-errors',
    'infrastructure.kube-pods-not-ready',
    'infrastructure.kube-pod-not-ready',
    'infrastructure.kube-restarts',
    'infrastructure.kube-oom-killed',
    'infrastructure.kube-pending-pods',
    'infrastructure.kube-deployments-unavailable',
    'infrastructure.kube-deployments-short',
    'infrastructure.kube-node-conditions',
    'infrastructure.pg-up',
    'infrastructure.pg-connections-of-max',
    'infrastructure.pg-transactions',
    'infrastructure.pg-rollback-ratio',
    'infrastructure.pg-cache-hit-ratio',
    'infrastructure.pg-deadlocks',
    'infrastructure.pg-deadlocks-in-range',
    'infrastructure.pg-longest-transaction',
    'infrastructure.pg-replication-lag',
    'infrastructure.var-database',
  ]);
});

const rows = entries.flatMap((entry) =>
  (['all', 'subset'] as Scenario[]).map((scenario) => ({ name: `${entry.id} (${scenario})`, entry, scenario }))
);

test.each(rows)('$name', async ({ entry, scenario }: { entry: CatalogueEntry; scenario: Scenario }) => {
  const expected = CONFORMANCE_CASES[entry.id][scenario];
  const context = grafanaContext(scenario, NODE);
  if (entry.labelValues) {
    const match = interpolate(entry.labelValues.selector, context).expr;
    const res = await fetch(`${prometheus!.url}/api/v1/series`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'match[]': match }).toString(),
    });
    const body = (await res.json()) as { data?: Array<Record<string, string>> };
    const values = new Set((body.data ?? []).map((s) => s[entry.labelValues!.label]));
    expect({ match, count: values.size }).toEqual({ match, count: expected });
    return;
  }
  const { expr } = interpolate(entry.expr, context);
  const r = await promQuery(prometheus!.url, '/api/v1/query', { query: expr });
  expect({ expr, status: r.status, error: r.error }).toEqual({ expr, status: 'success', error: undefined });
  const series = r.data!.result;
  expect({ expr, series: countAsExpected(CONFORMANCE_CASES[entry.id], scenario, series.length) }).toEqual({
    expr,
    series: expected,
  });
  for (const s of series) {
    for (const label of entry.expectLabels) {
      expect({ expr, label, present: s.metric[label] !== undefined }).toEqual({ expr, label, present: true });
    }
    expect({ expr, finite: Number.isFinite(Number(s.value?.[1])) }).toEqual({ expr, finite: true });
  }
});

test('PostgreSQL values are what pgbench and the open transaction make them', async () => {
  const value = async (query: string) =>
    Number((await promQuery(prometheus!.url, '/api/v1/query', { query })).data?.result[0]?.value?.[1]);
  // This stack is seconds old and scraped every second: rate over the 6 h view's 2-minute window would
  // divide a few seconds of counter increase by 120 s. A short range gives a window of a few scrapes.
  const context = { ...grafanaContext('subset', NODE), rangeSeconds: 5000, scrapeIntervalSeconds: 1 };
  const pg = Object.fromEntries(
    entries.filter((e) => e.id.startsWith('infrastructure.pg-')).map((e) => [e.id, interpolate(e.expr, context).expr])
  );
  // pgbench runs about 20 transactions a second on two connections; one transaction stays open.
  expect(await value(pg['infrastructure.pg-transactions'])).toBeGreaterThan(5);
  expect(await value(pg['infrastructure.pg-connections-of-max'])).toBeGreaterThanOrEqual(3 / 50);
  expect(await value(pg['infrastructure.pg-longest-transaction'])).toBeGreaterThan(1);
  const hit = await value(pg['infrastructure.pg-cache-hit-ratio']);
  expect(hit).toBeGreaterThan(0.5);
  expect(hit).toBeLessThanOrEqual(1);
  expect(await value(pg['infrastructure.pg-replication-lag'])).toBe(0);
});
