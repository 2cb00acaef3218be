import { PRESETS } from '../conventions';
import { overviewQueries } from '../overview';
import { availability, errorRatio, failuresByStatus, latencyQuantile, requestRate } from '../red';
import { containerResourceQueries } from '../resources';
import { selector } from '../selector';
import { serviceQueries, servicesVariableQuery, serviceVariableQueries } from '../service';

const { otel, prometheus, istio } = PRESETS;
const svcOtel = { label: 'service_name', equals: 'checkout' };

describe('selector', () => {
  test.each([
    ['no matchers', [], 'up'],
    ['equals', [{ label: 'job', equals: 'api' }], 'up{job="api"}'],
    ['not equals', [{ label: 'job', notEquals: 'a"b' }], 'up{job!="a\\"b"}'],
    ['any of', [{ label: 'pod', anyOf: ['a.b', 'c'] }], 'up{pod=~"a\\\\.b|c"}'],
    ['variable', [{ label: 'pod', variable: '${instance}' }], 'up{pod=~"${instance}"}'],
    ['pattern', [{ label: 'code', pattern: '5..' }], 'up{code=~"5.."}'],
    ['not pattern', [{ label: 'code', notPattern: '2..' }], 'up{code!~"2.."}'],
    [
      'several',
      [
        { label: 'a', equals: '1' },
        { label: 'b', pattern: 'x|y' },
      ],
      'up{a="1", b=~"x|y"}',
    ],
  ] as const)('%s', (_name, matchers, expected) => {
    expect(selector('up', matchers)).toBe(expected);
  });
});

describe('RED builders', () => {
  test.each([
    [
      'otel rate, all',
      requestRate(otel, []),
      'sum(rate(http_server_request_duration_seconds_count[$__rate_interval]))',
    ],
    [
      'prometheus rate by service',
      requestRate(prometheus, [], ['service']),
      'sum by (service) (rate(http_requests_total[$__rate_interval]))',
    ],
    [
      'istio rate carries reporter="destination"',
      requestRate(istio, []),
      'sum(rate(istio_requests_total{reporter="destination"}[$__rate_interval]))',
    ],
    [
      'otel error ratio for one service',
      errorRatio(otel, [svcOtel]),
      '(sum(rate(http_server_request_duration_seconds_count{service_name="checkout", http_response_status_code=~"5.."}[$__rate_interval]))' +
        ' or sum(rate(http_server_request_duration_seconds_count{service_name="checkout"}[$__rate_interval])) * 0)' +
        ' / sum(rate(http_server_request_duration_seconds_count{service_name="checkout"}[$__rate_interval]))',
    ],
    [
      'prometheus availability by handler',
      availability(prometheus, [], ['handler']),
      '1 - ((sum by (handler) (rate(http_requests_total{code=~"5.."}[$__rate_interval]))' +
        ' or sum by (handler) (rate(http_requests_total[$__rate_interval])) * 0)' +
        ' / sum by (handler) (rate(http_requests_total[$__rate_interval])))',
    ],
    [
      'otel p95 (seconds)',
      latencyQuantile(otel, 0.95, []),
      'histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket[$__rate_interval])))',
    ],
    [
      'prometheus p99 by instance',
      latencyQuantile(prometheus, 0.99, [], ['instance']),
      'histogram_quantile(0.99, sum by (le, instance) (rate(http_request_duration_seconds_bucket[$__rate_interval])))',
    ],
    [
      'istio p50 converted from ms to seconds',
      latencyQuantile(istio, 0.5, []),
      'histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[$__rate_interval]))) / 1000',
    ],
    [
      'istio failures by status code',
      failuresByStatus(istio, []),
      'sum by (response_code) (rate(istio_requests_total{reporter="destination", response_code=~"[45].."}[$__rate_interval]))',
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe('overviewQueries', () => {
  it('builds raw-metric queries grouped by the preset service label', () => {
    const q = overviewQueries(prometheus);
    expect(q.serviceLabel).toBe('service');
    expect(q.throughput).toBe('sum(rate(http_requests_total[$__rate_interval]))');
    expect(q.perService.p95).toBe(
      'histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket[$__rate_interval])))'
    );
    expect(q.perService.trend).toBe('sum by (service) (rate(http_requests_total[$__rate_interval]))');
  });

  it('reads the codesentinel:* recording rules when asked, grouped by the normalised service label', () => {
    const q = overviewQueries(istio, { useRecordingRules: true });
    expect(q.serviceLabel).toBe('service');
    expect(q.throughput).toBe('sum(codesentinel:service_requests:rate5m)');
    expect(q.perService.requestRate).toBe('sum by (service) (codesentinel:service_requests:rate5m)');
    expect(q.perService.errorRatio).toBe(
      'max by (service) (codesentinel:service_error_ratio:rate5m) or sum by (service) (codesentinel:service_requests:rate5m) * 0'
    );
    expect(q.perService.p95).toBe('max by (service) (codesentinel:service_latency_seconds:p95_5m)');
    expect(q.perService.trend).toBe('sum by (service) (codesentinel:service_requests:rate5m)');
    // No rule can merge per-service p95s, so the system p95 still comes from the histogram.
    expect(q.p95).toBe(latencyQuantile(istio, 0.95, []));
  });
});

describe('serviceQueries', () => {
  const q = serviceQueries(otel, 'checkout');
  const scope = 'service_name="checkout", instance=~"${instance}", http_route=~"${endpoint}"';

  it('narrows every query to the service and the page variables', () => {
    expect(q.stats.requestRate).toBe(
      `sum(rate(http_server_request_duration_seconds_count{${scope}}[$__rate_interval]))`
    );
    expect(q.byEndpoint.requestRate).toBe(
      `sum by (http_route) (rate(http_server_request_duration_seconds_count{${scope}}[$__rate_interval]))`
    );
    expect(q.byInstance.p95).toBe(
      `histogram_quantile(0.95, sum by (le, instance) (rate(http_server_request_duration_seconds_bucket{${scope}}[$__rate_interval])))`
    );
  });

  it('has p50, p95 and p99', () => {
    expect(q.percentiles.map((p) => p.quantile)).toEqual([0.5, 0.95, 0.99]);
    expect(q.percentiles[2].expr).toBe(
      `histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{${scope}}[$__rate_interval])))`
    );
  });

  it('builds the variable queries', () => {
    const v = serviceVariableQueries(istio, 'checkout');
    expect(v.instance.query).toBe(
      'label_values(istio_requests_total{reporter="destination", destination_service_name="checkout"}, instance)'
    );
    expect(v.endpoint.query).toBe(
      'label_values(istio_requests_total{reporter="destination", destination_service_name="checkout", instance=~"${instance}"}, request_operation)'
    );
    expect(servicesVariableQuery(prometheus).query).toBe('label_values(http_requests_total, service)');
  });
});

describe('containerResourceQueries', () => {
  it('matches cAdvisor container to the service and pod to the instance variable', () => {
    expect(containerResourceQueries('checkout')).toEqual({
      cpuCores:
        'sum by (pod) (rate(container_cpu_usage_seconds_total{container="checkout", pod=~"${instance}"}[$__rate_interval]))',
      memoryBytes: 'sum by (pod) (container_memory_working_set_bytes{container="checkout", pod=~"${instance}"})',
      memoryLimitBytes: 'max by (pod) (container_spec_memory_limit_bytes{container="checkout", pod=~"${instance}"})',
    });
  });
});
