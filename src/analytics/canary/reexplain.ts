// The judgement comes back from a worker, where only plain data travels: the page's unit formatting
// (a function) cannot go with it. So the page rewrites the sentences here, on its side, with the
// same formatting as its table.
import { explainContinuous, type ValueFormatter } from './explain';
import type { CanaryJudgement, MetricConfig, MetricJudgement } from './types';

/**
 * The judgement with every judged continuous metric explained through `formatterFor(config)`
 * (undefined keeps the engine's sentence); the verdict's reasons quote the new sentences.
 * Counts are already whole numbers and percentages, and "not judged" sentences carry no values.
 */
export function reexplainJudgement(
  judgement: CanaryJudgement,
  metrics: readonly MetricConfig[],
  formatterFor: (config: MetricConfig) => ValueFormatter | undefined
): CanaryJudgement {
  const t = judgement.thresholds;
  const replaced = new Map<string, string>();
  const reworded = judgement.metrics.map((m): MetricJudgement => {
    const config = metrics.find((c) => c.id === m.id);
    const format = config ? formatterFor(config) : undefined;
    if (!config || !format || m.test !== 'mann-whitney' || m.outcome === 'no-data') {
      return m;
    }
    // As in judgeMetric: a pass with p below α means the shift was significant but too small.
    const significantButSmall = m.outcome === 'pass' && (m.pValue ?? 1) < t.alpha;
    const explanation = explainContinuous(config, m, t, { significantButSmall }, format);
    replaced.set(m.explanation, explanation);
    return { ...m, explanation };
  });
  return {
    ...judgement,
    metrics: reworded,
    reasons: judgement.reasons.map((r) => replaced.get(r) ?? r),
  };
}
