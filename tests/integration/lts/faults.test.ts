// The long-term store's failure modes, on real servers: (1) VictoriaMetrics stopped for a minute while
// Prometheus keeps scraping and remote-writing loses no sample once it is back (Prometheus queues
// and retries); (2) vmbackup to a local fs:// destination and vmrestore into a fresh instance give
// back the same samples.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { type RunningServer, promQuery, startPrometheusServer } from '../support/processes';
import { waitFor } from '../support/prometheusServer';
import { type VictoriaMetricsServer, forceFlush, startVictoriaMetrics } from '../support/victoriaMetrics';

const VICTORIA_PORT = 19432;
const PROM_PORT = 19433;
const EXPORTER_PORT = 19434;
const RESTORED_PORT = 19435;
/** Long enough to span many remote_write batches and retries, short enough for CI. */
const OUTAGE_SECONDS = Number(process.env.LTS_OUTAGE_SECONDS ?? 60);
const SERIES = 4;
const SELECTOR = 'lts_fixture_requests_total{job="fixture"}';

let exporter: Server;
let prometheus: RunningServer | undefined;
let victoria: VictoriaMetricsServer | undefined;
const work = mkdtempSync(join(tmpdir(), 'codesentinel-lts-faults-'));
const storeDir = join(work, 'store');

function exposition(n: number): string {
  const lines = ['# TYPE lts_fixture_requests_total counter'];
  for (let i = 0; i < SERIES; i++) {
    lines.push(`lts_fixture_requests_total{series="s${i}"} ${n * (i + 1)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function sampleCounts(url: string, start: number, end: number): Promise<Record<string, number>> {
  const r = await promQuery(url, '/api/v1/query', {
    query: `count_over_time(${SELECTOR}[${end - start}s])`,
    time: String(end),
  });
  if (r.status !== 'success') {
    throw new Error(`${url}: ${r.error}`);
  }
  return Object.fromEntries(r.data!.result.map((s) => [s.metric.series, Number(s.value![1])]));
}

beforeAll(async () => {
  let scrapes = 0;
  exporter = createServer((_req, res) => {
    scrapes += 1;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(exposition(scrapes));
  });
  await new Promise<void>((resolve) => exporter.listen(EXPORTER_PORT, '127.0.0.1', resolve));
  const vmUrl = `http://127.0.0.1:${VICTORIA_PORT}`;
  const config = [
    'global:',
    '  scrape_interval: 1s',
    'scrape_configs:',
    '  - job_name: fixture',
    '    static_configs:',
    `      - targets: ['127.0.0.1:${EXPORTER_PORT}']`,
    'remote_write:',
    `  - url: ${vmUrl}/api/v1/write`,
    '    queue_config:',
    '      batch_send_deadline: 1s',
    '      min_backoff: 200ms',
    '      max_backoff: 2s',
  ].join('\n');
  [prometheus, victoria] = await Promise.all([
    startPrometheusServer({ port: PROM_PORT, config }),
    startVictoriaMetrics({ port: VICTORIA_PORT, dataDir: storeDir }),
  ]);
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await victoria?.stop();
  exporter?.closeAllConnections();
  await new Promise((resolve) => exporter?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

test(`no sample is lost while the store is down for ${OUTAGE_SECONDS} s`, async () => {
  const vm = victoria!;
  await waitFor(
    async () => {
      await forceFlush(vm.url);
      const now = Math.floor(Date.now() / 1000);
      return Object.keys(await sampleCounts(vm.url, now - 60, now)).length === SERIES;
    },
    30_000,
    'the first remote-written samples'
  );
  const start = Math.floor(Date.now() / 1000) - 5;
  await vm.stop();
  const downAt = Date.now() / 1000;
  await new Promise((r) => setTimeout(r, OUTAGE_SECONDS * 1000));
  const upAt = Date.now() / 1000;
  victoria = await startVictoriaMetrics({ port: VICTORIA_PORT, dataDir: storeDir });
  await new Promise((r) => setTimeout(r, 5000));
  const end = Math.floor(Date.now() / 1000);
  const inPrometheus = await sampleCounts(prometheus!.url, start, end);
  // Prometheus scraped (nearly) every second of the outage; a loaded machine may miss a few scrapes,
  // which is not what this test is about: the store must end up with exactly what Prometheus has.
  expect(Object.values(inPrometheus).every((n) => n >= 0.8 * (end - start))).toBe(true);
  let inStore: Record<string, number> = {};
  const caughtUp = Date.now();
  await waitFor(
    async () => {
      await forceFlush(victoria!.url);
      inStore = await sampleCounts(victoria!.url, start, end);
      return JSON.stringify(inStore) === JSON.stringify(inPrometheus);
    },
    60_000,
    'the remote-write queue to deliver every sample of the outage'
  ).catch(() => undefined);
  expect(inStore).toEqual(inPrometheus);
  const during = await sampleCounts(victoria!.url, Math.ceil(downAt), Math.floor(upAt));
  const duringInPrometheus = await sampleCounts(prometheus!.url, Math.ceil(downAt), Math.floor(upAt));
  console.log(
    `outage ${OUTAGE_SECONDS} s: ${Object.values(inPrometheus).reduce((a, b) => a + b, 0)} samples in Prometheus and the store, ` +
      `${Object.values(during).reduce((a, b) => a + b, 0)} of them from the outage, caught up ${((Date.now() - caughtUp) / 1000).toFixed(1)} s after the store was back`
  );
  expect(during).toEqual(duringInPrometheus);
  expect(Object.values(during).every((n) => n >= 0.8 * OUTAGE_SECONDS)).toBe(true);
}, 180_000);

test('vmbackup to fs:// and vmrestore into a fresh instance give back the same samples', async () => {
  // A still store: no more writes, everything flushed, so both instances must count the same.
  await prometheus!.stop();
  prometheus = undefined;
  await forceFlush(victoria!.url);
  const end = Math.floor(Date.now() / 1000) + 60;
  const before = await sampleCounts(victoria!.url, end - 3600, end);
  const backup = join(work, 'backup');
  const restored = join(work, 'restored');
  const run = promisify(execFile);
  await run('vmbackup', [
    `-storageDataPath=${storeDir}`,
    `-snapshot.createURL=${victoria!.url}/snapshot/create`,
    `-dst=fs://${backup}`,
    '-loggerLevel=WARN',
  ]);
  await run('vmrestore', [`-src=fs://${backup}`, `-storageDataPath=${restored}`, '-loggerLevel=WARN']);
  const fresh = await startVictoriaMetrics({ port: RESTORED_PORT, dataDir: restored });
  try {
    const after = await sampleCounts(fresh.url, end - 3600, end);
    expect(Object.keys(before)).toHaveLength(SERIES);
    expect(after).toEqual(before);
  } finally {
    await fresh.stop();
  }
}, 120_000);
