import { allPromQueries } from '../catalogue';
import { PRESETS, type PresetId } from '../conventions';
import { type CapacityTarget, capacityTargetQuery, trendsCatalogueEntries, trendsQueries } from '../trends';

const VOLUME_USAGE =
  'max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes / (kubelet_volume_stats_capacity_bytes > 0))';
const MEMORY_OF_LIMIT =
  'sum by (namespace, pod, container) (container_memory_working_set_bytes{container!~"|POD"}) / ' +
  '(sum by (namespace, pod, container) (container_spec_memory_limit_bytes{container!~"|POD"}) > 0)';

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
