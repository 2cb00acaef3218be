import fc from 'fast-check';

import { PRESETS } from '../conventions';
import { type LongRangeMeasure, longRangeQuery, longRangeStep } from '../longRange';

const HOUR = 3600;
const DAY = 86400;

describe('longRangeQuery chooses the aggregate whose resolution fits the step', () => {
  test.each<[LongRangeMeasure, number, string, string]>([
    [
      'requestRate',
      60,
      'raw',
      'sum by (service_name) (rate(http_server_request_duration_seconds_count{service_name=~"${service}"}[$__rate_interval]))',
    ],
    [
      'requestRate',
      HOUR - 1,
      'raw',
      'sum by (service_name) (rate(http_server_request_duration_seconds_count{service_name=~"${service}"}[$__rate_interval]))',
    ],
    ['requestRate', HOUR, 'codesentinel_1h', 'codesentinel_1h:service_requests:rate1h{service=~"${service}"}'],
    ['requestRate', 6 * HOUR, 'codesentinel_1h', 'codesentinel_1h:service_requests:rate1h{service=~"${service}"}'],
    ['requestRate', DAY, 'codesentinel_1d', 'codesentinel_1d:service_requests:rate1d{service=~"${service}"}'],
    ['errorRatio', 2 * HOUR, 'codesentinel_1h', 'codesentinel_1h:service_error_ratio:rate1h{service=~"${service}"}'],
    ['p95', HOUR, 'codesentinel_1h', 'codesentinel_1h:service_latency_seconds:p95_1h{service=~"${service}"}'],
    ['p95', 7 * DAY, 'codesentinel_1d', 'codesentinel_1d:service_latency_seconds:p95_1d{service=~"${service}"}'],
    ['cpu', HOUR, 'codesentinel_1h', 'codesentinel_1h:workload_cpu_seconds:rate1h{container=~"${service}"}'],
    [
      'memory',
      DAY,
      'codesentinel_1d',
      'codesentinel_1d:workload_memory_working_set_bytes:avg1d{container=~"${service}"}',
    ],
    [
      'cpu',
      300,
      'raw',
      'sum by (namespace, container) (rate(container_cpu_usage_seconds_total{container!~"|POD"}[$__rate_interval]))',
    ],
    ['memory', 300, 'raw', 'sum by (namespace, container) (container_memory_working_set_bytes{container!~"|POD"})'],
  ])('%s at a %i s step reads %s', (measure, step, source, expr) => {
    expect(longRangeQuery(PRESETS.otel, measure, step, { useAggregates: true })).toMatchObject({ source, expr });
  });

  test.each(['prometheus', 'istio'] as const)(
    'the %s preset reads raw series (the rules are recorded from the OTel histogram)',
    (preset) => {
      expect(longRangeQuery(PRESETS[preset], 'requestRate', DAY, { useAggregates: true }).source).toBe('raw');
    }
  );

  test('without the aggregates in the store, every step reads raw series', () => {
    expect(longRangeQuery(PRESETS.otel, 'p95', DAY, { useAggregates: false }).source).toBe('raw');
  });

  test.each([0, -1, NaN, Infinity])('a step of %p is refused with a clear message', (step) => {
    expect(() => longRangeQuery(PRESETS.otel, 'p95', step, { useAggregates: true })).toThrow(
      'long-range step must be a positive number of seconds'
    );
  });
});

describe('longRangeStep keeps every series under 11,000 points', () => {
  test.each([
    [6 * HOUR, 60],
    [14 * DAY, 120],
    [90 * DAY, 720],
    [395 * DAY, 3600],
    [800 * DAY, 7200],
  ])('a %i s range gets a %i s step', (range, step) => {
    expect(longRangeStep(range)).toBe(step);
  });

  test('for any range from a minute to ten years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 10 * 365 * DAY }), (range) => {
        const step = longRangeStep(range);
        return range / step <= 11000 && step % 60 === 0 && (step <= 900 || step % 3600 === 0);
      })
    );
  });

  test('refuses a range that is not a positive number', () => {
    expect(() => longRangeStep(0)).toThrow('range must be a positive number of seconds');
  });
});
