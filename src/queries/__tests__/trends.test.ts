import { allPromQueries } from '../catalogue';
import { PRESETS, type PresetId } from '../conventions';
import { type CapacityTarget, capacityTargetQuery, trendsCatalogueEntries, trendsQueries } from '../trends';

const VOLUME_USAGE =
  'max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes / (kubelet_volume_stats_capacity_bytes > 0))';
const MEMORY_OF_LIMIT =
  'sum by (namespace, pod, container) (container_memory_working_set_bytes{container!~"|POD"}) / ' +
  '(sum by (namespace, pod, container) (container_spec_memory_limit_bytes{container!~"|POD"}) > 0)';
const CPU_USED = 'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{container!~"|POD"}[$__rate_interval]))';
const CPU_OF_LIMIT =
  `${CPU_USED} / (sum by (namespace, pod, container) (container_spec_cpu_quota{container!~"|POD"} / container_spec_cpu_period{container!~"|POD"}) > 0)`;
const CPU_OF_REQUEST = `${CPU_USED} / ((sum by (namespace, pod, container) (container_spec_cpu_shares{container!~"|POD"}) > 2) / 1024)`;
const CPU_THROTTLED =
  'sum by (namespace, pod, container) (rate(container_cpu_cfs_throttled_periods_total{container!~"|POD"}[$__rate_interval])) / ' +
  '(sum by (namespace, pod, container) (rate(container_cpu_cfs_periods_total{container!~"|POD"}[$__rate_interval])) > 0)';
const REAL_FS = 'fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs"';
const NODE = {
  nodeCpu: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval]))',
  nodeMemory: '1 - (sum by (instance) (node_memory_MemAvailable_bytes) / sum by (instance) (node_memory_MemTotal_bytes))',
  nodeDisk: `max by (instance) (1 - (node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}}))`,
};

describe('trendsQueries', () => {
  test.each<[PresetId, string, string, string]>([
    [
      'otel',
      'sum by (service_name) (rate(http_server_request_duration_seconds_count{service_name=~"${service}"}[$__rate_interval]))',
      'histogram_quantile(0.95, sum by (le, service_name) (rate(http_server_request_duration_seconds_bucket{service_name=~"${service}"}[$__rate_interval])))',
      'sum(rate(http_server_request_duration_seconds_count{service_name=~"${service}"}[$__rate_interval]))',
    ],
    [
      'prometheus',
      'sum by (service) (rate(http_requests_total{service=~"${service}"}[$__rate_interval]))',
      'histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket{service=~"${service}"}[$__rate_interval])))',
      'sum(rate(http_requests_total{service=~"${service}"}[$__rate_interval]))',
    ],
    [
      'istio',
      'sum by (destination_service_name) (rate(istio_requests_total{reporter="destination", destination_service_name=~"${service}"}[$__rate_interval]))',
      'histogram_quantile(0.95, sum by (le, destination_service_name) (rate(istio_request_duration_milliseconds_bucket{reporter="destination", destination_service_name=~"${service}"}[$__rate_interval]))) / 1000',
      'sum(rate(istio_requests_total{reporter="destination", destination_service_name=~"${service}"}[$__rate_interval]))',
    ],
  ])('%s: forecasts and the profile follow the service variable', (preset, requestRate, p95, seasonalityRate) => {
    const q = trendsQueries(PRESETS[preset]);
    expect(q).toEqual({
      serviceLabel: PRESETS[preset].serviceLabel,
      requestRate,
      p95,
      seasonalityRate,
      volumeUsage: VOLUME_USAGE,
      memoryOfLimit: MEMORY_OF_LIMIT,
      cpuOfLimit: CPU_OF_LIMIT,
      cpuOfRequest: CPU_OF_REQUEST,
      cpuThrottled: CPU_THROTTLED,
      ...NODE,
    });
  });

  test('overridden names are used', () => {
    const q = trendsQueries({ ...PRESETS.prometheus, requestsMetric: 'api_calls_total', serviceLabel: 'app' });
    expect(q.requestRate).toBe('sum by (app) (rate(api_calls_total{app=~"${service}"}[$__rate_interval]))');
  });
});

describe('capacityTargetQuery', () => {
  test.each<[string, CapacityTarget, string]>([
    [
      'a volume',
      { kind: 'volume', namespace: 'demo', claim: 'checkout-data' },
      'max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes{namespace="demo", persistentvolumeclaim="checkout-data"} / (kubelet_volume_stats_capacity_bytes{namespace="demo", persistentvolumeclaim="checkout-data"} > 0))',
    ],
    [
      'a container',
      { kind: 'memory', namespace: 'demo', pod: 'checkout-0', container: 'checkout' },
      'sum by (namespace, pod, container) (container_memory_working_set_bytes{namespace="demo", pod="checkout-0", container="checkout"}) / (sum by (namespace, pod, container) (container_spec_memory_limit_bytes{namespace="demo", pod="checkout-0", container="checkout"}) > 0)',
    ],
    [
      'a container against its CPU limit',
      { kind: 'cpu-limit', namespace: 'demo', pod: 'checkout-0', container: 'checkout' },
      'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{namespace="demo", pod="checkout-0", container="checkout"}[$__rate_interval])) / (sum by (namespace, pod, container) (container_spec_cpu_quota{namespace="demo", pod="checkout-0", container="checkout"} / container_spec_cpu_period{namespace="demo", pod="checkout-0", container="checkout"}) > 0)',
    ],
    [
      'a container against its CPU request',
      { kind: 'cpu-request', namespace: 'demo', pod: 'checkout-0', container: 'checkout' },
      'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{namespace="demo", pod="checkout-0", container="checkout"}[$__rate_interval])) / ((sum by (namespace, pod, container) (container_spec_cpu_shares{namespace="demo", pod="checkout-0", container="checkout"}) > 2) / 1024)',
    ],
    [
      'a container’s throttled share of CFS periods',
      { kind: 'cpu-throttled', namespace: 'demo', pod: 'checkout-0', container: 'checkout' },
      'sum by (namespace, pod, container) (rate(container_cpu_cfs_throttled_periods_total{namespace="demo", pod="checkout-0", container="checkout"}[$__rate_interval])) / (sum by (namespace, pod, container) (rate(container_cpu_cfs_periods_total{namespace="demo", pod="checkout-0", container="checkout"}[$__rate_interval])) > 0)',
    ],
    [
      'a node (busy share of its cores)',
      { kind: 'node-cpu', node: 'host:9100' },
      '1 - avg by (instance) (rate(node_cpu_seconds_total{instance="host:9100", mode="idle"}[$__rate_interval]))',
    ],
    [
      'a hostile node name',
      { kind: 'node-disk', node: 'h"} or vector(1) #' },
      'max by (instance) (1 - (node_filesystem_avail_bytes{instance="h\\"} or vector(1) #", fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs"} / node_filesystem_size_bytes{instance="h\\"} or vector(1) #", fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs"}))',
    ],
    [
      'a hostile claim name (quote, brace, newline, template variable)',
      { kind: 'volume', namespace: 'demo', claim: 'x"} or vector(1) #\n${service}' },
      'max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes{namespace="demo", persistentvolumeclaim="x\\"} or vector(1) #\\n\\x24{service}"} / (kubelet_volume_stats_capacity_bytes{namespace="demo", persistentvolumeclaim="x\\"} or vector(1) #\\n\\x24{service}"} > 0))',
    ],
    [
      'a hostile pod name (backslash, regex metacharacters)',
      { kind: 'memory', namespace: 'n', pod: 'a\\b.*', container: 'c' },
      'sum by (namespace, pod, container) (container_memory_working_set_bytes{namespace="n", pod="a\\\\b.*", container="c"}) / (sum by (namespace, pod, container) (container_spec_memory_limit_bytes{namespace="n", pod="a\\\\b.*", container="c"}) > 0)',
    ],
  ])('%s', (_name, target, expected) => {
    expect(capacityTargetQuery(target)).toBe(expected);
  });
});

describe('trends catalogue entries', () => {
  test('list every query the page sends, with the labels each series must carry', () => {
    const entries = trendsCatalogueEntries(PRESETS.otel);
    expect(entries.map((e) => [e.id, e.expectLabels])).toEqual([
      ['trends.forecast-rate', ['service_name']],
      ['trends.forecast-p95', ['service_name']],
      ['trends.seasonality-rate', []],
      ['trends.volume-usage', ['namespace', 'persistentvolumeclaim']],
      ['trends.memory-of-limit', ['namespace', 'pod', 'container']],
      ['trends.selected-volume', ['namespace', 'persistentvolumeclaim']],
      ['trends.selected-memory', ['namespace', 'pod', 'container']],
      ['trends.cpu-of-limit', ['namespace', 'pod', 'container']],
      ['trends.cpu-of-request', ['namespace', 'pod', 'container']],
      ['trends.selected-cpu-limit', ['namespace', 'pod', 'container']],
      ['trends.cpu-throttled', ['namespace', 'pod', 'container']],
      ['trends.selected-cpu-throttled', ['namespace', 'pod', 'container']],
      ['trends.node-cpu-busy', ['instance']],
      ['trends.node-memory-used', ['instance']],
      ['trends.node-disk-used', ['instance']],
    ]);
    expect(entries.find((e) => e.id === 'trends.selected-volume')?.expr).toBe(
      capacityTargetQuery({ kind: 'volume', namespace: 'demo', claim: 'checkout-data' })
    );
    expect(entries.find((e) => e.id === 'trends.selected-memory')?.expr).toBe(
      capacityTargetQuery({ kind: 'memory', namespace: 'demo', pod: 'checkout-0', container: 'checkout' })
    );
  });

  test('are part of the app catalogue for every preset', () => {
    for (const preset of Object.values(PRESETS)) {
      const ids = allPromQueries(preset).map((e) => e.id);
      expect(ids).toEqual(expect.arrayContaining(trendsCatalogueEntries(preset).map((e) => e.id)));
    }
  });
});
