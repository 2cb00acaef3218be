// Hostile label values, escaped by src/queries, sent to a real Prometheus and to a real
// VictoriaMetrics (the long-term store, fed by Prometheus' remote_write as in the stack): every
// query must parse and select exactly the series whose label holds the literal value, never a
// decoy, on both. Prometheus scrapes the fixtures from a tiny exporter in this process (text
// exposition format escapes the same three characters: backslash, double quote, line feed).
import { type Server, createServer } from 'node:http';

import { allPromQueries } from '../../../src/queries/catalogue';
import { substituteTemplateVariables } from '../../../src/queries/catalogueTypes';
import { PRESETS, PRESET_IDS } from '../../../src/queries/conventions';
import { MATCH_ALL_REGEX, escapeLabelValue } from '../../../src/queries/escape';
import { requestRate } from '../../../src/queries/red';
import { selector } from '../../../src/queries/selector';
import { serviceQueries, serviceVariableQueries } from '../../../src/queries/service';
import { type TemplateVariable, interpolate } from '../support/grafanaInterpolation';
import { type PrometheusServer, instantQuery, seriesFor, startPrometheus, waitFor } from '../support/prometheusServer';
import {
  type VictoriaMetricsServer,
  forceFlush,
  remoteWriteConfig,
  startVictoriaMetrics,
} from '../support/victoriaMetrics';

const PROMETHEUS_PORT = 19095;
const EXPORTER_PORT = 19096;
const VICTORIA_PORT = 19429;
const c = PRESETS.prometheus;

const HOSTILE = [
  'say "hi"',
  'back\\slash',
  'trailing\\',
  'new\nline',
  '"}',
  '"} or vector(1) or up{a="',
  '", service=~".*',
  'a|b',
  '.*',
  '.+',
  '(x)[y]{2}^$',
  '${instance}',
  '$__rate_interval',
  '[[endpoint]]',
  '服务-ünïcödé-🚀',
  '\uFFFD',
];
// Values a broken escaping would match instead of (or as well as) the hostile one.
const DECOYS = ['a', 'b', 'x', 'hi', 'checkout', 'say', 'new', 'yy', 'back\\\\slash'];
const ALL_SERVICES = [...HOSTILE, ...DECOYS];

function exposition(counter: number): string {
  const lines = ['# TYPE http_requests_total counter'];
  ALL_SERVICES.forEach((service, i) => {
    // Text format label values escape \, " and newline, exactly like a PromQL literal's body.
    const value = service.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    lines.push(
      `http_requests_total{service="${value}",handler="/h",code="200",instance="i-${i}"} ${counter * (i + 1)}`
    );
    lines.push(`http_requests_total{service="${value}",handler="/h",code="500",instance="i-${i}"} ${counter}`);
  });
  return lines.join('\n') + '\n';
}

let exporter: Server;
let prometheus: PrometheusServer;
let victoria: VictoriaMetricsServer;

const BACKENDS: Array<{ backend: string; server: () => PrometheusServer }> = [
  { backend: 'Prometheus', server: () => prometheus },
  { backend: 'VictoriaMetrics', server: () => victoria },
];

beforeAll(async () => {
  let scrapes = 0;
  exporter = createServer((_req, res) => {
    scrapes++;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(exposition(scrapes * 10));
  });
  await new Promise<void>((resolve) => exporter.listen(EXPORTER_PORT, '127.0.0.1', resolve));
  const victoriaUrl = `http://127.0.0.1:${VICTORIA_PORT}`;
  // Started together: Prometheus' remote_write retries until VictoriaMetrics answers.
  [prometheus, victoria] = await Promise.all([
    startPrometheus(
      PROMETHEUS_PORT,
      [
        'global:',
        '  scrape_interval: 1s',
        'scrape_configs:',
        '  - job_name: fixtures',
        '    honor_labels: true',
        '    static_configs:',
        `      - targets: ['127.0.0.1:${EXPORTER_PORT}']`,
        remoteWriteConfig(victoriaUrl),
      ].join('\n')
    ),
    startVictoriaMetrics({ port: VICTORIA_PORT }),
  ]);
  // rate() needs two samples per series, on both backends.
  for (const server of [prometheus, victoria]) {
    await waitFor(
      async () => {
        if (server === victoria) {
          await forceFlush(victoria.url);
        }
        const r = await instantQuery(server, 'count(count_over_time(http_requests_total[1m]) >= 3)');
        return Number(r.data?.result[0]?.value[1]) === ALL_SERVICES.length * 2;
      },
      60_000,
      `three scrapes of every fixture series on ${server.url}`
    );
  }
});

afterAll(async () => {
  await Promise.all([prometheus?.stop(), victoria?.stop()]);
  exporter?.closeAllConnections();
  await new Promise((resolve) => exporter?.close(resolve));
});

async function servicesIn(prom: PrometheusServer, query: string): Promise<string[]> {
  const r = await instantQuery(prom, query);
  if (r.status !== 'success') {
    throw new Error(`${r.errorType}: ${r.error}\nquery: ${query}`);
  }
  return r.data!.result.map((s) => s.metric.service);
}

describe.each(BACKENDS)('hostile service names on a real $backend', ({ server }) => {
  test.each(HOSTILE)('%j: = matcher parses and selects only that service', async (service) => {
    const query = selector(c.requestsMetric, [{ label: c.serviceLabel, equals: service }]);
    const found = await servicesIn(server(), query);
    expect(found).toHaveLength(2);
    expect(new Set(found)).toEqual(new Set([service]));
  });

  test.each(HOSTILE)('%j: =~ matcher with regex escaping selects only that service', async (service) => {
    const query = selector(c.requestsMetric, [{ label: c.serviceLabel, anyOf: [service] }]);
    expect(new Set(await servicesIn(server(), query))).toEqual(new Set([service]));
  });

  test.each(HOSTILE)('%j: the grouped RED query returns one row for that service', async (service) => {
    const query = substituteTemplateVariables(
      requestRate(c, [{ label: c.serviceLabel, equals: service }], [c.serviceLabel])
    );
    expect(await servicesIn(server(), query)).toEqual([service]);
  });

  test.each(HOSTILE)('%j: every Service Deep-Dive query parses and is scoped to it', async (service) => {
    const prom = server();
    const q = serviceQueries(c, service);
    const queries = [...Object.values(q.stats), ...q.percentiles.map((p) => p.expr), q.failuresByStatus];
    for (const query of queries) {
      const r = await instantQuery(prom, substituteTemplateVariables(query));
      expect({ query, status: r.status, error: r.error }).toEqual({ query, status: 'success', error: undefined });
    }
    // Only the instances of this service (i-<index>) show up in the per-instance breakdown.
    const byInstance = await instantQuery(prom, substituteTemplateVariables(q.byInstance.requestRate));
    expect(byInstance.data!.result.map((s) => s.metric.instance)).toEqual([`i-${ALL_SERVICES.indexOf(service)}`]);
    // Error ratio: 1 of (i+2) requests failed for fixture i, so a wrong scope shows a wrong ratio.
    const i = ALL_SERVICES.indexOf(service);
    const ratio = await instantQuery(prom, substituteTemplateVariables(q.stats.errorRatio));
    expect(Number(ratio.data!.result[0].value[1])).toBeCloseTo(1 / (i + 2), 3);
  });

  test.each(HOSTILE)('%j: the instance variable selector lists only its series', async (service) => {
    const { instance } = serviceVariableQueries(c, service);
    const series = await seriesFor(server(), instance.selector);
    expect(new Set(series.map((s) => s.service))).toEqual(new Set([service]));
  });
});

describe('"All" selection of a multi-value variable', () => {
  const query = (allValue: string) => {
    const all: TemplateVariable = { values: [], multi: true, includeAll: true, allValue };
    const expr = selector(c.requestsMetric, [{ label: c.serviceLabel, variable: '${service}' }]);
    return interpolate(expr, {
      rangeSeconds: 3600,
      maxDataPoints: 1000,
      scrapeIntervalSeconds: 1,
      variables: { service: all },
    }).expr;
  };

  test.each(BACKENDS)(
    'the All value selects every service on $backend, including one whose name has a newline',
    async ({ server }) => {
      expect(new Set(await servicesIn(server(), query(MATCH_ALL_REGEX)))).toEqual(new Set(ALL_SERVICES));
    }
  );

  test('shows why it is not `.*`: RE2 `.` does not match a newline (Prometheus)', async () => {
    const found = new Set(await servicesIn(prometheus, query('.*')));
    expect(found.has('new\nline')).toBe(false);
    expect(found.size).toBe(ALL_SERVICES.length - 1);
  });
});

it('shows why U+FFFD is escaped: Prometheus rejects it raw inside a string literal', async () => {
  const raw = await instantQuery(prometheus, 'http_requests_total{service="\uFFFD"}');
  expect(raw.status).toBe('error');
  expect(escapeLabelValue('\uFFFD')).toBe('\\uFFFD');
});

it('pins a MetricsQL difference: VictoriaMetrics accepts U+FFFD raw; the escaped form selects the same series on both', async () => {
  const raw = await servicesIn(victoria, 'http_requests_total{service="\uFFFD"}');
  const escaped = selector(c.requestsMetric, [{ label: c.serviceLabel, equals: '\uFFFD' }]);
  expect(raw).toEqual(['\uFFFD', '\uFFFD']);
  expect(await servicesIn(victoria, escaped)).toEqual(raw);
  expect(await servicesIn(prometheus, escaped)).toEqual(raw);
});

describe.each(BACKENDS.flatMap(({ backend, server }) => PRESET_IDS.map((preset) => ({ backend, server, preset }))))(
  'every catalogue query of the $preset preset on $backend',
  ({ server, preset }) => {
    // Parsing only; whether each query returns the expected labels on real data is the conformance suite's job.
    it.each(['checkout', '"} or vector(1) #', '${instance}'])('parses for service %j', async (service) => {
      const prom = server();
      for (const entry of allPromQueries(PRESETS[preset], { service })) {
        if (entry.labelValues) {
          // seriesFor throws with Prometheus' message when the selector does not parse.
          const series = await seriesFor(prom, substituteTemplateVariables(entry.labelValues.selector));
          expect(Array.isArray(series)).toBe(true);
          continue;
        }
        const r = await instantQuery(prom, substituteTemplateVariables(entry.expr));
        expect({ id: entry.id, status: r.status, error: r.error }).toEqual({
          id: entry.id,
          status: 'success',
          error: undefined,
        });
      }
    });
  }
);
