// The CI → Pushgateway → Prometheus path: the deploy simulator (the real CLI) pushes like a CI job,
// Prometheus scrapes the Pushgateway with honor_labels, and the app's deployment queries return
// exactly the pushed values with the job's own grouping labels.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { type DeployRun, pushRun } from '../../../demo/deploySimulator';
import { allPromQueries } from '../../../src/queries/catalogue';
import { PRESETS } from '../../../src/queries/conventions';
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

let pushgateway: RunningServer;
let prometheus: RunningServer;

beforeAll(async () => {
  pushgateway = await startPushgateway(PUSHGATEWAY_PORT);
  prometheus = await startPrometheusServer({
    port: PROM_PORT,
    config: stackScrapeConfig({ pushgateway: `127.0.0.1:${PUSHGATEWAY_PORT}` }, '1s'),
  });
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await pushgateway?.stop();
});

async function value(query: string): Promise<Array<{ labels: Record<string, string>; value: number }>> {
  const r = await promQuery(prometheus.url, '/api/v1/query', { query });
  if (r.status !== 'success') {
    throw new Error(`${query}: ${r.error}`);
  }
  return r.data!.result.map((s) => ({ labels: s.metric, value: Number(s.value![1]) }));
}

async function scraped(query: string, expected: number): Promise<void> {
  await waitFor(async () => (await value(query))[0]?.value === expected, 20_000, `${query} == ${expected}`);
}

test('the deploy simulator CLI pushes one run per service and environment', async () => {
  const { stdout } = await promisify(execFile)('npx', [
    'tsx',
    'demo/deploySimulator.ts',
    '--gateway',
    pushgateway.url,
    '--once',
  ]);
  console.log(`pushgateway: ${stdout.trim()}`);
  await waitFor(
    async () => (await value('count(codesentinel_deploy_last_result)'))[0]?.value === 10,
    20_000,
    '10 deployment groups scraped'
  );
  const results = await value('codesentinel_deploy_last_result');
  // honor_labels keeps the job's grouping key instead of job="pushgateway".
  expect(new Set(results.map((r) => r.labels.job))).toEqual(new Set(['ci_deploy']));
  expect(new Set(results.map((r) => r.labels.environment))).toEqual(new Set(['staging', 'production']));
  expect(results.every((r) => r.value === 1)).toBe(true);
});

test('a failed run replaces only its own gauges and the pipeline queries return the pushed values', async () => {
  const success: DeployRun = {
    service: 'checkout',
    environment: 'production',
    finishedAt: 1_800_000_000,
    durationSeconds: 240,
    success: true,
  };
  const failure: DeployRun = { ...success, finishedAt: 1_800_000_600, durationSeconds: 75, success: false };
  await pushRun(pushgateway.url, success);
  await scraped(
    'codesentinel_deploy_last_run_timestamp_seconds{service="checkout",environment="production"}',
    1_800_000_000
  );
  await pushRun(pushgateway.url, failure);
  await scraped(
    'codesentinel_deploy_last_run_timestamp_seconds{service="checkout",environment="production"}',
    1_800_000_600
  );

  const sel = '{job="ci_deploy",service="checkout",environment="production"}';
  expect((await value(`codesentinel_deploy_last_result${sel}`))[0].value).toBe(0);
  expect((await value(`codesentinel_deploy_duration_seconds${sel}`))[0].value).toBe(75);
  expect((await value(`codesentinel_deploy_last_failure_timestamp_seconds${sel}`))[0].value).toBe(1_800_000_600);
  // POST semantics: the success timestamp of the earlier run survives the failed one.
  expect((await value(`codesentinel_deploy_last_success_timestamp_seconds${sel}`))[0].value).toBe(1_800_000_000);

  // The app's own deployment queries, interpolated as Grafana would with service=checkout, environment=production.
  const entries = allPromQueries(PRESETS.otel).filter((e) => e.page === 'deployments' && !e.labelValues);
  const variables = {
    service: { values: ['checkout'], multi: true, includeAll: true },
    environment: { values: ['production'], multi: true, includeAll: true },
  };
  const byId = async (id: string) => {
    const entry = entries.find((e) => e.id === id);
    if (!entry) {
      throw new Error(`catalogue has no ${id}`);
    }
    const { expr } = interpolate(entry.expr, {
      rangeSeconds: 3600,
      maxDataPoints: 1000,
      scrapeIntervalSeconds: 15,
      variables,
    });
    return value(expr);
  };
  expect((await byId('deployments.last-result')).map((r) => r.value)).toEqual([0]);
  expect((await byId('deployments.last-duration')).map((r) => r.value)).toEqual([75]);
  expect((await byId('deployments.failing-now')).map((r) => r.value)).toEqual([1]);
  expect((await byId('deployments.last-run-at')).map((r) => r.value)).toEqual([1_800_000_600_000]);
  // The simulator's initial run (over an hour old: outside the range), then the success and the
  // failure: two runs in the hour, one of them successful.
  expect((await byId('deployments.runs')).map((r) => r.value)).toEqual([2]);
  expect((await byId('deployments.success-ratio')).map((r) => r.value)).toEqual([0.5]);
  console.log(
    `pushgateway: 6 of the catalogue's ${entries.length} deployment queries checked against the pushed values`
  );
});
