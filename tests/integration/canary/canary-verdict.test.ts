// The Canary Analysis end to end on real data: the demo workload (checkout runs a slower, leakier
// canary) scraped by a real Prometheus; every canary query of src/queries must return data (the
// window's latency buckets too), and the statistics on those samples must say "roll back".
import type { Server } from 'node:http';

import { BUCKETS_SECONDS, createModel } from '../../../demo/model';
import { startDemoServer } from '../../../demo/server';
import { explainMetric } from '../../../src/analytics/canary/explainCodes';
import { judgeCanary } from '../../../src/analytics/canary/scorer';
import type { HistogramBucket, MetricData } from '../../../src/analytics/canary/types';
import { actionFor } from '../../../src/pages/canary/canaryAction';
import { canaryCatalogueEntries, canaryQueries, resolveSplit } from '../../../src/queries/canary';
import { substituteTemplateVariables } from '../../../src/queries/catalogueTypes';
import { PRESETS } from '../../../src/queries/conventions';
import { leSeconds } from '../../../src/queries/red';
import { resolveCanaryConfig } from '../../../src/settings/canary';
import { type PrometheusServer, instantQuery, startPrometheus, waitFor } from '../support/prometheusServer';

const PROMETHEUS_PORT = 19098;
const DEMO_PORT = 19127;
/**
 * Live data to collect before judging: one scrape per second. At night the canary serves ~1.3
 * requests a second; over 70 s (this test's old window) its p95's lower bound reached only +4.6 %
 * at 02:00 UTC and the verdict's p95 read "inconclusive" (7 % of the week's hours, all at night).
 * The first test below sweeps the demo model over a week at this window: at 150 s the lowest lower
 * bound of the p95 ratio was 1.07 to 1.13 (allowed: 1.05), at 180 s 1.15 to 1.19.
 */
const COLLECT_SECONDS = 180;
const STEP_SECONDS = 2;
/** What Grafana would substitute for $__rate_interval at this scrape interval and step. */
const RATE_INTERVAL = '10s';

const c = PRESETS.istio;
let demo: Server;
let prom: PrometheusServer;
let startedAt: number;

interface RangeResult {
  status: string;
  error?: string;
  data?: { result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }> };
}

async function rangeQuery(expr: string, start: number, end: number): Promise<RangeResult> {
  const res = await fetch(`${prom.url}/api/v1/query_range`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      query: expr,
      start: String(start),
      end: String(end),
      step: String(STEP_SECONDS),
    }).toString(),
  });
  return (await res.json()) as RangeResult;
}

function substitute(expr: string): string {
  return substituteTemplateVariables(expr, { $__rate_interval: RATE_INTERVAL });
}

async function samples(expr: string, start: number, end: number): Promise<number[]> {
  const r = await rangeQuery(substitute(expr), start, end);
  if (r.status !== 'success') {
    throw new Error(`${expr}: ${r.error}`);
  }
  return (r.data?.result ?? []).flatMap((s) => s.values.map(([, v]) => Number(v)));
}

async function total(expr: string): Promise<number | undefined> {
  const r = await instantQuery(prom, substitute(expr));
  if (r.status !== 'success') {
    throw new Error(`${expr}: ${r.error}`);
  }
  const v = r.data?.result[0]?.value[1];
  return v === undefined ? undefined : Number(v);
}

/** Requests per latency bucket in the window (an instant `sum by (le)` query), le in seconds. */
async function buckets(expr: string): Promise<HistogramBucket[]> {
  const r = await instantQuery(prom, substitute(expr));
  if (r.status !== 'success') {
    throw new Error(`${expr}: ${r.error}`);
  }
  return (r.data?.result ?? []).map((s) => ({ le: leSeconds(c, s.metric.le ?? ''), count: Number(s.value[1]) }));
}

beforeAll(
  async () => {
    demo = await startDemoServer({ port: DEMO_PORT, host: '127.0.0.1', seed: 42, conventions: ['istio'] });
    prom = await startPrometheus(
      PROMETHEUS_PORT,
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: demo',
        '    honor_labels: true',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${DEMO_PORT}']`,
      ].join('\n')
    );
    startedAt = Date.now() / 1000;
    await waitFor(
      async () => Date.now() / 1000 - startedAt >= COLLECT_SECONDS,
      (COLLECT_SECONDS + 30) * 1000,
      `${COLLECT_SECONDS} s of scrapes`
    );
  },
  (COLLECT_SECONDS + 90) * 1000
);

afterAll(async () => {
  await prom?.stop();
  await new Promise<void>((resolve) => (demo ? demo.close(() => resolve()) : resolve()));
});

/** The window's latency buckets of checkout's canary or stable pods, straight from the demo model. */
function modelBuckets(
  model: ReturnType<typeof createModel>,
  track: 'canary' | 'stable',
  from: number,
  to: number
): HistogramBucket[] {
  const cumulative = BUCKETS_SECONDS.map(() => 0);
  let count = 0;
  for (const s of model.series.filter((x) => x.service.name === 'checkout' && x.instance.track === track)) {
    const a = model.histogramAt(s, from);
    const b = model.histogramAt(s, to);
    b.buckets.forEach((v, i) => (cumulative[i] += v - a.buckets[i]));
    count += b.count - a.count;
  }
  return [...BUCKETS_SECONDS.map((le, i) => ({ le, count: cumulative[i] })), { le: Infinity, count }];
}

test(`${COLLECT_SECONDS} s of the demo canary's requests are enough to judge its p95 worse at any hour of the week`, () => {
  const model = createModel(42, 'bad');
  const config = resolveCanaryConfig();
  const p95 = config.metrics.filter((m) => m.id === 'p95');
  const start = Math.floor(Date.now() / 1000);
  const undecided: string[] = [];
  let lowest = Infinity;
  // Every ~10 minutes of a week (613 s, so the minute within the hour varies too).
  for (let t = start; t < start + 7 * 86400; t += 613) {
    const data = {
      p95: {
        canaryBuckets: modelBuckets(model, 'canary', t - COLLECT_SECONDS, t),
        baselineBuckets: modelBuckets(model, 'stable', t - COLLECT_SECONDS, t),
      },
    };
    const judged = judgeCanary(p95, data, config.thresholds).metrics[0];
    lowest = Math.min(lowest, judged.quantiles?.ratio.lower ?? Infinity);
    if (judged.outcome !== 'high') {
      undecided.push(`${new Date(t * 1000).toISOString()}: ${judged.outcome}`);
    }
  }
  console.log(
    `demo model, ${COLLECT_SECONDS} s windows over a week: canary/baseline p95 ratio's lowest lower bound ${lowest.toFixed(3)}`
  );
  expect(undecided).toEqual([]);
});

test('every canary catalogue query returns data for the demo canary', async () => {
  const end = Date.now() / 1000;
  const start = startedAt + 15;
  const empty: string[] = [];
  for (const entry of canaryCatalogueEntries(c)) {
    // Window totals are instant queries; their 300 s window covers all the data there is.
    const isTotal = /-(request|error)-count$/.test(entry.id);
    const values = isTotal
      ? [await total(entry.expr)].filter((v): v is number => v !== undefined)
      : await samples(entry.expr, start, end);
    if (values.filter((v) => Number.isFinite(v)).length === 0) {
      empty.push(entry.id);
    }
  }
  expect(empty).toEqual([]);
});

test("the judge's window buckets: one series per le of the demo's histogram, +Inf the request total", async () => {
  const resolved = resolveSplit(c, { service: 'checkout', preset: 'istio-version' });
  if (!resolved.ok) {
    throw new Error(resolved.reason);
  }
  const q = canaryQueries(c, resolved.split, 60);
  for (const g of ['canary', 'baseline'] as const) {
    const got = await buckets(q.groups[g].latencyBuckets);
    // The demo's bounds (ms → s) and +Inf; cumulative counts never fall with le.
    expect(got.map((b) => b.le).sort((a, b) => a - b)).toEqual([
      0.005,
      0.01,
      0.025,
      0.05,
      0.1,
      0.25,
      0.5,
      1,
      2.5,
      5,
      10,
      Infinity,
    ]);
    const requests = await total(q.groups[g].requestCount);
    const inf = got.find((b) => b.le === Infinity)?.count ?? NaN;
    expect(inf).toBeGreaterThan(10);
    // The same counters over the same window: +Inf is the request total up to extrapolation.
    expect(Math.abs(inf - (requests ?? NaN)) / inf).toBeLessThan(0.05);
  }
});

test('the verdict on the demo canary is "roll back", because p95 latency is worse', async () => {
  const end = Date.now() / 1000;
  // Skip the first scrapes: a rate needs a full window behind it.
  const start = startedAt + 15;
  const resolved = resolveSplit(c, { service: 'checkout', preset: 'istio-version' });
  expect(resolved.ok).toBe(true);
  if (!resolved.ok) {
    return;
  }
  const q = canaryQueries(c, resolved.split, Math.round(end - startedAt));
  const config = resolveCanaryConfig();
  const data: Record<string, MetricData> = {};
  for (const m of config.metrics) {
    if (m.id === 'error-count') {
      const counts = {
        canaryCount: (await total(q.groups.canary.errorCount)) ?? NaN,
        canaryExposure: (await total(q.groups.canary.requestCount)) ?? NaN,
        baselineCount: (await total(q.groups.baseline.errorCount)) ?? NaN,
        baselineExposure: (await total(q.groups.baseline.requestCount)) ?? NaN,
      };
      data[m.id] = counts;
    } else if (m.kind === 'quantile') {
      data[m.id] = {
        canaryBuckets: await buckets(q.groups.canary.latencyBuckets),
        baselineBuckets: await buckets(q.groups.baseline.latencyBuckets),
      };
    } else {
      data[m.id] = {
        canary: await samples(q.groups.canary.metrics[m.id], start, end),
        baseline: await samples(q.groups.baseline.metrics[m.id], start, end),
      };
    }
  }
  const judgement = judgeCanary(config.metrics, data, config.thresholds);
  const p95 = judgement.metrics.find((m) => m.id === 'p95');
  // Printed so the real-data figures can be quoted (this is a report, not an assertion).

  console.log(
    [
      `verdict ${judgement.verdict} (${actionFor(judgement.verdict)}), score ${judgement.score.toFixed(0)}`,
      ...judgement.metrics.map((m) => explainMetric(m, judgement.thresholds)),
    ].join('\n')
  );
  expect(p95?.outcome).toBe('high');
  expect(p95?.canaryN).toBeGreaterThanOrEqual(20);
  expect(judgement.verdict).toBe('fail');
  expect(actionFor(judgement.verdict)).toBe('roll back');
});
