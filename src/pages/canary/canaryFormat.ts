// Cell text for the results table, with Grafana's unit formatting (the same as the charts' axes).
import { formattedValueToString, getValueFormat } from '@grafana/data';

import { formatP, formatPercent, groupValue, type MetricJudgement } from '../../analytics';
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

/** Median for sampled metrics, the pooled quantile for latency; events / requests (rate) for the count test. */
export function formatMetricValue(m: MetricJudgement, group: 'canary' | 'baseline'): string {
  if (m.kind === 'count') {
    if (!m.poisson) {
      return '–';
    }
    const n = group === 'canary' ? m.canaryN : m.baselineN;
    const rate = group === 'canary' ? m.poisson.canaryRate : m.poisson.baselineRate;
    return `${formatCount(n)} (${formatPercent(rate)})`;
  }
  const value = groupValue(m, group);
  const n = group === 'canary' ? m.canaryN : m.baselineN;
  const counted = m.kind === 'quantile' ? `${formatCount(n)} requests` : `n=${n}`;
  return value === undefined ? '–' : `${formatWithUnit(value, UNITS[m.id] ?? 'short')} (${counted})`;
}

/** The engine's p-value format (the verdict's sentences use it too); "–" when there is none. */
export function formatPValue(p: number | undefined): string {
  return p === undefined ? '–' : formatP(p);
}
