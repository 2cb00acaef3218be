import { canaryCatalogueEntries, canaryQueries, promDuration, resolveSplit, type CanarySelection } from '../canary';
import { allPromQueries, substituteTemplateVariables } from '../catalogue';
import { PRESETS } from '../conventions';
import { leSeconds } from '../red';

const istio = PRESETS.istio;
const otel = PRESETS.otel;

function split(c = istio, s: CanarySelection) {
  const r = resolveSplit(c, s);
  if (!r.ok) {
    throw new Error(r.reason);
  }
  return r.split;
}

describe('resolveSplit', () => {
  test.each([
    ['istio-version', { service: 'checkout', preset: 'istio-version' }, 'destination_service_name="checkout", destination_version=~"canary"', 'destination_service_name="checkout", destination_version=~"stable"'],
    ['flagger', { service: 'checkout', preset: 'flagger' }, 'destination_service_name="checkout", destination_workload=~"checkout-canary"', 'destination_service_name="checkout", destination_workload=~"checkout-primary"'],
    ['argo-services', { service: 'checkout', preset: 'argo-services' }, 'destination_service_name=~"checkout-canary"', 'destination_service_name=~"checkout-stable"'],
    [
      'argo-hash',
      { service: 'checkout', preset: 'argo-hash', canaryValues: ['6c9f7d'], baselineValues: ['5b8e6c'] },
      'destination_service_name="checkout", rollouts_pod_template_hash=~"6c9f7d"',
      'destination_service_name="checkout", rollouts_pod_template_hash=~"5b8e6c"',
    ],
    [
      'custom with several values',
      { service: 'checkout', preset: 'custom', label: 'track', canaryValues: ['v2', ' v2.1 '], baselineValues: ['v1'] },
      'destination_service_name="checkout", track=~"v2|v2\\\\.1"',
      'destination_service_name="checkout", track=~"v1"',
    ],
  ] as const)('%s', (_name, selection, canary, baseline) => {
    const s = split(istio, selection as CanarySelection);
    const q = canaryQueries(istio, s, 600);
    expect(q.groups.canary.requestRate).toBe(`sum(rate(istio_requests_total{reporter="destination", ${canary}}[$__rate_interval]))`);
    expect(q.groups.baseline.requestRate).toBe(`sum(rate(istio_requests_total{reporter="destination", ${baseline}}[$__rate_interval]))`);
  });

  test.each([
    [{ service: '', preset: 'istio-version' }, 'Choose a service.'],
    [{ service: 'a', preset: 'custom', label: '', canaryValues: ['x'], baselineValues: ['y'] }, 'Enter the label that tells canary and baseline apart.'],
    [{ service: 'a', preset: 'custom', label: 'bad-label"}', canaryValues: ['x'], baselineValues: ['y'] }, '"bad-label"}" is not a valid Prometheus label name.'],
    [{ service: 'a', preset: 'argo-hash', canaryValues: ['abc'], baselineValues: [' '] }, 'Enter the baseline value(s) of rollouts_pod_template_hash.'],
    [{ service: 'a', preset: 'custom', label: 'v', canaryValues: ['x'], baselineValues: ['x'] }, '"x" is listed as both canary and baseline.'],
  ] as const)('rejects %j', (selection, reason) => {
    expect(resolveSplit(istio, selection as CanarySelection)).toEqual({ ok: false, reason });
  });
});

describe('canaryQueries (istio-version, checkout)', () => {
  const q = canaryQueries(istio, split(istio, { service: 'checkout', preset: 'istio-version' }), 3600);
  const c = 'destination_service_name="checkout", destination_version=~"canary"';
  test.each([
    ['p50', `histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination", ${c}}[$__rate_interval]))) / 1000`],
    ['p95', `histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination", ${c}}[$__rate_interval]))) / 1000`],
    ['p99', `histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination", ${c}}[$__rate_interval]))) / 1000`],
    [
      'error-ratio',
      `(sum(rate(istio_requests_total{reporter="destination", ${c}, response_code=~"5.."}[$__rate_interval])) or sum(rate(istio_requests_total{reporter="destination", ${c}}[$__rate_interval])) * 0) / sum(rate(istio_requests_total{reporter="destination", ${c}}[$__rate_interval]))`,
    ],
    ['cpu', 'avg(sum by (pod) (rate(container_cpu_usage_seconds_total{container="checkout", pod=~"checkout-canary-.*"}[$__rate_interval])))'],
    ['memory', 'avg(sum by (pod) (container_memory_working_set_bytes{container="checkout", pod=~"checkout-canary-.*"}))'],
  ] as const)('canary %s', (id, expr) => {
    expect(q.groups.canary.metrics[id]).toBe(expr);
  });

  test('baseline pods are every pod of the container that is not a canary pod', () => {
    expect(q.groups.baseline.metrics.cpu).toBe(
      'avg(sum by (pod) (rate(container_cpu_usage_seconds_total{container="checkout", pod!~"checkout-canary-.*"}[$__rate_interval])))'
    );
  });

  test('latency buckets over the window: requests per le, pooled per group', () => {
    expect(q.groups.canary.latencyBuckets).toBe(
      `sum by (le) (increase(istio_request_duration_milliseconds_bucket{reporter="destination", ${c}}[3600s]))`
    );
    expect(q.groups.baseline.latencyBuckets).toBe(
      'sum by (le) (increase(istio_request_duration_milliseconds_bucket{reporter="destination", destination_service_name="checkout", destination_version=~"stable"}[3600s]))'
    );
  });

  test.each([
    ['istio', '250', 0.25],
    ['istio', '+Inf', Infinity],
    ['otel', '0.25', 0.25],
    ['otel', '+Inf', Infinity],
    ['otel', 'x', NaN],
  ] as const)('%s: le "%s" is %p s', (preset, le, seconds) => {
    expect(leSeconds(PRESETS[preset], le)).toBe(seconds);
  });

  test('counts over the window and the traffic share', () => {
    expect(q.groups.canary.requestCount).toBe(`sum(increase(istio_requests_total{reporter="destination", ${c}}[3600s]))`);
    expect(q.groups.canary.errorCount).toBe(
      `sum(increase(istio_requests_total{reporter="destination", ${c}, response_code=~"5.."}[3600s])) or sum(increase(istio_requests_total{reporter="destination", ${c}}[3600s])) * 0`
    );
    expect(q.trafficShare).toBe(
      `sum(rate(istio_requests_total{reporter="destination", ${c}}[$__rate_interval])) / sum(rate(istio_requests_total{reporter="destination", destination_service_name="checkout", destination_version=~"canary|stable"}[$__rate_interval]))`
    );
  });
});

describe('canary-pods split (no version label: canary pods by name)', () => {
  test.each([
    ['otel', otel, 'service_name="checkout"', 'http_server_request_duration_seconds_count'],
    ['prometheus', PRESETS.prometheus, 'service="checkout"', 'http_requests_total'],
  ] as const)('%s: instance regex on <svc>-canary-', (_name, c, service, metric) => {
    const s = split(c, { service: 'checkout', preset: 'canary-pods' });
    const q = canaryQueries(c, s, 600);
    expect(q.groups.canary.requestRate).toBe(`sum(rate(${metric}{${service}, instance=~"checkout-canary-.*"}[$__rate_interval]))`);
    expect(q.groups.baseline.requestRate).toBe(`sum(rate(${metric}{${service}, instance!~"checkout-canary-.*"}[$__rate_interval]))`);
    expect(s.description).toBe('instance checkout-canary-* vs the other checkout instances');
  });

  it('needs no values and escapes the service name in the regex', () => {
    const s = split(otel, { service: 'a.b"|.*', preset: 'canary-pods' });
    const q = canaryQueries(otel, s, 600);
    // PromQL string escaping over regex escaping: the quote and the alternation stay literal.
    expect(q.groups.canary.requestRate).toContain(String.raw`instance=~"a\\.b\"\\|\\.\\*-canary-.*"`);
  });
});

describe('hostile values cannot change the query structure', () => {
  const hostile = ['a"}) or vector(1) #', 'x\\', '.*', 'b|c', 'new\nline', '${ds}'];
  test.each(hostile)('service %j', (service) => {
    const s = split(istio, { service, preset: 'flagger' });
    const q = canaryQueries(istio, s, 60);
    const expr = q.groups.canary.requestRate;
    // Exactly one selector with three matchers, whatever the value contains.
    const inside = expr.slice(expr.indexOf('{') + 1, expr.lastIndexOf('}'));
    expect(inside.startsWith('reporter="destination", destination_service_name="')).toBe(true);
    expect(expr).not.toContain('\n');
    expect(expr.endsWith('[$__rate_interval]))')).toBe(true);
  });

  test('a hostile custom value is regex- and string-escaped', () => {
    const s = split(istio, { service: 'checkout', preset: 'custom', label: 'track', canaryValues: ['a"|.*'], baselineValues: ['b'] });
    expect(canaryQueries(istio, s, 60).groups.canary.requestRate).toBe(
      'sum(rate(istio_requests_total{reporter="destination", destination_service_name="checkout", track=~"a\\"\\\\|\\\\.\\\\*"}[$__rate_interval]))'
    );
  });

  test('a hostile Argo hash is escaped inside the pod pattern', () => {
    const s = split(istio, { service: 'c.o', preset: 'argo-hash', canaryValues: ['h)|(.*'], baselineValues: ['ok'] });
    expect(canaryQueries(istio, s, 60).groups.canary.metrics.memory).toBe(
      'avg(sum by (pod) (container_memory_working_set_bytes{container="c.o", pod=~"c\\\\.o-(h\\\\)\\\\|\\\\(\\\\.\\\\*)-.*"}))'
    );
  });

  test.each([
    [NaN, '1s'],
    [0, '1s'],
    [90.4, '90s'],
    [86400, '86400s'],
  ])('promDuration(%p) = %s', (seconds, text) => {
    expect(promDuration(seconds)).toBe(text);
  });
});

describe('catalogue', () => {
  test.each(['otel', 'prometheus', 'istio'] as const)('%s: canary entries are in allPromQueries and fully substitutable', (preset) => {
    const c = PRESETS[preset];
    const entries = canaryCatalogueEntries(c);
    expect(entries).toHaveLength(1 + 2 * 9);
    const all = new Set(allPromQueries(c).map((e) => e.id));
    expect(entries.filter((e) => !all.has(e.id))).toEqual([]);
    for (const e of entries) {
      expect(substituteTemplateVariables(e.expr)).not.toMatch(/\$/);
    }
  });

  test('non-Istio conventions split the demo by instance', () => {
    const e = canaryCatalogueEntries(otel).find((x) => x.id === 'canary.baseline-request-rate');
    expect(e?.expr).toBe('sum(rate(http_server_request_duration_seconds_count{service_name="checkout", instance=~"checkout-0|checkout-1"}[$__rate_interval]))');
  });
});

// Issue 20: the pod and instance patterns went through the code-literal escaper (only `\` and `"`),
// so a newline or U+FFFD reached Prometheus raw (a parse error) and `$word` met Grafana's
// interpolation. The real-server check is tests/integration/escaping/canary-escaping.test.ts.
describe('user values inside the pod and instance patterns are string-escaped in full', () => {
  const podRegex = (expr: string) => /pod!?=~"((?:[^"\\]|\\.)*)"/.exec(expr)?.[1];
  test.each([
    ['new\nline', String.raw`new\nline-canary-.*`],
    ['odd\uFFFDname', String.raw`odd\uFFFDname-canary-.*`],
    ['$service', String.raw`\\\x24service-canary-.*`],
    ['${instance}', String.raw`\\\x24\\{instance\\}-canary-.*`],
    ['[[ds]]', String.raw`\\\x5b\\\x5bds\\]\\]-canary-.*`],
  ])('canary-pods, service %j', (service, inside) => {
    const q = canaryQueries(otel, split(otel, { service, preset: 'canary-pods' }), 60);
    expect(q.groups.canary.requestRate).toContain(`instance=~"${inside}"`);
    expect(q.groups.baseline.requestRate).toContain(`instance!~"${inside}"`);
    expect(podRegex(q.groups.canary.metrics.cpu)).toBe(inside);
    expect(q.groups.canary.latencyBuckets).toContain(`instance=~"${inside}"`);
    expect(q.groups.canary.latencyBuckets.replace('[60s]', '')).not.toMatch(/[\n\uFFFD$[]/);
    for (const expr of [q.groups.canary.requestRate, q.groups.baseline.metrics.memory]) {
      // Without the codebase's own macro and window, no `$`, `[`, raw newline or U+FFFD is left.
      expect(expr.split('[$__rate_interval]').join('')).not.toMatch(/[\n\uFFFD$[]/);
    }
  });

  test('argo-hash: the service and the hashes', () => {
    const s = split(istio, { service: 'a$b', preset: 'argo-hash', canaryValues: ['h\nx'], baselineValues: ['ok'] });
    expect(podRegex(canaryQueries(istio, s, 60).groups.canary.metrics.memory)).toBe(String.raw`a\\\x24b-(h\nx)-.*`);
  });
});

describe('count window', () => {
  test("the page's default is Grafana's $__range, so the queries do not change with the time range", () => {
    const q = canaryQueries(istio, split(istio, { service: 'checkout', preset: 'istio-version' }));
    expect(q.groups.canary.requestCount).toMatch(/\[\$__range\]\)\)$/);
    expect(q.groups.baseline.errorCount).toContain('[$__range]');
    expect(q.groups.canary.latencyBuckets).toMatch(/\[\$__range\]\)\)$/);
  });
});
