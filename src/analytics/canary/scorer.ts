import { judgeMetric } from './judgeMetric';
import type { VerdictReason } from './reasons';
import { resolveThresholds } from './thresholds';
import type {
  CanaryJudgement,
  CanaryThresholds,
  CanaryTraffic,
  MetricConfig,
  MetricData,
  MetricJudgement,
  Verdict,
} from './types';

function scoreOf(judged: MetricJudgement[]): number {
  let total = 0;
  let good = 0;
  for (const j of judged) {
    total += j.weight;
    good += j.failed ? 0 : j.weight;
  }
  return total > 0 ? (100 * good) / total : 0;
}

const labels = (js: readonly MetricJudgement[]) => js.map((j) => j.label);

/**
 * Judges every metric and combines them, Kayenta-style, with the rules that keep missing evidence
 * from passing: a critical metric worse by more than allowed rolls the canary back; a critical
 * metric without data, too many unjudged metrics, too little canary traffic or a critical metric
 * whose regression may exceed the allowed change hold it; otherwise the score (the weighted share
 * of judged metrics not worse) decides.
 */
export function judgeCanary(
  metrics: MetricConfig[],
  data: Record<string, MetricData | undefined>,
  thresholdsIn: Partial<CanaryThresholds> = {},
  traffic?: CanaryTraffic
): CanaryJudgement {
  const thresholds = resolveThresholds(thresholdsIn);
  const results = metrics.map((m) => judgeMetric(m, data[m.id], thresholds));
  const judged = results.filter((j) => j.outcome !== 'no-data');
  const unjudged = results.filter((j) => j.outcome === 'no-data');
  const score = scoreOf(judged);
  const failed = judged.filter((j) => j.failed);
  const failedCritical = failed.filter((j) => j.critical);
  const mustHave = (j: MetricJudgement) => j.critical || metrics.find((m) => m.id === j.id)?.mustHaveData === true;
  const missingCritical = unjudged.filter(mustHave);
  const inconclusiveCritical = judged.filter((j) => j.critical && j.decision?.decision === 'inconclusive');
  const reasons: VerdictReason[] = [];
  let verdict: Verdict;

  if (failedCritical.length > 0) {
    verdict = 'fail';
    reasons.push({ code: 'critical-worse', metrics: labels(failedCritical) });
  } else if (results.length === 0) {
    verdict = 'insufficient-data';
    reasons.push({ code: 'no-metrics' });
  } else if (missingCritical.length > 0) {
    verdict = 'insufficient-data';
    reasons.push({ code: 'critical-no-data', metrics: labels(missingCritical) });
  } else if (judged.length === 0 || unjudged.length / results.length > thresholds.maxUnjudgedShare) {
    verdict = 'insufficient-data';
    reasons.push({
      code: 'too-many-unjudged',
      metrics: labels(unjudged),
      total: results.length,
      maxShare: thresholds.maxUnjudgedShare,
    });
  } else if (traffic && (traffic.canaryRequests ?? 0) < traffic.minCanaryRequests) {
    verdict = 'insufficient-data';
    reasons.push({
      code: 'too-little-traffic',
      canaryRequests: traffic.canaryRequests ?? 0,
      minRequests: traffic.minCanaryRequests,
    });
  } else if (score < thresholds.marginalScore) {
    verdict = 'fail';
    reasons.push({ code: 'score-fail', score, marginalScore: thresholds.marginalScore, worse: labels(failed) });
  } else if (inconclusiveCritical.length > 0) {
    verdict = 'marginal';
    reasons.push({ code: 'critical-inconclusive', metrics: labels(inconclusiveCritical) });
  } else if (score < thresholds.passScore) {
    verdict = 'marginal';
    reasons.push({
      code: 'score-marginal',
      score,
      marginalScore: thresholds.marginalScore,
      passScore: thresholds.passScore,
      worse: labels(failed),
    });
  } else {
    const improved = judged.filter((j) => j.improved);
    if (thresholds.promoteWhen === 'improvement' && improved.length === 0) {
      verdict = 'marginal';
      reasons.push({ code: 'needs-improvement' });
    } else {
      verdict = 'pass';
      reasons.push({ code: 'score-pass', score, passScore: thresholds.passScore, despite: labels(failed) });
      if (improved.length > 0) {
        reasons.push({ code: 'improved', metrics: labels(improved) });
      }
    }
  }
  for (const j of failed) {
    reasons.push({ code: 'metric-worse', metric: j.id });
  }
  if (unjudged.length > 0 && verdict !== 'insufficient-data') {
    reasons.push({ code: 'not-judged', metrics: labels(unjudged) });
  }
  return { verdict, score, metrics: results, reasons, thresholds };
}
