import { sortedMedian } from '../stats/robust';

import { decideCounts, decideQuantiles, decideSamples, rateRatioInterval } from './decision';
import { cliffsDeltaFromU, effectLabel } from './effectSize';
import { exactTiesFeasible } from './exactRankTest';
import { hodgesLehmannSorted } from './hodgesLehmann';
import { poissonRateTest } from './poissonRate';
import { compareQuantiles, poolHistogram } from './pooledQuantile';
import { rankSums } from './ranks';
import type { CanarySide, NoDataReason } from './reasons';
import { countReal, cleanSamples } from './samples';
import type {
  CanaryThresholds,
  ContinuousSamples,
  CountSamples,
  HistogramSamples,
  MetricConfig,
  MetricData,
  MetricJudgement,
  MetricOutcome,
  PracticalDecision,
} from './types';
import { welchTTest } from './welch';

export function isCountData(data: MetricData): data is CountSamples {
  return (data as CountSamples).canaryCount !== undefined;
}

export function isHistogramData(data: MetricData): data is HistogramSamples {
  return (data as HistogramSamples).canaryBuckets !== undefined;
}

function base(config: MetricConfig): Pick<MetricJudgement, 'id' | 'label' | 'kind' | 'critical' | 'weight'> {
  return {
    id: config.id,
    label: config.label,
    kind: config.kind,
    critical: config.critical ?? false,
    weight: config.weight !== undefined && config.weight >= 0 && Number.isFinite(config.weight) ? config.weight : 1,
  };
}

function noData(config: MetricConfig, reason: NoDataReason, canaryN = 0, baselineN = 0, dropped = 0): MetricJudgement {
  return {
    ...base(config),
    outcome: 'no-data',
    failed: false,
    improved: false,
    test: 'none',
    canaryN,
    baselineN,
    droppedSamples: dropped,
    noData: reason,
  };
}

/** 'high' / 'low' for a decision beyond the allowed change, on the side the canary moved. */
function outcomeOf(decision: 'worse' | 'better' | string, badSideIsHigh: boolean): MetricOutcome {
  if (decision === 'worse') {
    return badSideIsHigh ? 'high' : 'low';
  }
  if (decision === 'better') {
    return badSideIsHigh ? 'low' : 'high';
  }
  return 'pass';
}

/** The fields every judged metric shares: outcome, failed / improved and the deciding test. */
function decided(
  config: MetricConfig,
  decision: PracticalDecision,
  test: MetricJudgement['test']
): Pick<
  MetricJudgement,
  'id' | 'label' | 'kind' | 'critical' | 'weight' | 'outcome' | 'failed' | 'improved' | 'test' | 'pValue' | 'decision'
> {
  return {
    ...base(config),
    outcome: outcomeOf(decision.decision, config.direction !== 'decrease-is-bad'),
    failed: decision.decision === 'worse',
    improved: decision.decision === 'better',
    test,
    pValue: decision.deciding.pValue,
    decision,
  };
}

function allowedOf(config: MetricConfig): number {
  const t = config.tolerance;
  return typeof t === 'number' && Number.isFinite(t) && t >= 0 ? t : 0;
}

/** The interval matching the decision's tests: one-sided bounds at α are a (1 − 2α) two-sided interval. */
function intervalConfidence(config: MetricConfig, alpha: number): number {
  return config.direction === 'either' ? 1 - alpha : 1 - 2 * alpha;
}

function side(canaryEmpty: boolean, baselineEmpty: boolean): CanarySide {
  return canaryEmpty && baselineEmpty ? 'both' : canaryEmpty ? 'canary' : 'baseline';
}

function judgeContinuous(config: MetricConfig, data: ContinuousSamples, t: CanaryThresholds): MetricJudgement {
  const policy = config.nanPolicy ?? 'drop';
  const rawCanary = data.canary ?? [];
  const rawBaseline = data.baseline ?? [];
  // A side without a single real value is no data whatever the policy: zero-filling an empty
  // side would invent a perfectly quiet canary.
  const realCanary = countReal(rawCanary);
  const realBaseline = countReal(rawBaseline);
  if (rawCanary.length === 0 && rawBaseline.length === 0) {
    return noData(config, { code: 'no-series' });
  }
  if (realCanary === 0 || realBaseline === 0) {
    const s = side(realCanary === 0, realBaseline === 0);
    const samples =
      s === 'canary' ? rawCanary.length : s === 'baseline' ? rawBaseline.length : rawCanary.length + rawBaseline.length;
    return noData(
      config,
      { code: 'no-real-values', side: s, samples },
      realCanary,
      realBaseline,
      rawCanary.length - realCanary + rawBaseline.length - realBaseline
    );
  }
  const canary = cleanSamples(rawCanary, policy);
  const baseline = cleanSamples(rawBaseline, policy);
  const dropped = canary.changed + baseline.changed;
  if (!canary.ok || !baseline.ok) {
    const s = side(!canary.ok, !baseline.ok);
    const missing = (!canary.ok ? canary.changed : 0) + (!baseline.ok ? baseline.changed : 0);
    const samples = (!canary.ok ? rawCanary.length : 0) + (!baseline.ok ? rawBaseline.length : 0);
    return noData(config, { code: 'rejected-gaps', side: s, missing, samples }, 0, 0, dropped);
  }
  const xs = canary.values;
  const ys = baseline.values;
  const minSamples = Math.max(2, config.minSamples ?? t.minSamples);
  if (xs.length < minSamples || ys.length < minSamples) {
    return noData(
      config,
      { code: 'too-few-samples', canaryN: xs.length, baselineN: ys.length, minSamples },
      xs.length,
      ys.length,
      dropped
    );
  }

  const baselineMedian = sortedMedian(ys);
  const decision = decideSamples(xs, ys, baselineMedian, config.direction, allowedOf(config), t.alpha);
  // The interval uses the exact U distribution where the decision's test was exact without ties.
  const { r1, hasTies } = rankSums(xs, ys);
  const exactInterval = !hasTies && exactTiesFeasible(xs.length, ys.length);
  const hl = hodgesLehmannSorted(xs, ys, intervalConfidence(config, t.alpha), exactInterval);
  if (!hl.ok) {
    return noData(config, { code: 'internal', message: hl.reason }, xs.length, ys.length, dropped);
  }
  const u1 = r1 - (xs.length * (xs.length + 1)) / 2;
  const delta = cliffsDeltaFromU(u1, xs.length, ys.length);
  return {
    ...decided(config, decision, 'mann-whitney'),
    canaryMedian: sortedMedian(xs),
    baselineMedian,
    canaryN: xs.length,
    baselineN: ys.length,
    shift: hl,
    effectSize: delta,
    effectLabel: effectLabel(delta),
    welch: welchTTest(xs, ys),
    droppedSamples: dropped,
  };
}

function judgeCount(config: MetricConfig, data: CountSamples, t: CanaryThresholds): MetricJudgement {
  const { canaryCount, canaryExposure, baselineCount, baselineExposure } = data;
  const finite = [canaryCount, canaryExposure, baselineCount, baselineExposure].every((v) => Number.isFinite(v));
  if (!finite) {
    return noData(config, { code: 'missing-counts' });
  }
  if (!(canaryExposure > 0) || !(baselineExposure > 0)) {
    return noData(config, { code: 'no-traffic', side: side(!(canaryExposure > 0), !(baselineExposure > 0)) });
  }
  // Counts from Prometheus increase() are extrapolated and can be fractional: round to events.
  const c1 = Math.max(0, Math.round(canaryCount));
  const c2 = Math.max(0, Math.round(baselineCount));
  const r = poissonRateTest(c1, canaryExposure, c2, baselineExposure);
  if (!r.ok) {
    return noData(config, { code: 'internal', message: r.reason });
  }
  const decision = decideCounts(c1, canaryExposure, c2, baselineExposure, config.direction, allowedOf(config), t.alpha);
  const confidence = intervalConfidence(config, t.alpha);
  const interval = rateRatioInterval(c1, canaryExposure, c2, baselineExposure, confidence);
  return {
    ...decided(config, decision, 'poisson-exact-conditional'),
    rateRatio: interval ? { ...interval, confidence } : undefined,
    canaryN: c1,
    baselineN: c2,
    poisson: r,
    droppedSamples: 0,
  };
}

/** A quantile of the window's pooled buckets per group (see pooledQuantile.ts for why not per step). */
function judgeQuantile(config: MetricConfig, data: HistogramSamples, t: CanaryThresholds): MetricJudgement {
  const q = config.quantile;
  if (typeof q !== 'number' || !(q > 0 && q < 1)) {
    return noData(config, { code: 'internal', message: `quantile must be between 0 and 1 (got ${String(q)})` });
  }
  const canary = poolHistogram(data.canaryBuckets ?? []);
  const baseline = poolHistogram(data.baselineBuckets ?? []);
  if (!('n' in canary) || !('n' in baseline)) {
    const problem = !('n' in canary) ? canary.problem : !('n' in baseline) ? baseline.problem : 'no-inf-bucket';
    const emptyCanary = (data.canaryBuckets ?? []).length === 0;
    const emptyBaseline = (data.baselineBuckets ?? []).length === 0;
    if (emptyCanary && emptyBaseline) {
      return noData(config, { code: 'no-series' });
    }
    return noData(config, { code: 'bad-histogram', side: side(!('n' in canary), !('n' in baseline)), problem });
  }
  if (canary.n === 0 || baseline.n === 0) {
    return noData(config, { code: 'no-traffic', side: side(canary.n === 0, baseline.n === 0) }, canary.n, baseline.n);
  }
  const minSamples = Math.max(2, config.minSamples ?? t.minSamples);
  if (canary.n < minSamples || baseline.n < minSamples) {
    return noData(
      config,
      { code: 'too-few-samples', canaryN: canary.n, baselineN: baseline.n, minSamples },
      canary.n,
      baseline.n
    );
  }
  const decision = decideQuantiles(canary, baseline, q, config.direction, allowedOf(config), t.alpha);
  const quantiles = compareQuantiles(canary, baseline, q, intervalConfidence(config, t.alpha));
  return {
    ...decided(config, decision, 'order-statistic'),
    quantiles,
    canaryN: canary.n,
    baselineN: baseline.n,
    droppedSamples: 0,
  };
}

/** Judges one metric. Never throws: bad or missing input gives outcome 'no-data' with a reason code. */
export function judgeMetric(
  config: MetricConfig,
  data: MetricData | undefined,
  thresholds: CanaryThresholds
): MetricJudgement {
  try {
    if (!data) {
      return noData(config, { code: 'no-series' });
    }
    if (config.kind === 'count') {
      return isCountData(data)
        ? judgeCount(config, data, thresholds)
        : noData(config, { code: 'wrong-kind', expected: 'counts' });
    }
    if (config.kind === 'quantile') {
      return isHistogramData(data)
        ? judgeQuantile(config, data, thresholds)
        : noData(config, { code: 'wrong-kind', expected: 'buckets' });
    }
    return isCountData(data) || isHistogramData(data)
      ? noData(config, { code: 'wrong-kind', expected: 'samples' })
      : judgeContinuous(config, data, thresholds);
  } catch (e) {
    // Defensive: a bug here must cost one metric its verdict, not the page.
    return noData(config, { code: 'internal', message: e instanceof Error ? e.message : String(e) });
  }
}
