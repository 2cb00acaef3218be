// The long-term store's history and Prometheus' short-term history come from one model: where their
// timestamps meet (every 15 minutes) a real VictoriaMetrics and a real Prometheus return the same
// counter values, and hour-long increases agree. Three weeks of the year are enough here (otel
// only, to keep CI short); `npm run bench:lts` writes the full 13 months.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { generateHistory } from '../../../demo/history';
import { writeLongTermHistory } from '../../../demo/longTermHistory';
import { type RunningServer, promQuery, startPrometheusServer } from '../support/processes';
import { type VictoriaMetricsServer, countSamples, forceFlush, startVictoriaMetrics } from '../support/victoriaMetrics';

const VICTORIA_PORT = 19430;
const PROM_PORT = 19431;
const STEP = 900;
const SHORT_TERM_HOURS = 6;
const target = { job: 'demo', instance: 'demo:9464' };
// A fixed end keeps the data deterministic run to run (aligned to both steps, a few days ago).
const END = Math.floor((Date.now() / 1000 - 3 * 86400) / 86400) * 86400;

let victoria: VictoriaMetricsServer;
let prometheus: RunningServer;
let promDir: string;
let samplesWritten = 0;

beforeAll(async () => {
  promDir = mkdtempSync(join(tmpdir(), 'codesentinel-lts-prom-'));
  const [vm] = await Promise.all([
    startVictoriaMetrics({ port: VICTORIA_PORT }),
    generateHistory({
      seed: 42,
      days: SHORT_TERM_HOURS / 24,
      stepSeconds: 60,
      endSeconds: END,
      outDir: promDir,
      conventions: ['otel'],
      target,
      promtool: 'promtool',
    }),
  ]);
  victoria = vm;
  const [history] = await Promise.all([
    writeLongTermHistory({
      vmUrl: victoria.url,
      seed: 42,
      days: 21,
      stepSeconds: STEP,
      endSeconds: END,
      conventions: ['otel'],
      target,
      extraLabels: {},
    }),
    startPrometheusServer({ port: PROM_PORT, config: 'global:\n  scrape_interval: 15s\n', dataDir: promDir }).then(
      (p) => (prometheus = p)
    ),
  ]);
  samplesWritten = history.samples;
  console.log(
    `long-term history: ${history.samples} samples of ${history.series} series in ${history.seconds.toFixed(1)} s`
  );
  await forceFlush(victoria.url);
}, 180_000);

afterAll(async () => {
  await Promise.all([victoria?.stop(), prometheus?.stop()]);
  rmSync(promDir, { recursive: true, force: true });
});

test('the store holds every sample written, once', async () => {
  expect(await countSamples(victoria.url, '{job="demo"}', END - 22 * 86400, END)).toBe(samplesWritten);
});

const SERIES = [
  'http_server_request_duration_seconds_count',
  'http_server_request_duration_seconds_bucket{le="0.25"}',
  'container_cpu_usage_seconds_total',
  'container_memory_working_set_bytes',
  'kubelet_volume_stats_used_bytes',
];

async function rangeValues(
  url: string,
  query: string,
  start: number,
  end: number,
  step: number
): Promise<Map<string, Array<[number, string]>>> {
  const r = await promQuery(url, '/api/v1/query_range', {
    query,
    start: String(start),
    end: String(end),
    step: String(step),
  });
  if (r.status !== 'success') {
    throw new Error(`${url}: ${r.error}\nquery: ${query}`);
  }
  return new Map(r.data!.result.map((s) => [JSON.stringify(Object.entries(s.metric).sort()), s.values!]));
}

test.each(SERIES)('%s: same values in Prometheus and the store every 15 min of the overlap', async (series) => {
  const start = END - SHORT_TERM_HOURS * 3600 + STEP;
  // timestamp() == time keeps only the sample taken at exactly that step, on both.
  const query = `${series} and timestamp(${series}) == time()`;
  const [p, v] = await Promise.all([
    rangeValues(prometheus.url, query, start, END, STEP),
    rangeValues(victoria.url, query, start, END, STEP),
  ]);
  expect(p.size).toBeGreaterThan(0);
  expect([...v.keys()].sort()).toEqual([...p.keys()].sort());
  const steps = SHORT_TERM_HOURS * 4;
  for (const [key, values] of p) {
    expect({ key, steps: values.length }).toEqual({ key, steps });
    expect({ key, values: v.get(key) }).toEqual({ key, values });
  }
});

test('hour-long request increases agree within 2 % (60 s samples against 15 min samples)', async () => {
  const query = 'sum by (service_name) (increase(http_server_request_duration_seconds_count[1h]))';
  const at = String(END);
  const [p, v] = await Promise.all([
    promQuery(prometheus.url, '/api/v1/query', { query, time: at }),
    promQuery(victoria.url, '/api/v1/query', { query, time: at }),
  ]);
  const vm = new Map(v.data!.result.map((s) => [s.metric.service_name, Number(s.value![1])]));
  expect(p.data!.result).toHaveLength(5);
  for (const s of p.data!.result) {
    const a = Number(s.value![1]);
    const b = vm.get(s.metric.service_name)!;
    expect({ service: s.metric.service_name, within: Math.abs(a - b) / a <= 0.02 }).toEqual({
      service: s.metric.service_name,
      within: true,
    });
  }
});

const RULES = join(process.cwd(), 'infrastructure', 'victoriametrics', 'long-term-rules.yaml');
const REPLAY_DAYS = 20;

test('vmalert replays the hourly and daily aggregates over the history, each equal to its raw query', async () => {
  const from = END - REPLAY_DAYS * 86400;
  const started = Date.now();
  await promisify(execFile)('vmalert', [
    `-rule=${RULES}`,
    `-datasource.url=${victoria.url}`,
    `-remoteWrite.url=${victoria.url}`,
    `-replay.timeFrom=${new Date(from * 1000).toISOString()}`,
    `-replay.timeTo=${new Date(END * 1000).toISOString()}`,
    '-replay.rulesDelay=0s',
    // vmalert 1.79 steps a replay by -datasource.queryStep (5m by default); 0 makes it each group's interval.
    '-datasource.queryStep=0s',
    '-loggerLevel=WARN',
  ]);
  console.log(`vmalert replay of ${REPLAY_DAYS} d: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await forceFlush(victoria.url);
  const pairs: Array<[string, string, number]> = [
    [
      'codesentinel_1h:service_requests:rate1h',
      'sum by (service) (label_replace(rate(http_server_request_duration_seconds_count[1h]), "service", "$1", "service_name", "(.*)"))',
      3600,
    ],
    [
      'codesentinel_1h:service_latency_seconds:p95_1h',
      'histogram_quantile(0.95, sum by (service, le) (label_replace(rate(http_server_request_duration_seconds_bucket[1h]), "service", "$1", "service_name", "(.*)")))',
      3600,
    ],
    [
      'codesentinel_1h:workload_memory_working_set_bytes:avg1h',
      'sum by (namespace, container) (avg_over_time(container_memory_working_set_bytes{container!~"|POD"}[1h]))',
      3600,
    ],
    [
      'codesentinel_1d:service_error_ratio:rate1d',
      'sum by (service) (label_replace(rate(http_server_request_duration_seconds_count{http_response_status_code=~"5.."}[1d]), "service", "$1", "service_name", "(.*)")) / sum by (service) (label_replace(rate(http_server_request_duration_seconds_count[1d]), "service", "$1", "service_name", "(.*)"))',
      86400,
    ],
  ];
  for (const [recorded, raw, step] of pairs) {
    const start = Math.ceil((from + step) / step) * step;
    const end = Math.floor(END / step) * step;
    const [a, r] = await Promise.all([
      rangeValues(victoria.url, recorded, start, end, step),
      rangeValues(victoria.url, raw, start, end, step),
    ]);
    const points = [...a.values()].reduce((n, v) => n + v.length, 0);
    expect({ recorded, series: a.size, points: points >= a.size * ((end - start) / step) }).toEqual({
      recorded,
      series: r.size,
      points: true,
    });
    // Recorded once per group interval (not every 5 minutes): the aggregate is that much smaller.
    const perDay = await promQuery(victoria.url, '/api/v1/query', {
      query: `max(count_over_time(${recorded}[1d]))`,
      time: String(end),
    });
    expect({ recorded, perDay: Number(perDay.data?.result[0]?.value?.[1]) }).toEqual({
      recorded,
      perDay: Math.max(1, 86400 / step),
    });
    for (const [key, values] of a) {
      const rawKey = JSON.stringify(JSON.parse(key).filter(([k]: [string]) => k !== '__name__'));
      const expected = new Map(r.get(rawKey)!.map(([t, v]) => [t, Number(v)]));
      const off = values.filter(([t, v]) => Math.abs(Number(v) - expected.get(t)!) > 1e-9 * Math.abs(expected.get(t)!));
      expect({ recorded, key, off }).toEqual({ recorded, key, off: [] });
    }
  }
}, 120_000);
