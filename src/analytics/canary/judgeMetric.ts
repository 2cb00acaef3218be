import { sortedMedian } from '../stats/robust';

import { cliffsDeltaFromU, effectLabel } from './effectSize';
import { explainContinuous, explainCount, explainNoData } from './explain';
import { hodgesLehmannSorted } from './hodgesLehmann';
import { mannWhitneySorted } from './mannWhitney';
import { poissonRateTest } from './poissonRate';
import { cleanSamples } from './samples';
import type {
  CanaryThresholds,
  ContinuousSamples,
  CountSamples,
  MetricConfig,
  MetricData,
  MetricJudgement,
  MetricOutcome,
} from './types';
import { welchTTest } from './welch';

export function isCountData(data: MetricData): data is CountSamples {
  return (data as CountSamples).canaryCount !== undefined;
}

/** Whether an outcome is the direction this metric calls bad / good. */
function classify(config: MetricConfig, outcome: MetricOutcome): { failed: boolean; improved: boolean } {
  if (outcome !== 'high' && outcome !== 'low') {
    return { failed: false, improved: false };
  }
  switch (config.direction) {
    case 'increase-is-bad':
      return { failed: outcome === 'high', improved: outcome === 'low' };
    case 'decrease-is-bad':
      return { failed: outcome === 'low', improved: outcome === 'high' };
    default:
      return { failed: true, improved: false };
  }
}

function base(
  config: MetricConfig
): Omit<
  MetricJudgement,
  'outcome' | 'failed' | 'improved' | 'test' | 'canaryN' | 'baselineN' | 'droppedSamples' | 'explanation'
> {
  return {
    id: config.id,
    label: config.label,
    kind: config.kind,
    critical: config.critical ?? false,
    weight: config.weight !== undefined && config.weight >= 0 && Number.isFinite(config.weight) ? config.weight : 1,
  };
}

function noData(
  config: MetricConfig,
  reason: string,
  canaryN: number,
  baselineN: number,
  dropped: number
): MetricJudgement {
  return {
    ...base(config),
    outcome: 'no-data',
    failed: false,
    improved: false,
    test: 'none',
    canaryN,
    baselineN,
    droppedSamples: dropped,
    explanation: explainNoData(config, reason),
  };
}

function judgeContinuous(config: MetricConfig, data: ContinuousSamples, t: CanaryThresholds): MetricJudgement {
  const policy = config.nanPolicy ?? 'drop';
  const canary = cleanSamples(data.canary ?? [], policy);
  const baseline = cleanSamples(data.baseline ?? [], policy);
  const dropped = canary.changed + baseline.changed;
  if (!canary.ok || !baseline.ok) {
    const why = !canary.ok ? `canary: ${canary.reason}` : `baseline: ${(baseline as { reason: string }).reason}`;
    return noData(config, why, 0, 0, dropped);
  }
  const xs = canary.values;
  const ys = baseline.values;
  const minSamples = Math.max(2, config.minSamples ?? t.minSamples);
  if (xs.length < minSamples || ys.length < minSamples) {
    const missing = [
      xs.length < minSamples ? `canary has ${xs.length}` : '',
      ys.length < minSamples ? `baseline has ${ys.length}` : '',
    ].filter(Boolean);
    return noData(
      config,
      `${missing.join(' and ')} usable samples, at least ${minSamples} needed`,
      xs.length,
      ys.length,
      dropped
    );
  }

  const mw = mannWhitneySorted(xs, ys);
  const hl = hodgesLehmannSorted(xs, ys, t.confidence, mw.ok && mw.method === 'exact');
  if (!mw.ok || !hl.ok) {
    return noData(config, !mw.ok ? mw.reason : (hl as { reason: string }).reason, xs.length, ys.length, dropped);
  }
  const welch = welchTTest(xs, ys);
  const delta = cliffsDeltaFromU(mw.u1, xs.length, ys.length);
  const canaryMedian = sortedMedian(xs);
  const baselineMedian = sortedMedian(ys);
  const tolerance = config.tolerance ?? 0;
  const beyondTolerance = tolerance > 0 ? Math.abs(hl.shift) > tolerance * Math.abs(baselineMedian) : true;
  const significant = mw.pValue < t.alpha && Math.abs(delta) >= t.minEffect && beyondTolerance;
  const outcome: MetricOutcome = significant ? (delta > 0 ? 'high' : 'low') : 'pass';
  const judged: MetricJudgement = {
    ...base(config),
    outcome,
    ...classify(config, outcome),
    test: 'mann-whitney',
    pValue: mw.pValue,
    canaryMedian,
    baselineMedian,
    canaryN: xs.length,
    baselineN: ys.length,
    shift: hl,
    effectSize: delta,
    effectLabel: effectLabel(delta),
    mannWhitney: mw,
    welch,
    droppedSamples: dropped,
    explanation: '',
  };
  judged.explanation = explainContinuous(config, judged, t, {
    significantButSmall: mw.pValue < t.alpha && !significant,
  });
  return judged;
}

function judgeCount(config: MetricConfig, data: CountSamples, t: CanaryThresholds): MetricJudgement {
  const { canaryCount, canaryExposure, baselineCount, baselineExposure } = data;
  const finite = [canaryCount, canaryExposure, baselineCount, baselineExposure].every((v) => Number.isFinite(v));
  if (!finite) {
    return noData(config, 'event counts or traffic are missing', 0, 0, 0);
  }
  if (!(canaryExposure > 0)) {
    return noData(config, 'the canary received no traffic in the window', 0, 0, 0);
  }
  if (!(baselineExposure > 0)) {
    return noData(config, 'the baseline received no traffic in the window', 0, 0, 0);
  }
  // Counts from Prometheus increase() are extrapolated and can be fractional: round to events.
  const c1 = Math.max(0, Math.round(canaryCount));
  const c2 = Math.max(0, Math.round(baselineCount));
  const r = poissonRateTest(c1, canaryExposure, c2, baselineExposure);
  if (!r.ok) {
    return noData(config, r.reason, 0, 0, 0);
  }
  const tolerance = config.tolerance ?? 0;
  const relative = r.baselineRate === 0 ? (r.canaryRate === 0 ? 0 : Infinity) : r.canaryRate / r.baselineRate - 1;
  const significant = r.pValue < t.alpha && (tolerance > 0 ? Math.abs(relative) > tolerance : true);
  const outcome: MetricOutcome = significant ? (r.canaryRate > r.baselineRate ? 'high' : 'low') : 'pass';
  const judged: MetricJudgement = {
    ...base(config),
    outcome,
    ...classify(config, outcome),
    test: 'poisson-exact-conditional',
    pValue: r.pValue,
    canaryN: c1,
    baselineN: c2,
    poisson: r,
    droppedSamples: 0,
    explanation: '',
  };
  judged.explanation = explainCount(config, judged, data, t);
  return judged;
}

/** Judges one metric. Never throws: bad or missing input gives outcome 'no-data' with a reason. */
export function judgeMetric(
  config: MetricConfig,
  data: MetricData | undefined,
  thresholds: CanaryThresholds
): MetricJudgement {
  try {
    if (!data) {
      return noData(config, 'no data was returned for either group', 0, 0, 0);
    }
    if (config.kind === 'count') {
      return isCountData(data)
        ? judgeCount(config, data, thresholds)
        : noData(config, 'expected event counts with traffic', 0, 0, 0);
    }
    return isCountData(data)
      ? noData(config, 'expected per-step samples, got counts', 0, 0, 0)
      : judgeContinuous(config, data, thresholds);
  } catch (e) {
    // Defensive: a bug here must cost one metric its verdict, not the page.
    return noData(config, `internal error: ${e instanceof Error ? e.message : String(e)}`, 0, 0, 0);
  }
}
