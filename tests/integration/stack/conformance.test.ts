// Query conformance: every PromQL query the app's catalogue can produce, for every metric preset,
// interpolated the way Grafana's Prometheus data source would, runs on a real Prometheus holding the
// demo workload's backfilled history and live scrapes, and on a real VictoriaMetrics (the long-term
// store) holding the same history (imported from Prometheus' blocks with vmctl) and the live data
// Prometheus remote-writes to it. Each query must parse, return the number of series its
// conformance case names, and carry the labels the catalogue promises, on both backends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { defaultBottlenecks } from '../../../demo/cluster';
import { createModel } from '../../../demo/model';
import { calleesOf } from '../../../demo/topology';
import { type CatalogueEntry, allPromQueries } from '../../../src/queries/catalogue';
import { PRESET_IDS, PRESETS } from '../../../src/queries/conventions';
import { type DemoStack, startDemoStack } from '../support/demoStack';
import { interpolate } from '../support/grafanaInterpolation';
import { promQuery } from '../support/processes';
import { waitFor } from '../support/prometheusServer';
import {
  type VictoriaMetricsServer,
  forceFlush,
  importPrometheusBlocks,
  linkBlocks,
  remoteWriteConfig,
  startVictoriaMetrics,
} from '../support/victoriaMetrics';

import { type Comparison, compareBackends, compareLiveBackends } from './backendAgreement';
import {
  CONFORMANCE_CASES,
  MAX_BACKEND_DIFFERENCE,
  PINNED_BACKEND_DIFFERENCES,
  caseMismatches,
  countAsExpected,
} from './conformanceCases';
import { type Scenario, RANGE_SECONDS, grafanaContext, subsetFor } from './conformanceContext';
import { STRETCH_MARGIN_SECONDS, findOnDemo, longestBatchStretch } from './finderOnDemo';

const PROM_PORT = 19090;
const DEMO_PORT = 19121;
const PUSHGATEWAY_PORT = 19091;
const NODE_EXPORTER_PORT = 19100;
const VICTORIA_PORT = 19428;
const POSTGRES_PORT = 15432;
const POSTGRES_EXPORTER_PORT = 19187;
const HISTORY_DAYS = Number(process.env.CONFORMANCE_HISTORY_DAYS ?? 1);
const SERVICE = 'checkout';
const NODE = `127.0.0.1:${NODE_EXPORTER_PORT}`;
const SUBSET = subsetFor(NODE);
const context = (scenario: Scenario) => grafanaContext(scenario, NODE);

let stack: DemoStack;
let victoria: VictoriaMetricsServer;
/** Queries run per backend, for the closing note. */
const queriesRun: Record<string, number> = {};

const BACKENDS: Array<{ backend: string; url: () => string }> = [
  { backend: 'Prometheus', url: () => stack.prometheus.url },
  { backend: 'VictoriaMetrics', url: () => victoria.url },
];

function counted(backend: string): void {
  queriesRun[backend] = (queriesRun[backend] ?? 0) + 1;
}

const historyCopy = mkdtempSync(join(tmpdir(), 'codesentinel-conformance-blocks-'));
let imported: Promise<{ seconds: number }> | undefined;

beforeAll(async () => {
  const started = Date.now();
  victoria = await startVictoriaMetrics({ port: VICTORIA_PORT });
  stack = await startDemoStack({
    promPort: PROM_PORT,
    demoPort: DEMO_PORT,
    historyDays: HISTORY_DAYS,
    pushgatewayPort: PUSHGATEWAY_PORT,
    nodeExporterPort: NODE_EXPORTER_PORT,
    postgres: { port: POSTGRES_PORT, exporterPort: POSTGRES_EXPORTER_PORT },
    backfillRules: true,
    extraConfig: remoteWriteConfig(victoria.url),
    // The history (raw and recording rules) reaches the store the way an existing Prometheus' past
    // would be migrated: vmctl reading its blocks (hard-linked, so Prometheus may compact the
    // originals meanwhile). From then on remote_write carries the live data.
    beforePrometheus: async (dataDir) => {
      const blocks = linkBlocks(dataDir, historyCopy);
      imported = importPrometheusBlocks(victoria.url, blocks);
      imported.catch(() => undefined);
    },
  });
  const liveSince = Date.now();
  const { seconds } = await imported!;
  console.log(
    `conformance: history imported into VictoriaMetrics with vmctl in ${seconds.toFixed(1)} s (while Prometheus started)`
  );
  const { history } = stack;
  console.log(
    `conformance: ${HISTORY_DAYS} d of history, ${history.samples} samples in ${history.blocks} blocks in ${history.seconds.toFixed(1)} s`
  );
  const deployRuns = async (url: string) =>
    (await promQuery(url, '/api/v1/query', { query: 'count(codesentinel_deploy_run_finished_timestamp_seconds)' })).data
      ?.result[0]?.value?.[1];
  for (const { backend, url } of BACKENDS) {
    // Recording rules need one evaluation on top of the history before the rule-based entries exist.
    await waitFor(
      async () => {
        await forceFlush(victoria.url);
        const r = await promQuery(url(), '/api/v1/query', {
          query: 'count(codesentinel:service_requests:rate1m) + count(codesentinel:service_latency_seconds:p95_5m)',
        });
        return r.data?.result[0]?.value?.[1] === '10';
      },
      90_000,
      `the recording rules to produce every service on ${backend}`
    );
    await waitFor(async () => (await deployRuns(url())) === '10', 30_000, `${backend} to hold the deployment runs`);
  }
  // Range queries end at a step-aligned time (20 s steps here): live-only series (Pushgateway,
  // PostgreSQL, this host) need two steps of age before the first range query can hold a point.
  await new Promise((r) => setTimeout(r, Math.max(0, liveSince + 45_000 - Date.now())));
  await forceFlush(victoria.url);
  console.log(`conformance: stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}, 480_000);

afterAll(async () => {
  await stack?.stop();
  await victoria?.stop();
  rmSync(historyCopy, { recursive: true, force: true });
  console.log(`conformance: queries run per backend ${JSON.stringify(queriesRun)}`);
});

describe('every catalogue entry has a conformance case', () => {
  test.each(PRESET_IDS)('%s', (preset) => {
    const ids = allPromQueries(PRESETS[preset], { service: SERVICE }).map((e) => e.id);
    expect(caseMismatches(CONFORMANCE_CASES, preset, ids)).toEqual({ missing: [], stale: [], presentWhereAbsent: [] });
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const rows = PRESET_IDS.flatMap((preset) =>
  allPromQueries(PRESETS[preset], { service: SERVICE }).flatMap((entry) =>
    (['all', 'subset'] as Scenario[]).map((scenario) => ({
      name: `${preset} ${entry.id} (${scenario})`,
      preset,
      entry,
      scenario,
    }))
  )
);

describe.each(BACKENDS)('catalogue queries on a real $backend', ({ backend, url }) => {
  test.each(rows)('$name', async ({ entry, scenario }) => {
    const expected = CONFORMANCE_CASES[entry.id]?.[scenario];
    if (expected === undefined) {
      throw new Error(`no conformance case for ${entry.id}: add one to tests/integration/stack/conformanceCases.ts`);
    }
    const target = { backend, url: url() };
    if (entry.labelValues) {
      await checkLabelValues(target, entry, scenario, expected);
    } else {
      await checkQuery(target, entry, scenario, expected, CONFORMANCE_CASES[entry.id].live === true);
    }
  });
});

const agreement: Array<Comparison & { id: string }> = [];

describe('Prometheus and VictoriaMetrics agree on every catalogue query over the same data', () => {
  const queries = rows.filter((r) => r.scenario === 'all' && !r.entry.labelValues);
  // Data both backends hold sample for sample: the backfilled history (60 s steps, read from the
  // same blocks), at an instant aligned to its step, for everything with history; live-only series
  // (Pushgateway, node-exporter) at a live instant, once remote_write has delivered every target
  // past it. Live scrapes of the in-process demo can come late or fail on a loaded machine, and an
  // irregular sample spacing is extrapolated differently; that is not a query difference.
  let liveAt = 0;
  const historyAt = () => Math.floor((stack.history.endSeconds - 1800) / 60) * 60;
  beforeAll(async () => {
    liveAt = Math.floor(Date.now() / 10_000) * 10 - 10;
    await waitFor(
      async () => {
        await forceFlush(victoria.url);
        const r = await promQuery(victoria.url, '/api/v1/query', { query: 'min(timestamp(up))' });
        return Number(r.data?.result[0]?.value?.[1]) >= liveAt + 5;
      },
      120_000,
      'remote_write to deliver every target past the comparison time'
    );
  }, 130_000);

  test.each(queries)('$name', async ({ entry }) => {
    const { expr } = interpolate(entry.expr, context('all'));
    const comparison = CONFORMANCE_CASES[entry.id]?.live
      ? await compareLiveBackends(stack.prometheus.url, victoria.url, expr, historyAt(), liveAt)
      : await compareBackends(stack.prometheus.url, victoria.url, expr, historyAt());
    counted('Prometheus');
    counted('VictoriaMetrics');
    agreement.push({ id: entry.id, ...comparison });
    expect({ expr, onlyOn: comparison.onlyOn }).toEqual({ expr, onlyOn: { prometheus: [], victoria: [] } });
    const pinned = PINNED_BACKEND_DIFFERENCES[entry.id];
    if (pinned) {
      const broken = comparison.pairs.filter(([p, v]) => !pinned.check(p, v));
      expect({ expr, why: pinned.why, series: comparison.pairs.length > 0, broken }).toEqual({
        expr,
        why: pinned.why,
        series: true,
        broken: [],
      });
      return;
    }
    const allowed =
      MAX_BACKEND_DIFFERENCE[entry.id] ??
      MAX_BACKEND_DIFFERENCE[expr.includes('histogram_quantile(') ? 'quantile' : 'default'];
    // [Prometheus, VictoriaMetrics] per series, so a failure shows the values and not only their ratio.
    expect({
      expr,
      pairs: comparison.pairs,
      difference: comparison.maxRelativeDifference,
      within: comparison.maxRelativeDifference <= allowed,
    }).toEqual({
      expr,
      pairs: comparison.pairs,
      difference: comparison.maxRelativeDifference,
      within: true,
    });
  });

  afterAll(() => {
    const worst = [...agreement].sort((a, b) => b.maxRelativeDifference - a.maxRelativeDifference).slice(0, 12);
    console.log(
      `backend agreement, largest relative differences:\n${worst.map((c) => `  ${c.maxRelativeDifference.toExponential(2)}  ${c.id}`).join('\n')}`
    );
  });
});

/** One volume and one request series, as the history generator writes them and the live scrape stores them. */
const BOUNDARY_SERIES = [
  'kubelet_volume_stats_used_bytes{persistentvolumeclaim="checkout-data"}',
  'http_server_request_duration_seconds_count{instance="checkout-0", http_route="/api/cart", http_response_status_code="200"}',
];

describe.each(BACKENDS)('backfilled history and live scrapes are one series on $backend', ({ backend, url }) => {
  test.each(BOUNDARY_SERIES)('%s', async (series) => {
    const liveFrom = stack.history.endSeconds;
    const now = Math.floor(Date.now() / 1000);
    const range = await promQuery(url(), '/api/v1/query_range', {
      query: series,
      start: String(liveFrom - 1800),
      end: String(now),
      step: '1',
    });
    counted(backend);
    expect({ series, status: range.status, error: range.error }).toEqual({
      series,
      status: 'success',
      error: undefined,
    });
    const result = range.data!.result;
    // Labels that differ between history and live (a missing job or instance) would make two series here.
    expect({ series, count: result.length, labels: result.map((r) => r.metric) }).toEqual({
      series,
      count: 1,
      labels: [expect.objectContaining({ job: 'demo', instance: expect.any(String) })],
    });
    const times = result[0].values!.map(([t]) => t);
    expect({
      series,
      history: times.some((t) => t < liveFrom - 60),
      live: times.some((t) => t > liveFrom + 1),
    }).toEqual({
      series,
      history: true,
      live: true,
    });
  });
});

interface Target {
  backend: string;
  url: string;
}

async function checkQuery(
  target: Target,
  entry: CatalogueEntry,
  scenario: Scenario,
  expected: number,
  live: boolean
): Promise<void> {
  const { expr, intervalSeconds } = interpolate(entry.expr, context(scenario));
  const now = Math.floor(Date.now() / 1000);
  const instant = await promQuery(target.url, '/api/v1/query', { query: expr, time: String(now) });
  counted(target.backend);
  expect({ expr, status: instant.status, error: instant.error }).toEqual({ expr, status: 'success', error: undefined });
  const series = instant.data!.result;
  expect({ expr, series: countAsExpected(CONFORMANCE_CASES[entry.id], scenario, series.length) }).toEqual({
    expr,
    series: expected,
  });
  for (const s of series) {
    for (const label of entry.expectLabels) {
      expect({ expr, label, value: s.metric[label] ?? '(missing)' }).not.toEqual({ expr, label, value: '(missing)' });
    }
    expect({ expr, value: Number.isFinite(Number(s.value?.[1])) }).toEqual({ expr, value: true });
    if (scenario === 'subset' && entry.page === 'service') {
      checkWithinSubset(expr, s.metric);
    }
  }
  // The same query as a panel's range query over the history (Grafana aligns start/end to the step).
  const end = Math.floor(now / intervalSeconds) * intervalSeconds;
  const range = await promQuery(target.url, '/api/v1/query_range', {
    query: expr,
    start: String(end - RANGE_SECONDS),
    end: String(end),
    step: String(intervalSeconds),
  });
  counted(target.backend);
  expect({ expr, status: range.status, error: range.error }).toEqual({ expr, status: 'success', error: undefined });
  const points = range.data!.result.reduce((n, s) => n + (s.values?.length ?? 0), 0);
  // Backfilled history covers the whole range (many points per series); live-only data at least one.
  const fewest = expected - (CONFORMANCE_CASES[entry.id].fewerWhenIdle ?? 0);
  expect({ expr, points: points >= fewest * (live ? 1 : 10) }).toEqual({ expr, points: true });
}

async function checkLabelValues(
  target: Target,
  entry: CatalogueEntry,
  scenario: Scenario,
  expected: number
): Promise<void> {
  const { selector, label } = entry.labelValues!;
  const match = interpolate(selector, context(scenario)).expr;
  const now = Math.floor(Date.now() / 1000);
  const res = await fetch(`${target.url}/api/v1/series`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ 'match[]': match, start: String(now - RANGE_SECONDS), end: String(now) }).toString(),
  });
  counted(target.backend);
  const body = (await res.json()) as { status: string; error?: string; data?: Array<Record<string, string>> };
  expect({ match, status: body.status, error: body.error }).toEqual({ match, status: 'success', error: undefined });
  const values = new Set((body.data ?? []).map((s) => s[label]).filter((v) => v !== undefined));
  expect({ match, label, values: values.size }).toEqual({ match, label, values: expected });
}

/** On the service page, no series may come from an instance or endpoint the user did not select. */
function checkWithinSubset(expr: string, metric: Record<string, string>): void {
  const labels = new Set(
    PRESET_IDS.flatMap((p) => [PRESETS[p].instanceLabel, 'pod']).concat(PRESET_IDS.map((p) => PRESETS[p].endpointLabel))
  );
  for (const [name, value] of Object.entries(metric)) {
    if (!labels.has(name)) {
      continue;
    }
    const allowed = [...SUBSET.instance, ...SUBSET.endpoint];
    expect({ expr, [name]: allowed.includes(value) ? 'selected' : value }).toEqual({ expr, [name]: 'selected' });
  }
}

// The demo's known bottleneck (demo/cluster.ts): the nightly batch job's disk bursts on worker-3 slow
// search-1. On the stack's own data the finder must put a worker-3 I/O signal first for search, and
// list nothing for auth, whose pods run on worker-1 and worker-2 where nothing is injected and which
// calls no other service. The same bursts slow payments-1, and checkout waits on payments for every
// checkout (demo/topology.ts CALL_EDGES): checkout's own pods and nodes are untouched, so the finder
// must name its calls to payments, and not its calls to auth.
describe('the bottleneck finder on the demo data in Prometheus', () => {
  const IO_SIGNALS = ['I/O wait', 'disk utilisation', 'disk latency'];
  let stretch = { start: 0, end: 0 };
  beforeAll(() => {
    const from = stack.history.startSeconds + STRETCH_MARGIN_SECONDS;
    stretch = longestBatchStretch(42, from, Math.floor(Date.now() / 1000) - 120);
    console.log(`finder on the demo: batch stretch of ${((stretch.end - stretch.start) / 3600).toFixed(1)} h`);
  });

  test('search: the true cause (worker-3 disk I/O) is ranked first', async () => {
    expect(stretch.end - stretch.start).toBeGreaterThanOrEqual(3 * 3600);
    const findings = await findOnDemo(stack.prometheus.url, 'search', stretch.start, stretch.end);
    const top = findings.ranked[0];
    expect({ subject: top?.subject, io: IO_SIGNALS.includes(top?.signal ?? '') }).toEqual({
      subject: 'worker-3',
      io: true,
    });
    expect(top.rho).toBeGreaterThan(0.3);
    expect(top.ratio).toBeGreaterThan(2);
  });

  test('checkout: the callee that is slowed (calls to payments) is ranked first, calls to auth not at all', async () => {
    const findings = await findOnDemo(stack.prometheus.url, 'checkout', stretch.start, stretch.end);
    const lines = findings.ranked.map((r) => `${r.subject} ${r.signal} ρ=${r.rho.toFixed(2)}`);
    console.log(`finder on the demo, checkout: ${lines.join('; ') || 'nothing ranked'}`);
    // The callees with a pod on the batch job's node are slowed by its bursts; the others are not.
    const { node } = defaultBottlenecks(42).diskBatch!;
    const placement = createModel(42).cluster.placement;
    const onNode = (callee: string) => [...placement].some(([pod, n]) => n === node && pod.startsWith(`${callee}-`));
    const slowed = calleesOf('checkout').filter(onNode);
    const unaffected = calleesOf('checkout').filter((c) => !onNode(c));
    expect({ slowed, unaffected: unaffected.length > 0 }).toEqual({ slowed: ['payments'], unaffected: true });
    const top = findings.ranked[0];
    expect({ subject: top?.subject, signal: top?.signal }).toEqual({
      subject: 'calls to payments',
      signal: 'p95 latency',
    });
    expect(top.rho).toBeGreaterThan(0.3);
    expect(top.ratio).toBeGreaterThan(1.5);
    expect(findings.ranked.filter((r) => unaffected.some((c) => r.subject === `calls to ${c}`))).toEqual([]);
  });

  test('auth: no injected cause, nothing ranked', async () => {
    const findings = await findOnDemo(stack.prometheus.url, 'auth', stretch.start, stretch.end);
    expect(findings.signals).toBeGreaterThan(8);
    expect(findings.ranked.map((r) => `${r.subject} ${r.signal} ρ=${r.rho.toFixed(2)}`)).toEqual([]);
  });
});
