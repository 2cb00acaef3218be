import { type ConfigForm, canaryErrorsOf, toForm, toJsonData } from '../form';
import { validateForm } from '../validation';

const valid = (): ConfigForm => toForm({ preset: 'prometheus', sloAvailabilityPercent: 99.9, sloLatencyP95Ms: 250 });

describe('validateForm', () => {
  it('accepts the defaults and a typical configuration', () => {
    expect(validateForm(toForm(undefined))).toEqual({});
    expect(validateForm(valid())).toEqual({});
  });

  test.each([
    ['sloAvailabilityPercent', '', 'Enter an availability target in percent, e.g. 99.5.'],
    ['sloAvailabilityPercent', 'abc', '"abc" is not a number. Enter a percentage such as 99.5.'],
    ['sloAvailabilityPercent', '99,5', '"99,5" is not a number. Enter a percentage such as 99.5.'],
    ['sloAvailabilityPercent', 'NaN', '"NaN" is not a number. Enter a percentage such as 99.5.'],
    [
      'sloAvailabilityPercent',
      '-1',
      'The availability target must be above 0 and below 100 % (100 % leaves no error budget).',
    ],
    ['sloAvailabilityPercent', '5e1', '"5e1" is not a number. Enter a percentage such as 99.5.'],
    ['sloLatencyP95Ms', '-300', 'The p95 latency target must be greater than 0 ms.'],
    [
      'sloAvailabilityPercent',
      '100',
      'The availability target must be above 0 and below 100 % (100 % leaves no error budget).',
    ],
    [
      'sloAvailabilityPercent',
      '0',
      'The availability target must be above 0 and below 100 % (100 % leaves no error budget).',
    ],
    ['sloLatencyP95Ms', '', 'Enter a p95 latency target in milliseconds, e.g. 300.'],
    ['sloLatencyP95Ms', '1e3', '"1e3" is not a number. Enter milliseconds such as 300.'],
    ['sloLatencyP95Ms', 'Infinity', '"Infinity" is not a number. Enter milliseconds such as 300.'],
    ['sloLatencyP95Ms', '0', 'The p95 latency target must be greater than 0 ms.'],
    ['sloLatencyP95Ms', '600001', 'The p95 latency target must be at most 600000 ms (10 minutes).'],
  ] as const)('%s = %j -> %s', (field, value, message) => {
    expect(validateForm({ ...valid(), [field]: value })).toEqual({ [field]: message });
  });

  test.each([
    [
      'serviceLabel',
      'service-name',
      '"service-name" is not a valid label name: use letters, digits and _, not starting with a digit.',
    ],
    [
      'statusLabel',
      'code"}',
      '"code"}" is not a valid label name: use letters, digits and _, not starting with a digit.',
    ],
    [
      'requestsMetric',
      '1_requests',
      '"1_requests" is not a valid metric name: use letters, digits, _ and :, not starting with a digit.',
    ],
    [
      'latencyBucketMetric',
      'a b',
      '"a b" is not a valid metric name: use letters, digits, _ and :, not starting with a digit.',
    ],
  ] as const)('override %s = %j is rejected next to that field', (name, value, message) => {
    const form = valid();
    form.overrides[name] = value;
    expect(validateForm(form)).toEqual({ [`overrides.${name}`]: message });
  });

  it('accepts colons in metric names (recording rules) but not in label names', () => {
    const form = valid();
    form.overrides.requestsMetric = 'job:http_requests:rate5m';
    expect(validateForm(form)).toEqual({});
    form.overrides.serviceLabel = 'a:b';
    expect(Object.keys(validateForm(form))).toEqual(['overrides.serviceLabel']);
  });
});

describe('canary thresholds in the whole form', () => {
  it('reports canary messages under canary.<field> and hands them back to the section', () => {
    const form = valid();
    form.canary = { ...form.canary, alpha: '0.7', minSamples: '3.5' };
    const errors = validateForm(form);
    expect(errors).toEqual({
      'canary.alpha': 'The significance level must be above 0 and at most 0.5; 0.05 is usual.',
      'canary.minSamples': 'The minimum samples per group must be a whole number, not 3.5.',
    });
    expect(canaryErrorsOf(errors)).toEqual({
      alpha: 'The significance level must be above 0 and at most 0.5; 0.05 is usual.',
      minSamples: 'The minimum samples per group must be a whole number, not 3.5.',
    });
  });

  it('leaves canary out of jsonData when nothing is set, and saves only the set values otherwise', () => {
    expect(toJsonData(valid())).not.toHaveProperty('canary');
    const form = valid();
    form.canary = { ...form.canary, passScore: '90', promoteWhen: 'improvement' };
    expect(toJsonData(form).canary).toEqual({ passScore: 90, promoteWhen: 'improvement' });
  });

  it('keeps provisioned per-metric overrides when the page is saved', () => {
    const canary = { minSamples: 15, metrics: { memory: { enabled: false } } };
    expect(toJsonData(toForm({ canary })).canary).toEqual(canary);
  });
});

describe('toForm / toJsonData', () => {
  it('round-trips settings and drops empty overrides', () => {
    const jsonData = {
      prometheusDatasourceUid: 'prom',
      elasticsearchDatasourceUid: 'es',
      longTermDatasourceUid: 'long-term',
      shortTermRetentionDays: 14,
      preset: 'istio' as const,
      overrides: { serviceLabel: 'app' },
      sloAvailabilityPercent: 99.95,
      sloLatencyP95Ms: 120,
      useRecordingRules: true,
    };
    expect(toJsonData(toForm(jsonData))).toEqual(jsonData);
  });

  it('fills defaults for missing or unknown values', () => {
    const form = toForm({ preset: 'nope' as never });
    expect(form.preset).toBe('otel');
    expect(form.sloAvailabilityPercent).toBe('99.5');
    expect(form.sloLatencyP95Ms).toBe('300');
    expect(toJsonData(form)).toEqual({
      prometheusDatasourceUid: undefined,
      elasticsearchDatasourceUid: undefined,
      longTermDatasourceUid: undefined,
      shortTermRetentionDays: 30,
      preset: 'otel',
      overrides: {},
      sloAvailabilityPercent: 99.5,
      sloLatencyP95Ms: 300,
      useRecordingRules: false,
    });
  });

  it('never stores anything but names, numbers and uids (no secrets)', () => {
    const keys = Object.keys(toJsonData(valid())).sort();
    expect(keys).toEqual([
      'elasticsearchDatasourceUid',
      'longTermDatasourceUid',
      'overrides',
      'preset',
      'prometheusDatasourceUid',
      'shortTermRetentionDays',
      'sloAvailabilityPercent',
      'sloLatencyP95Ms',
      'useRecordingRules',
    ]);
  });
});
