import { PRESETS, resolveConvention } from '../conventions';

describe('resolveConvention', () => {
  test.each([
    ['nothing configured', undefined, PRESETS.otel],
    ['null', null, PRESETS.otel],
    ['unknown preset', { preset: 'zipkin' }, PRESETS.otel],
    ['prometheus', { preset: 'prometheus' }, PRESETS.prometheus],
    ['istio', { preset: 'istio' }, PRESETS.istio],
  ])('%s', (_name, settings, expected) => {
    expect(resolveConvention(settings)).toEqual(expected);
  });

  it('applies valid overrides on top of the preset and trims them', () => {
    const c = resolveConvention({
      preset: 'prometheus',
      overrides: { serviceLabel: ' job ', requestsMetric: 'api_requests_total' },
    });
    expect(c.serviceLabel).toBe('job');
    expect(c.requestsMetric).toBe('api_requests_total');
    expect(c.latencyBucketMetric).toBe(PRESETS.prometheus.latencyBucketMetric);
  });

  it('keeps the preset default for empty overrides', () => {
    expect(resolveConvention({ preset: 'istio', overrides: { endpointLabel: '  ' } }).endpointLabel).toBe(
      'request_operation'
    );
  });

  test.each([
    ['serviceLabel', 'service"} or vector(1) #'],
    ['requestsMetric', 'up) or vector(1'],
    ['instanceLabel', 'a-b'],
    ['latencyBucketMetric', '9starts_with_digit'],
    ['statusLabel', 'has:colon'],
  ] as const)('ignores an invalid %s override (%j) instead of putting it in a query', (name, value) => {
    expect(resolveConvention({ preset: 'otel', overrides: { [name]: value } })[name]).toBe(PRESETS.otel[name]);
  });

  it('keeps Istio unit and fixed matcher whatever is overridden', () => {
    const c = resolveConvention({ preset: 'istio', overrides: { latencyBucketMetric: 'my_latency_ms_bucket' } });
    expect(c.latencyUnit).toBe('milliseconds');
    expect(c.fixedMatchers).toEqual([{ label: 'reporter', equals: 'destination' }]);
  });
});
