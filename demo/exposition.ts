/**
 * Turns model values into metric families in all three conventions the app supports at once
 * (OTel semconv, Prometheus client defaults, Istio), plus cAdvisor/kubelet-style resource metrics,
 * and renders them as Prometheus text (live `/metrics`) or OpenMetrics with timestamps (history).
 * Written by hand rather than with prom-client: values are computed for an arbitrary instant, not
 * incremented, and the history needs per-sample timestamps, which prom-client does not emit.
 */
import { kubeStateFamilies, nodeFamilies, throttlingFamilies } from './clusterExposition';
import { type Family, type Labels, type Line, type Snapshot, escapeLabelValue, sampleKey } from './families';
import { type CallSeries, type DemoModel, type HistogramValue, type PodValue, type StatusSeries, type VolumeValue, BUCKETS_SECONDS, callHistogram } from './model';

export type { Family, Snapshot } from './families';

export type Convention = 'otel' | 'prometheus' | 'istio';
export const ALL_CONVENTIONS: Convention[] = ['otel', 'prometheus', 'istio'];

export function takeSnapshot(model: DemoModel, t: number): Snapshot {
  const histograms = model.series.map((s) => model.histogramAt(s, t));
  return {
    histograms,
    calls: model.calls.map((call) => callHistogram(call, (i) => histograms[i])),
    pods: model.pods.map((p) => model.podAt(p.service, p.instance, t)),
    volumes: model.services.map((s) => model.volumeAt(s, t)),
    nodes: model.cluster.nodes.map((n) => model.cluster.nodeAt(n, t)),
    batchPhase: model.cluster.batchPhaseAt(t),
  };
}

export function buildFamilies(model: DemoModel, conventions: Convention[] = ALL_CONVENTIONS): Family[] {
  const families: Family[] = [];
  const served = (labelsOf: (s: StatusSeries) => Labels): HistogramRow[] => model.series.map((s, i) => ({ labels: labelsOf(s), pick: (snap) => snap.histograms[i] }));
  const called = (labelsOf: (c: CallSeries) => Labels): HistogramRow[] => model.calls.map((c, i) => ({ labels: labelsOf(c), pick: (snap) => snap.calls[i] }));
  if (conventions.includes('otel')) {
    families.push(
      histogramFamily('http_server_request_duration_seconds', 'Duration of HTTP server requests (OTel semconv).', served(otelLabels), 1),
      histogramFamily('http_client_request_duration_seconds', 'Duration of HTTP client requests (OTel semconv).', called(otelCallLabels), 1)
    );
  }
  if (conventions.includes('prometheus')) {
    families.push(counterFamily(model, 'http_requests', 'Total HTTP requests (Prometheus client defaults).', promLabels));
    // No client-side family: the Prometheus client libraries name no standard one (conventions.ts).
    families.push(histogramFamily('http_request_duration_seconds', 'HTTP request latency (Prometheus client defaults).', served(promLabels), 1));
  }
  if (conventions.includes('istio')) {
    families.push(counterFamily(model, 'istio_requests', 'Requests seen by the destination sidecar (Istio).', istioLabels));
    // One family, both reporters: the destination sidecar's view of every request, the source sidecar's of the calls.
    const both = [...served(istioLabels), ...called(istioCallLabels)];
    families.push(histogramFamily('istio_request_duration_milliseconds', 'Request duration seen by the destination and the source sidecar (Istio).', both, 1000));
  }
  families.push(...resourceFamilies(model), ...throttlingFamilies(model), ...nodeFamilies(model), ...kubeStateFamilies(model));
  return families;
}

function otelLabels(s: StatusSeries): Labels {
  return [
    ['service_name', s.service.name],
    ['instance', s.instance.name],
    ['http_route', s.endpoint.route],
    ['http_request_method', s.endpoint.method],
    ['http_response_status_code', s.code],
  ];
}

/** `http.client.request.duration`: the caller's resource attributes and the callee's `server.address`. */
function otelCallLabels(c: CallSeries): Labels {
  return [
    ['service_name', c.caller.name],
    ['instance', c.instance.name],
    ['server_address', c.callee.name],
    ['server_port', '8080'],
  ];
}

/** The caller's sidecar reports its calls; workloads named the Flagger way, like the destination side's. */
function istioCallLabels(c: CallSeries): Labels {
  const canary = c.instance.track === 'canary';
  return [
    ['reporter', 'source'],
    ['source_canonical_service', c.caller.name],
    ['source_workload', `${c.caller.name}-${canary ? 'canary' : 'primary'}`],
    ['destination_service_name', c.callee.name],
    ['destination_workload', `${c.callee.name}-primary`],
    ['instance', c.instance.name],
  ];
}

function promLabels(s: StatusSeries): Labels {
  return [
    ['service', s.service.name],
    ['instance', s.instance.name],
    ['handler', s.endpoint.route],
    ['method', s.endpoint.method],
    ['code', s.code],
  ];
}

function istioLabels(s: StatusSeries): Labels {
  const canary = s.instance.track === 'canary';
  return [
    ['reporter', 'destination'],
    ['destination_service_name', s.service.name],
    ['destination_workload', `${s.service.name}-${canary ? 'canary' : 'primary'}`],
    ['destination_version', canary ? 'canary' : 'stable'],
    ['instance', s.instance.name],
    ['request_operation', s.endpoint.route],
    ['request_method', s.endpoint.method],
    ['response_code', s.code],
  ];
}

function counterFamily(model: DemoModel, name: string, help: string, labelsOf: (s: StatusSeries) => Labels): Family {
  return {
    name,
    type: 'counter',
    help,
    lines: model.series.map((s, i) => ({ key: sampleKey(`${name}_total`, labelsOf(s)), value: (snap) => snap.histograms[i].count })),
  };
}

/** One histogram series: its labels and where its value is in a snapshot. */
interface HistogramRow {
  labels: Labels;
  pick: (snapshot: Snapshot) => HistogramValue;
}

function histogramFamily(name: string, help: string, rows: HistogramRow[], unitScale: number): Family {
  const lines: Line[] = [];
  for (const { labels, pick } of rows) {
    BUCKETS_SECONDS.forEach((le, b) => {
      lines.push({ key: sampleKey(`${name}_bucket`, [...labels, ['le', formatBound(le * unitScale)]]), value: (snap) => pick(snap).buckets[b] });
    });
    lines.push({ key: sampleKey(`${name}_bucket`, [...labels, ['le', '+Inf']]), value: (snap) => pick(snap).count });
    lines.push({ key: sampleKey(`${name}_count`, labels), value: (snap) => pick(snap).count });
    lines.push({ key: sampleKey(`${name}_sum`, labels), value: (snap) => Math.round(pick(snap).sum * unitScale * 1000) / 1000 });
  }
  return { name, type: 'histogram', help, lines };
}

function resourceFamilies(model: DemoModel): Family[] {
  const podLabels = (i: number): Labels => [
    ['namespace', 'demo'],
    ['pod', model.pods[i].instance.name],
    ['container', model.pods[i].service.name],
  ];
  const volumeLabels = (i: number): Labels => [
    ['namespace', 'demo'],
    ['persistentvolumeclaim', `${model.services[i].name}-data`],
  ];
  const perPod = (name: string, pick: (p: PodValue) => number): Line[] =>
    model.pods.map((_, i) => ({ key: sampleKey(name, podLabels(i)), value: (snap) => pick(snap.pods[i]) }));
  const perVolume = (name: string, pick: (v: VolumeValue) => number): Line[] =>
    model.services.map((_, i) => ({ key: sampleKey(name, volumeLabels(i)), value: (snap) => pick(snap.volumes[i]) }));
  return [
    { name: 'container_cpu_usage_seconds', type: 'counter', help: 'Cumulative CPU time consumed (cAdvisor style).', lines: perPod('container_cpu_usage_seconds_total', (p) => p.cpuSecondsTotal) },
    { name: 'container_spec_cpu_quota', type: 'gauge', help: 'CPU quota of the container (cAdvisor style).', lines: perPod('container_spec_cpu_quota', (p) => p.cpuQuotaMicros) },
    { name: 'container_spec_cpu_period', type: 'gauge', help: 'CPU period of the container (cAdvisor style).', lines: perPod('container_spec_cpu_period', (p) => p.cpuPeriodMicros) },
    { name: 'container_spec_cpu_shares', type: 'gauge', help: 'CPU shares of the container (cAdvisor style).', lines: perPod('container_spec_cpu_shares', (p) => p.cpuShares) },
    { name: 'container_memory_working_set_bytes', type: 'gauge', help: 'Current working set (cAdvisor style).', lines: perPod('container_memory_working_set_bytes', (p) => p.memoryWorkingSetBytes) },
    { name: 'container_spec_memory_limit_bytes', type: 'gauge', help: 'Memory limit of the container (cAdvisor style).', lines: perPod('container_spec_memory_limit_bytes', (p) => p.memoryLimitBytes) },
    { name: 'kubelet_volume_stats_used_bytes', type: 'gauge', help: 'Bytes used on the volume (kubelet style).', lines: perVolume('kubelet_volume_stats_used_bytes', (v) => v.usedBytes) },
    { name: 'kubelet_volume_stats_capacity_bytes', type: 'gauge', help: 'Capacity of the volume (kubelet style).', lines: perVolume('kubelet_volume_stats_capacity_bytes', (v) => v.capacityBytes) },
    { name: 'kubelet_volume_stats_available_bytes', type: 'gauge', help: 'Bytes available on the volume (kubelet style).', lines: perVolume('kubelet_volume_stats_available_bytes', (v) => v.capacityBytes - v.usedBytes) },
  ];
}

/**
 * The labels a Prometheus scrape attaches to every sample of a target: `job` always, `instance` (the
 * target address) only where the sample does not carry its own — the demo job scrapes with
 * `honor_labels: true`, so the exposed labels win. History written without them would be a different
 * series from the live one, and every chart would split at the point where live scraping starts.
 */
export interface TargetLabels {
  job: string;
  instance: string;
}

/** The families as the scrape stores them: each line with the target's `job` and, if it lacks one, `instance`. */
export function withTargetLabels(families: Family[], target: TargetLabels): Family[] {
  return families.map((family) => ({
    ...family,
    lines: family.lines.map((line) => ({ ...line, key: addTargetLabels(line.key, target) })),
  }));
}

function addTargetLabels(key: string, target: TargetLabels): string {
  const open = key.indexOf('{');
  const body = key.slice(open + 1, -1);
  const has = (label: string) => body === label || body.startsWith(`${label}="`) || body.includes(`,${label}="`);
  const extra: Labels = [];
  if (!has('job')) {
    extra.push(['job', target.job]);
  }
  if (!has('instance')) {
    extra.push(['instance', target.instance]);
  }
  const added = extra.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',');
  return added === '' ? key : `${key.slice(0, -1)}${body === '' ? '' : ','}${added}}`;
}

/** Prometheus text format 0.0.4, what a live `/metrics` serves. */
export function renderText(families: Family[], snapshot: Snapshot): string {
  const out: string[] = [];
  for (const family of families) {
    const typeName = family.type === 'counter' ? `${family.name}_total` : family.name;
    out.push(`# HELP ${typeName} ${family.help}`, `# TYPE ${typeName} ${family.type}`);
    for (const line of family.lines) {
      out.push(`${line.key} ${line.value(snapshot)}`);
    }
  }
  return out.join('\n') + '\n';
}

/** OpenMetrics metadata, written once at the top of a history file. */
export function openMetricsHeader(families: Family[]): string {
  return families.map((f) => `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n`).join('');
}

/** One timestamped OpenMetrics sample per line (seconds, as OpenMetrics wants). */
export function openMetricsSamples(families: Family[], snapshot: Snapshot, timestampSeconds: number): string {
  let out = '';
  const suffix = ` ${timestampSeconds}\n`;
  for (const family of families) {
    for (const line of family.lines) {
      out += `${line.key} ${line.value(snapshot)}${suffix}`;
    }
  }
  return out;
}

export const OPENMETRICS_EOF = '# EOF\n';

function formatBound(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}
