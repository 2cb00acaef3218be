import { formatWithUnit, metricFormatter } from '../canaryFormat';

describe('formatWithUnit: three significant digits in the unit Grafana picks', () => {
  test.each([
    [0.207474, 's', '207 ms'],
    [1.394, 's', '1.39 s'],
    [3.038, 's', '3.04 s'],
    [0.00629, 'percentunit', '0.629%'],
    [0.0138, 'percentunit', '1.38%'],
    [0.038, 'short', '0.0380'],
    [501.382 * 1024 * 1024, 'bytes', '501 MiB'],
    [71.834 * 1024 * 1024, 'bytes', '71.8 MiB'],
    [-0.016, 'short', '-0.0160'],
    [0, 's', '0 s'],
    [0.0000123, 'percentunit', '0.00123%'],
  ])('%p %s → %p', (value, unit, text) => {
    expect(formatWithUnit(value, unit)).toBe(text);
  });

  test.each([undefined, NaN, Infinity])('%p → –', (value) => {
    expect(formatWithUnit(value, 's')).toBe('–');
  });
});

describe('metricFormatter', () => {
  it('formats a metric with the unit of its table column', () => {
    expect(metricFormatter('p50')(0.208)).toBe('208 ms');
    expect(metricFormatter('error-ratio')(0.00654)).toBe('0.654%');
    expect(metricFormatter('memory')(5.25e8)).toBe('501 MiB');
    expect(metricFormatter('cpu')(0.0379)).toBe('0.0379 cores');
  });
});
