// Cell text for the results table, with Grafana's unit formatting (the same as the charts' axes).
import { formattedValueToString, getValueFormat } from '@grafana/data';

import { formatPercent, type MetricJudgement } from '../../analytics';
import { DEFAULT_CANARY_METRICS } from '../../settings/canary';

const UNITS: Record<string, string> = Object.fromEntries(DEFAULT_CANARY_METRICS.map((m) => [m.id, m.grafanaUnit]));

/** Three significant digits are plenty to compare two groups ("207 ms", "1.39 s", "0.629%"). */
const SIGNIFICANT_DIGITS = 3;

export function formatWithUnit(value: number | undefined, unit: string): string {
  if (value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  const format = getValueFormat(unit);
  // The unit picks its own scale (s → ms, bytes → MiB), so the digits are counted on the scaled text,
  // probed with enough decimals that a small non-zero value does not read as 0.
  const scaled = Math.abs(Number.parseFloat(format(value, 10).text));
  const magnitude = scaled > 0 && Number.isFinite(scaled) ? Math.floor(Math.log10(scaled)) : 0;
  const decimals = Math.max(0, SIGNIFICANT_DIGITS - 1 - magnitude);
  return formattedValueToString(format(value, decimals));
}

/** The explanation's formatter for a metric: the same units and digits as the table. */
export function metricFormatter(metricId: string): (value: number) => string {
  const unit = UNITS[metricId] ?? 'short';
  return (value) => formatWithUnit(value, unit);
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** Median for sampled metrics; events / requests (rate) for the count test. */
export function formatMetricValue(m: MetricJudgement, group: 'canary' | 'baseline'): string {
  if (m.kind === 'count') {
    if (!m.poisson) {
      return '–';
    }
    const n = group === 'canary' ? m.canaryN : m.baselineN;
    const rate = group === 'canary' ? m.poisson.canaryRate : m.poisson.baselineRate;
    return `${formatCount(n)} (${formatPercent(rate)})`;
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

/** The page's three actions for the engine's verdicts. */
export type CanaryAction = 'promote' | 'hold' | 'roll back';

export function actionFor(verdict: 'pass' | 'marginal' | 'fail' | 'insufficient-data'): CanaryAction {
  return verdict === 'pass' ? 'promote' : verdict === 'fail' ? 'roll back' : 'hold';
}
