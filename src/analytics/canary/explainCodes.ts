// Sentences from the judgement's codes and values. The page passes Grafana's unit formatting, the
// command line plain numbers; the engine itself never stores a sentence. Plain text only.
import { formatCount, formatP, formatPercent, formatValue } from '../stats/format';


import type { NoDataReason, VerdictReason } from './reasons';
import type { CanaryThresholds, DecisionRule, MetricJudgement, SidedTest } from './types';

/** Formats one value of a metric with its unit ("207 ms", "0.629 %"). */
export type ValueFormatter = (value: number) => string;

const list = (names: readonly string[]) => names.join(', ');
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const pct = (ratio: number) => `${Number((ratio * 100).toPrecision(3))} %`;
const signedPct = (ratio: number) => (ratio > 0 ? `+${pct(ratio)}` : pct(ratio));
// Exposure can be tiny (a fraction of a request): say so rather than print "Infinity %".
const rate = (r: number) => (Number.isFinite(r * 100) ? formatPercent(r) : 'rate not finite: almost no traffic');

export function describeNoData(r: NoDataReason): string {
  switch (r.code) {
    case 'no-series':
      return 'no data was returned for either group';
    case 'no-real-values':
      return `${r.side === 'both' ? 'both groups' : `the ${r.side}`} ${r.side === 'both' ? 'have' : 'has'} no real value (${r.samples} samples, all missing or NaN) — filling gaps cannot stand in for data`;
    case 'rejected-gaps':
      return `${r.missing} of ${r.samples} ${r.side} samples are missing, and this metric rejects gaps`;
    case 'too-few-samples':
      return `canary has ${r.canaryN} and baseline ${r.baselineN} usable samples; at least ${r.minSamples} per group are needed`;
    case 'no-traffic':
      return `the ${r.side === 'both' ? 'canary and the baseline' : r.side} received no traffic in the window`;
    case 'missing-counts':
      return 'event counts or traffic are missing';
    case 'wrong-kind':
      return r.expected === 'counts'
        ? 'expected event counts with traffic'
        : r.expected === 'buckets'
          ? 'expected histogram bucket counts over the window'
          : 'expected per-step samples';
    case 'bad-histogram':
      return `the ${r.side === 'both' ? 'canary and baseline histograms have' : `${r.side} histogram has`} ${r.problem === 'no-inf-bucket' ? 'no +Inf bucket (the request total)' : 'no finite bucket bound'}`;
    case 'internal':
      return `internal error: ${r.message}`;
  }
}

const RULE_WORDS: Record<DecisionRule, string> = {
  'beyond-allowed': 'worse: the interval lies beyond the allowed change',
  'better-beyond-allowed': 'better: the interval lies beyond the allowed change on the good side',
  'within-allowed': 'no relevant change: the interval lies inside the allowed change',
  'significant-uncertain': 'inconclusive: significantly changed, but the interval reaches past the allowed change',
  'not-significant': 'no significant change',
};

/** "Mann–Whitney, exact, one-sided (canary higher)": which test and which side. */
export function describeTest(kind: MetricJudgement['kind'], t: SidedTest): string {
  const name =
    kind === 'count'
      ? 'exact conditional Poisson test'
      : kind === 'quantile'
        ? 'order-statistic bounds on pooled buckets'
        : `Mann–Whitney (${t.method === 'exact' ? 'exact' : 'normal approximation'})`;
  const side = t.side === 'two-sided' ? 'two-sided' : `one-sided, canary ${t.side === 'greater' ? 'higher' : 'lower'}`;
  return `${name}, ${side}`;
}

const QUESTION_WORDS: Record<SidedTest['question'], string> = {
  'worse-than-allowed': 'worse by more than allowed?',
  'within-allowed': 'inside the allowed change?',
  'better-than-allowed': 'better by more than allowed?',
  'any-change': 'changed at all?',
};

/** The allowed change as the table shows it: "±5 %" for samples (relative to the baseline), "rate ×1.1" for counts. */
export function describeAllowed(j: MetricJudgement, format: ValueFormatter): string {
  const d = j.decision;
  if (!d) {
    return '–';
  }
  if (j.kind === 'count') {
    return `rate ≤ ×${Number((1 + d.allowedRelative).toPrecision(3))}`;
  }
  return `${pct(d.allowedRelative)} (${format(d.allowedAbsolute)})`;
}

/** The interval the decision rests on, e.g. "+12 ms to +31 ms (90 %)" or "rate ×1.2 to ×∞ (90 %)". */
export function describeInterval(j: MetricJudgement, format: ValueFormatter): string {
  // Differences of values near ±1.8e308 overflow: show the infinity symbol, never "Infinity".
  const signed = (v: number) => (!Number.isFinite(v) ? (v > 0 ? '+∞' : '−∞') : v > 0 ? `+${format(v)}` : format(v));
  if (j.kind === 'count') {
    const r = j.rateRatio;
    if (!r) {
      return '–';
    }
    const ratio = (v: number) => (Number.isFinite(v) ? `×${Number(v.toPrecision(3))}` : '×∞');
    return `rate ${ratio(r.lower)} to ${ratio(r.upper)} (${Math.round(r.confidence * 100)} %)`;
  }
  if (j.kind === 'quantile') {
    const r = j.quantiles?.ratio;
    // The ratio's interval as a change relative to the baseline: "−8 % to +35 % (90 %)".
    const change = (v: number) => (Number.isFinite(v) ? signedPct(v - 1) : '+∞');
    return r ? `${change(r.lower)} to ${change(r.upper)} (${Math.round(r.confidence * 100)} %)` : '–';
  }
  const hl = j.shift;
  if (!hl) {
    return '–';
  }
  if (hl.lower === undefined || hl.upper === undefined) {
    return `${signed(hl.shift)} (too few samples for an interval)`;
  }
  return `${signed(hl.lower)} to ${signed(hl.upper)} (${Math.round(hl.confidence * 100)} %)`;
}

/** ", shift +12 %" relative to the baseline's median (or quantile), when that ratio means something. */
function relativeShift(j: MetricJudgement): string {
  const ratio =
    j.kind === 'quantile'
      ? (j.quantiles?.ratio.estimate ?? NaN) - 1
      : (j.shift?.shift ?? NaN) / Math.abs(j.baselineMedian ?? NaN);
  // A finite ratio can still overflow as a percentage (1e308 against a baseline of −0.75).
  return Number.isFinite(ratio * 100) ? `, shift ${signedPct(ratio)}` : '';
}

/**
 * The value a group shows in the table: the pooled quantile for a quantile metric, the median of
 * the per-step samples otherwise (counts show events, see the callers).
 */
export function groupValue(j: MetricJudgement, group: 'canary' | 'baseline'): number | undefined {
  if (j.kind === 'quantile') {
    return j.quantiles?.[group].estimate;
  }
  return group === 'canary' ? j.canaryMedian : j.baselineMedian;
}

function describeValues(j: MetricJudgement, format: ValueFormatter): string {
  if (j.kind === 'count' && j.poisson) {
    return `canary ${formatCount(j.canaryN)} events (${rate(j.poisson.canaryRate)}) vs baseline ${formatCount(j.baselineN)} (${rate(j.poisson.baselineRate)})`;
  }
  const what = j.kind === 'quantile' ? `pooled p${Number(((j.quantiles?.q ?? NaN) * 100).toPrecision(3))}` : 'median';
  const unit = j.kind === 'quantile' ? ' requests' : '';
  return (
    `${what} ${format(groupValue(j, 'canary') ?? NaN)} (canary, n=${j.canaryN}${unit}) vs ${format(groupValue(j, 'baseline') ?? NaN)} (baseline, n=${j.baselineN}${unit})` +
    relativeShift(j)
  );
}

/** One or two sentences per metric: values, interval against the allowed change, the rule that fired. */
export function explainMetric(
  j: MetricJudgement,
  t: CanaryThresholds,
  format: ValueFormatter = (v) => formatValue(v)
): string {
  if (j.outcome === 'no-data' || !j.decision) {
    const why = j.noData ? describeNoData(j.noData) : 'not judged';
    const consequence = j.critical
      ? ' It is critical, so the canary cannot be promoted without it.'
      : ' Not counted in the score.';
    return `${j.label}: not judged — ${why}.${consequence}`;
  }
  const d = j.decision;
  const values = describeValues(j, format);
  const test = `${describeTest(j.kind, d.deciding)} — ${QUESTION_WORDS[d.deciding.question]} p = ${formatP(d.deciding.pValue)} (α = ${t.alpha})`;
  const description = j.effectLabel
    ? ` Cliff's δ ${(j.effectSize ?? 0).toFixed(2)} (${j.effectLabel}; a description, not the gate).`
    : '';
  // The means can tell a different story than the ranks: a few extreme values move only the mean.
  const w = j.welch;
  const welch =
    w && w.ok && w.pValue < t.alpha && (d.decision === 'not-significant' || d.decision === 'no-relevant-change')
      ? ` Welch's t-test on the means disagrees (p = ${formatP(w.pValue)}): a few extreme values move the mean, not the typical sample.`
      : '';
  const dropped =
    j.droppedSamples > 0
      ? ` ${j.droppedSamples} missing or non-finite samples were dropped or filled by the metric's gap policy.`
      : '';
  return (
    `${j.label}: ${values}; interval ${describeInterval(j, format)}, allowed ${describeAllowed(j, format)}. ` +
    `${test}: ${RULE_WORDS[d.rule]}.${description}${welch}${dropped}`
  );
}

export function explainVerdictReason(
  r: VerdictReason,
  metrics: readonly MetricJudgement[],
  t: CanaryThresholds,
  format?: (j: MetricJudgement) => ValueFormatter
): string {
  switch (r.code) {
    case 'no-metrics':
      return 'No metrics are configured.';
    case 'critical-worse':
      return `Critical ${plural(r.metrics.length, 'metric', 'metrics')} worse by more than allowed: ${list(r.metrics)}.`;
    case 'critical-no-data':
      return `Not enough data for ${list(r.metrics)} (critical): hold until there is; missing data is never a pass.`;
    case 'too-many-unjudged':
      return `${r.metrics.length} of ${r.total} metrics could not be judged (${list(r.metrics)}), more than the allowed share of ${pct(r.maxShare)}.`;
    case 'too-little-traffic':
      return `The canary served ${formatCount(r.canaryRequests)} requests in the window; at least ${formatCount(r.minRequests)} are needed for a verdict.`;
    case 'critical-inconclusive':
      return `Cannot rule out a relevant regression of ${list(r.metrics)} (critical): significantly changed, and the interval reaches past the allowed change. Wait for more data.`;
    case 'score-pass':
      return r.despite.length === 0
        ? `No metric worse by more than allowed (score ${r.score.toFixed(0)} ≥ ${r.passScore}).`
        : `Score ${r.score.toFixed(0)} ≥ ${r.passScore} despite: ${list(r.despite)}.`;
    case 'needs-improvement':
      return 'Nothing got worse, but no metric improved by more than its allowed change, and promotion requires an improvement.';
    case 'improved':
      return `Improved: ${list(r.metrics)}.`;
    case 'score-marginal':
      return `Score ${r.score.toFixed(0)} is between ${r.marginalScore} and ${r.passScore}: worse on ${list(r.worse)}.`;
    case 'score-fail':
      return `Score ${r.score.toFixed(0)} < ${r.marginalScore}: worse on ${list(r.worse)}.`;
    case 'metric-worse': {
      const j = metrics.find((m) => m.id === r.metric);
      return j ? explainMetric(j, t, format?.(j)) : `${r.metric} got worse.`;
    }
    case 'not-judged':
      return `Not judged (no data): ${list(r.metrics)}.`;
  }
}
