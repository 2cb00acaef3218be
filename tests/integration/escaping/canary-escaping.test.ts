// The canary split styles and the capacity targets with hostile service, pod and hash names, sent to a
// real Prometheus after Grafana's own interpolation: every query must parse, and each group must
// select exactly its own series (a broken escape parses but selects a neighbour, or the canary pods
// land in the baseline). Fixtures come from a tiny exporter in this process.
import { type Server, createServer } from 'node:http';

import { type CanarySelection, type SplitPresetId, canaryQueries, resolveSplit } from '../../../src/queries/canary';
import { PRESETS } from '../../../src/queries/conventions';
import { KUBELET_VOLUME } from '../../../src/queries/infrastructure';
import { CADVISOR } from '../../../src/queries/resources';
import { selector } from '../../../src/queries/selector';
import { capacityTargetQuery } from '../../../src/queries/trends';
import { interpolate } from '../support/grafanaInterpolation';
import { type PrometheusServer, instantQuery, startPrometheus, waitFor } from '../support/prometheusServer';

const PROMETHEUS_PORT = 19141;
const EXPORTER_PORT = 19142;
const c = PRESETS.prometheus;

const HOSTILE = [
  'checkout',
  'new\nline',
  '\uFFFD',
  '$service',
  '${instance}',
  '[[ds]]',
  '.*',
  'a|b',
  '"} or vector(1) #',
  'back\\slash',
  'x)(?:y',
];
// Names a broken escape would select instead: `.*` and `a|b` as regexes, and what Grafana puts in
// for `$service` / `${instance}`.
const DECOYS = ['a', 'b', 'svc'];
const ALL = [...HOSTILE, ...DECOYS];
const CANARY_HASH = 'c0ffee';
const STABLE_HASH = 'ba5e';

/** Each service's series: which instance / pod belongs to which group, per split style. */
function fixture(service: string) {
  return {
    canaryInstance: `${service}-canary-0`,
    baselineInstance: `${service}-0`,
    canaryPod: `${service}-canary-7f9c-x1`,
    stablePod: `${service}-5d8b-y2`,
    argoCanaryPod: `${service}-${CANARY_HASH}-a1`,
    argoStablePod: `${service}-${STABLE_HASH}-b2`,
  };
}

function labels(values: Record<string, string>): string {
  // Text exposition escapes \, " and newline, exactly like a PromQL literal's body.
  const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `{${Object.entries(values)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',')}}`;
}

function exposition(counter: number): string {
  const lines = [
    '# TYPE http_requests_total counter',
    '# TYPE container_memory_working_set_bytes gauge',
    '# TYPE container_cpu_usage_seconds_total counter',
    '# TYPE kubelet_volume_stats_used_bytes gauge',
    '# TYPE kubelet_volume_stats_capacity_bytes gauge',
    '# TYPE container_spec_memory_limit_bytes gauge',
  ];
  ALL.forEach((service, i) => {
    const f = fixture(service);
    const groups = [
      {
        instance: f.canaryInstance,
        version: 'canary',
        workload: `${service}-canary`,
        svcName: `${service}-canary`,
        hash: CANARY_HASH,
        track: 'v2',
      },
      {
        instance: f.baselineInstance,
        version: 'stable',
        workload: `${service}-primary`,
        svcName: `${service}-stable`,
        hash: STABLE_HASH,
        track: 'v1',
      },
    ];
    for (const g of groups) {
      for (const code of ['200', '500']) {
        const l = labels({
          service,
          instance: g.instance,
          destination_version: g.version,
          destination_workload: g.workload,
          destination_service_name: g.svcName,
          rollouts_pod_template_hash: g.hash,
          track: g.track,
          code,
        });
        lines.push(`http_requests_total${l} ${counter * (code === '200' ? i + 2 : 1)}`);
      }
    }
    for (const pod of [f.canaryPod, f.stablePod, f.argoCanaryPod, f.argoStablePod]) {
      const l = labels({ namespace: service, container: service, pod });
      lines.push(`container_memory_working_set_bytes${l} ${1000 + i}`);
      lines.push(`container_spec_memory_limit_bytes${l} ${4000 + i}`);
      lines.push(`container_cpu_usage_seconds_total${l} ${counter / 10}`);
    }
    const volume = labels({ namespace: service, [KUBELET_VOLUME.claimLabel]: service });
    lines.push(`kubelet_volume_stats_used_bytes${volume} ${i + 1}`);
    lines.push(`kubelet_volume_stats_capacity_bytes${volume} 100`);
  });
  return lines.join('\n') + '\n';
}

let exporter: Server;
let prom: PrometheusServer;

beforeAll(async () => {
  let scrapes = 0;
  exporter = createServer((_req, res) => {
    scrapes++;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(exposition(scrapes * 10));
  });
  await new Promise<void>((resolve) => exporter.listen(EXPORTER_PORT, '127.0.0.1', resolve));
  prom = await startPrometheus(
    PROMETHEUS_PORT,
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: fixtures',
      '    honor_labels: true',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${EXPORTER_PORT}']`,
    ].join('\n')
  );
  await waitFor(
    async () => {
      const r = await instantQuery(prom, 'count(count_over_time(http_requests_total[1m]) >= 3)');
      return Number(r.data?.result[0]?.value[1]) === ALL.length * 4;
    },
    60_000,
    'three scrapes of every fixture series'
  );
});

afterAll(async () => {
  await prom?.stop();
  exporter?.closeAllConnections();
  await new Promise((resolve) => exporter?.close(resolve));
});

/** What Grafana's Prometheus data source sends, with variables a careless escape would meet. */
function asGrafanaSends(expr: string): string {
  const one = (value: string) => ({ values: [value], multi: false, includeAll: false });
  return interpolate(expr, {
    rangeSeconds: 300,
    maxDataPoints: 240,
    scrapeIntervalSeconds: 1,
    variables: { service: one('svc'), instance: one('a'), ds: one('b'), endpoint: one('a') },
  }).expr;
}

async function query(expr: string): Promise<Array<Record<string, string>>> {
  const r = await instantQuery(prom, asGrafanaSends(expr));
  if (r.status !== 'success') {
    throw new Error(`${r.errorType}: ${r.error}\nquery: ${asGrafanaSends(expr)}`);
  }
  return r.data!.result.map((s) => s.metric);
}

const sorted = (values: Array<string | undefined>) => [...values].map(String).sort();

function selection(service: string, preset: SplitPresetId): CanarySelection {
  switch (preset) {
    case 'argo-hash':
      return { service, preset, canaryValues: [CANARY_HASH], baselineValues: [STABLE_HASH] };
    case 'custom':
      return { service, preset, label: 'track', canaryValues: ['v2'], baselineValues: ['v1'] };
    default:
      return { service, preset };
  }
}

const STYLES: SplitPresetId[] = ['canary-pods', 'istio-version', 'flagger', 'argo-services', 'argo-hash', 'custom'];
const CASES = HOSTILE.flatMap((service) => STYLES.map((style) => [style, service] as const));

describe('canary split styles with hostile names on a real Prometheus', () => {
  test.each(CASES)('%s, service %j: each group selects exactly its own requests and pods', async (style, service) => {
    const resolved = resolveSplit(c, selection(service, style));
    if (!resolved.ok) {
      throw new Error(resolved.reason);
    }
    const split = resolved.split;
    const f = fixture(service);
    const requests = async (g: 'canary' | 'baseline') =>
      sorted(
        (await query(selector(c.requestsMetric, split.requests[g]))).map((m) => `${m.service}/${m.instance}/${m.code}`)
      );
    expect(await requests('canary')).toEqual(
      sorted([`${service}/${f.canaryInstance}/200`, `${service}/${f.canaryInstance}/500`])
    );
    expect(await requests('baseline')).toEqual(
      sorted([`${service}/${f.baselineInstance}/200`, `${service}/${f.baselineInstance}/500`])
    );

    const pods = async (g: 'canary' | 'baseline') =>
      sorted((await query(selector(CADVISOR.memoryWorkingSet, split.pods[g]))).map((m) => m.pod));
    if (style === 'argo-hash') {
      expect(await pods('canary')).toEqual([f.argoCanaryPod]);
      expect(await pods('baseline')).toEqual([f.argoStablePod]);
    } else {
      expect(await pods('canary')).toEqual([f.canaryPod]);
      expect(await pods('baseline')).toEqual(sorted([f.stablePod, f.argoCanaryPod, f.argoStablePod]));
    }
  });

  test.each(CASES)('%s, service %j: every canary query parses', async (style, service) => {
    const resolved = resolveSplit(c, selection(service, style));
    if (!resolved.ok) {
      throw new Error(resolved.reason);
    }
    const q = canaryQueries(c, resolved.split);
    const all = [
      q.trafficShare,
      ...(['canary', 'baseline'] as const).flatMap((g) => [
        ...Object.values(q.groups[g].metrics),
        q.groups[g].requestRate,
        q.groups[g].requestCount,
        q.groups[g].errorCount,
      ]),
    ];
    for (const expr of all) {
      const r = await instantQuery(prom, asGrafanaSends(expr));
      expect({ expr, status: r.status, error: r.error }).toEqual({ expr, status: 'success', error: undefined });
    }
    // The memory query averages exactly the group's pods: canary 1000 + i for every split.
    const memory = await query(q.groups.canary.metrics.memory);
    expect(memory.length).toBe(1);
    const value = await instantQuery(prom, asGrafanaSends(q.groups.canary.metrics.memory));
    expect(Number(value.data!.result[0].value[1])).toBe(1000 + ALL.indexOf(service));
  });
});

describe('capacity targets with hostile names on a real Prometheus', () => {
  test.each(HOSTILE)('namespace, claim, pod and container %j select only their series', async (service) => {
    const f = fixture(service);
    const i = ALL.indexOf(service);
    const volume = await instantQuery(
      prom,
      asGrafanaSends(capacityTargetQuery({ kind: 'volume', namespace: service, claim: service }))
    );
    expect(volume.status).toBe('success');
    expect(volume.data!.result.map((s) => Number(s.value[1]))).toEqual([(i + 1) / 100]);
    const memory = await instantQuery(
      prom,
      asGrafanaSends(capacityTargetQuery({ kind: 'memory', namespace: service, pod: f.canaryPod, container: service }))
    );
    expect(memory.status).toBe('success');
    expect(memory.data!.result.map((s) => Number(s.value[1]))).toEqual([(1000 + i) / (4000 + i)]);
  });
});
