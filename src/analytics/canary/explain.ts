// Plain-language explanations, one per metric. Plain text only: the page renders them as text.
import { formatCount, formatP, formatPercent, formatValue } from '../stats/format';

import type { CanaryThresholds, CountSamples, MetricConfig, MetricJudgement } from './types';

/**
 * Formats one value of a metric with its unit ("207 ms", "0.629 %"). The page passes Grafana's unit
 * formatting so the sentence reads like the table; this layer cannot import @grafana/*.
 */
export type ValueFormatter = (value: number) => string;

/** Plain numbers with the config's unit word: used where no formatter is given (worker, tests). */
export function plainFormatter(config: MetricConfig): ValueFormatter {
  return (v) => formatValue(v, config.unit);
}

/**
 * A difference of two finite samples can still overflow (1e308 - -1e308), and a missing median is
 * NaN: neither reaches the formatter, which would print "+Infinity" or "NaN" as if it were a value.
 */
function finite(format: ValueFormatter, v: number): string {
  if (Number.isFinite(v)) {
    return format(v);
  }
  return Number.isNaN(v) ? 'unknown' : `beyond ${v > 0 ? '+' : '−'}1.8e308 (too large to compute)`;
}

function signed(format: ValueFormatter, v: number): string {
  return v > 0 && Number.isFinite(v) ? `+${format(v)}` : finite(format, v);
}

const DIRECTION_WORDS: Record<MetricConfig['direction'], string> = {
  'increase-is-bad': 'an increase is bad',
  'decrease-is-bad': 'a decrease is bad',
  either: 'any change is bad',
};

function verdictWords(j: MetricJudgement): string {
  if (j.outcome === 'pass') {
    return 'no meaningful difference';
  }
  const dir = j.outcome === 'high' ? 'higher' : 'lower';
  if (j.failed) {
    return `canary ${dir}: worse`;
  }
  return j.improved ? `canary ${dir}: better` : `canary ${dir}`;
}

export function explainNoData(config: MetricConfig, reason: string): string {
  const consequence = config.mustHaveData
    ? ' This metric must have data, so there is no verdict yet.'
    : ' Not counted in the score.';
  return `${config.label}: not judged — ${reason}.${consequence}`;
}

export function explainContinuous(
  config: MetricConfig,
  j: MetricJudgement,
  t: CanaryThresholds,
  notes: { significantButSmall: boolean },
  format: ValueFormatter = plainFormatter(config)
): string {
  const parts: string[] = [];
  const hl = j.shift;
  const ci =
    hl && hl.lower !== undefined && hl.upper !== undefined
      ? `, ${Math.round(t.confidence * 100)} % CI ${signed(format, hl.lower)} to ${signed(format, hl.upper)}`
      : ', too few samples for a confidence interval';
  parts.push(
    `${config.label}: median ${finite(format, j.canaryMedian ?? NaN)} (canary, n=${j.canaryN}) vs ${finite(format, j.baselineMedian ?? NaN)} (baseline, n=${j.baselineN}); ` +
      `shift ${signed(format, hl?.shift ?? NaN)}${ci}; Cliff's δ ${(j.effectSize ?? 0).toFixed(2)} (${j.effectLabel}).`
  );
  const method = j.mannWhitney?.method === 'exact' ? 'exact' : 'normal approximation';
  const pText = `Mann–Whitney (${method}) p = ${formatP(j.pValue ?? 1)}`;
  if (j.outcome === 'pass') {
    const why = notes.significantButSmall
      ? `${pText} < ${t.alpha}, but the difference is too small to matter`
      : `${pText} ≥ ${t.alpha}`;
    parts.push(`${why} — ${verdictWords(j)} (${DIRECTION_WORDS[config.direction]}).`);
  } else {
    parts.push(`${pText} < ${t.alpha} — ${verdictWords(j)} (${DIRECTION_WORDS[config.direction]}).`);
  }
  const w = j.welch;
  if (w && w.ok && w.pValue < t.alpha !== (j.pValue ?? 1) < t.alpha) {
    parts.push(
      `Welch's t-test disagrees (p = ${formatP(w.pValue)}): the means differ ${w.pValue < t.alpha ? 'more' : 'less'} than the typical samples, ` +
        `usually because of a few extreme values.`
    );
  }
  if (j.droppedSamples > 0) {
    parts.push(
      `${j.droppedSamples} missing or non-finite samples were ${config.nanPolicy === 'zero' ? 'counted as 0 or dropped' : 'dropped'}.`
    );
  }
  return parts.join(' ');
}

export function explainCount(
  config: MetricConfig,
  j: MetricJudgement,
  data: CountSamples,
  t: CanaryThresholds
): string {
  const r = j.poisson;
  if (!r) {
    return `${config.label}: not judged.`;
  }
  const counts =
    `${config.label}: canary ${formatCount(j.canaryN)} in ${formatCount(data.canaryExposure)} requests (${formatPercent(r.canaryRate)}) vs ` +
    `baseline ${formatCount(j.baselineN)} in ${formatCount(data.baselineExposure)} requests (${formatPercent(r.baselineRate)}).`;
  if (j.canaryN + j.baselineN === 0) {
    return `${counts} No events in either group — nothing to compare, counted as a pass.`;
  }
  const ratio = Number.isFinite(r.rateRatio) ? `${formatValue(r.rateRatio)}×` : 'from zero';
  const pText = `Exact conditional Poisson test p = ${formatP(r.pValue)}`;
  const cmp = j.outcome === 'pass' ? `≥ ${t.alpha}` : `< ${t.alpha}`;
  return `${counts} Rate ratio ${ratio}. ${pText} ${cmp} — ${verdictWords(j)} (${DIRECTION_WORDS[config.direction]}).`;
}
