import { judgeMetric } from './judgeMetric';
import { resolveThresholds } from './thresholds';
import type { CanaryJudgement, CanaryThresholds, MetricConfig, MetricData, MetricJudgement, Verdict } from './types';

function scoreOf(judged: MetricJudgement[]): number {
  let total = 0;
  let good = 0;
  for (const j of judged) {
    total += j.weight;
    good += j.failed ? 0 : j.weight;
  }
  return total > 0 ? (100 * good) / total : 0;
}

/**
 * Judges every metric and combines them, Kayenta-style: the score is the weighted share of judged
 * metrics that did not get worse; a critical metric that got worse fails the canary outright;
 * a must-have metric without data means no verdict yet.
 */
export function judgeCanary(
  metrics: MetricConfig[],
  data: Record<string, MetricData | undefined>,
  thresholdsIn: Partial<CanaryThresholds> = {}
): CanaryJudgement {
  const thresholds = resolveThresholds(thresholdsIn);
  const results = metrics.map((m) => judgeMetric(m, data[m.id], thresholds));
  const judged = results.filter((j) => j.outcome !== 'no-data');
  const score = scoreOf(judged);
  const failedCritical = judged.filter((j) => j.failed && j.critical);
  const failed = judged.filter((j) => j.failed);
  const missingMust = results.filter(
    (j) => j.outcome === 'no-data' && metrics.find((m) => m.id === j.id)?.mustHaveData
  );
  const reasons: string[] = [];
  let verdict: Verdict;

  if (failedCritical.length > 0) {
    verdict = 'fail';
    reasons.push(
      `Critical metric${failedCritical.length > 1 ? 's' : ''} got worse: ${failedCritical.map((j) => j.label).join(', ')}.`
    );
  } else if (results.length === 0) {
    verdict = 'insufficient-data';
    reasons.push('No metrics are configured.');
  } else if (missingMust.length > 0 || judged.length === 0) {
    verdict = 'insufficient-data';
    const names = (missingMust.length > 0 ? missingMust : results).map((j) => j.label).join(', ');
    reasons.push(`Not enough data to judge ${names}; wait for more canary traffic or widen the window.`);
  } else if (score >= thresholds.passScore) {
    const improved = judged.filter((j) => j.improved);
    if (thresholds.promoteWhen === 'improvement' && improved.length === 0) {
      verdict = 'marginal';
      reasons.push('Nothing got worse, but no metric improved significantly, and promotion requires an improvement.');
    } else {
      verdict = 'pass';
      reasons.push(
        failed.length === 0
          ? `No metric got worse (score ${score.toFixed(0)} ≥ ${thresholds.passScore}).`
          : `Score ${score.toFixed(0)} ≥ ${thresholds.passScore} despite: ${failed.map((j) => j.label).join(', ')}.`
      );
      if (improved.length > 0) {
        reasons.push(`Improved: ${improved.map((j) => j.label).join(', ')}.`);
      }
    }
  } else if (score >= thresholds.marginalScore) {
    verdict = 'marginal';
    reasons.push(
      `Score ${score.toFixed(0)} is between ${thresholds.marginalScore} and ${thresholds.passScore}: worse on ${failed.map((j) => j.label).join(', ')}.`
    );
  } else {
    verdict = 'fail';
    reasons.push(
      `Score ${score.toFixed(0)} < ${thresholds.marginalScore}: worse on ${failed.map((j) => j.label).join(', ')}.`
    );
  }
  for (const j of failed) {
    reasons.push(j.explanation);
  }
  const skipped = results.filter((j) => j.outcome === 'no-data');
  if (skipped.length > 0 && verdict !== 'insufficient-data') {
    reasons.push(`Not judged (no data): ${skipped.map((j) => j.label).join(', ')}.`);
  }
  return { verdict, score, metrics: results, reasons, thresholds };
}
