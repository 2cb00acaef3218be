// Cell text for the results table, with Grafana's unit formatting (the same as the charts' axes).
import { formattedValueToString, getValueFormat } from '@grafana/data';

import type { MetricJudgement } from '../../analytics/canary';

import { DEFAULT_CANARY_METRICS } from './canaryConfig';

const UNITS: Record<string, string> = Object.fromEntries(DEFAULT_CANARY_METRICS.map((m) => [m.id, m.grafanaUnit]));

export function formatWithUnit(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  return formattedValueToString(getValueFormat(unit)(value, 3));
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function formatRate(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))} %`;
}

/** Median for sampled metrics; events / requests (rate) for the count test. */
export function formatMetricValue(m: MetricJudgement, group: 'canary' | 'baseline'): string {
  if (m.kind === 'count') {
    if (!m.poisson) {
      return '–';
    }
    const n = group === 'canary' ? m.canaryN : m.baselineN;
    const rate = group === 'canary' ? m.poisson.canaryRate : m.poisson.baselineRate;
    return `${formatCount(n)} (${formatRate(rate)})`;
  }
  const median = group === 'canary' ? m.canaryMedian : m.baselineMedian;
  const n = group === 'canary' ? m.canaryN : m.baselineN;
  return median === undefined ? '–' : `${formatWithUnit(median, UNITS[m.id] ?? 'short')} (n=${n})`;
}

/** Hodges–Lehmann shift with its interval, or the rate ratio for counts. */
export function formatInterval(m: MetricJudgement): string {
  if (m.kind === 'count') {
    const ratio = m.poisson?.rateRatio;
    if (ratio === undefined) {
      return '–';
    }
    return Number.isFinite(ratio) ? `rate ×${Number(ratio.toPrecision(3))}` : 'rate up from 0';
  }
  const hl = m.shift;
  if (!hl) {
    return '–';
  }
  const unit = UNITS[m.id] ?? 'short';
  const sign = (v: number) => (v > 0 ? '+' : '');
  const shift = `${sign(hl.shift)}${formatWithUnit(hl.shift, unit)}`;
  if (hl.lower === undefined || hl.upper === undefined) {
    return `${shift} (no CI: too few samples)`;
  }
  return `${shift} (${sign(hl.lower)}${formatWithUnit(hl.lower, unit)} to ${sign(hl.upper)}${formatWithUnit(hl.upper, unit)})`;
}

export function formatPValue(p: number | undefined): string {
  if (p === undefined) {
    return '–';
  }
  return p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2)));
}

export function testName(m: MetricJudgement): string {
  if (m.test === 'mann-whitney') {
    return `Mann–Whitney (${m.mannWhitney?.method ?? 'asymptotic'})`;
  }
  if (m.test === 'poisson-exact-conditional') {
    return 'Exact Poisson rate test';
  }
  return 'not run';
}
