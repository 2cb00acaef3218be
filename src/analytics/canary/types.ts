// Types for the canary statistics. Every function returns one of these instead of throwing.
import type { NoDataReason, VerdictReason } from './reasons';

export type Alternative = 'two-sided' | 'less' | 'greater';

/** Why a test could not be run, in words a user can act on. */
export interface NotApplicable {
  ok: false;
  reason: string;
}

export interface MannWhitneyResult {
  ok: true;
  /** U for the first sample (the canary): #(x > y) + ½·#(x = y). */
  u1: number;
  pValue: number;
  method: 'exact' | 'asymptotic';
  /** Why this method (e.g. "ties present, normal approximation with tie correction"). */
  methodReason: string;
  /** Standardised statistic for 'asymptotic', with continuity and tie correction. */
  z?: number;
}

export interface WelchResult {
  ok: true;
  t: number;
  df: number;
  pValue: number;
  meanDifference: number;
}

export interface HodgesLehmannResult {
  ok: true;
  /** Median of all pairwise differences canary − baseline. */
  shift: number;
  confidence: number;
  /** Distribution-free (Moses/Bauer) interval; absent when the samples are too small for it. */
  lower?: number;
  upper?: number;
  /** Order index k of the interval's lower end (1-based); 0 when no interval exists. */
  k: number;
  method: 'exact' | 'asymptotic';
}

export interface PoissonRateResult {
  ok: true;
  pValue: number;
  /** Events per unit exposure. */
  canaryRate: number;
  baselineRate: number;
  /** canaryRate / baselineRate (Infinity when the baseline saw no events). */
  rateRatio: number;
}

export type TestOutcome<T> = T | NotApplicable;

export type Direction = 'increase-is-bad' | 'decrease-is-bad' | 'either';
/** What to do with NaN / null / ±Infinity samples. */
export type NanPolicy = 'drop' | 'zero' | 'reject';

/** One metric to judge. `continuous` metrics are compared as per-step samples (Mann–Whitney);
 *  `count` metrics as event totals over exposure (exact conditional Poisson test); `quantile`
 *  metrics (latency p50/p95/p99) as quantiles of the window's pooled histogram buckets
 *  (order-statistic bounds, pooledQuantile.ts). */
export interface MetricConfig {
  id: string;
  /** Shown in explanations, e.g. "p95 latency". */
  label: string;
  kind: MetricKind;
  /** 'quantile' metrics: which quantile (0 < q < 1), e.g. 0.95. */
  quantile?: number;
  direction: Direction;
  /** A critical metric worse by more than allowed fails the whole canary; without data, or
   *  significantly changed with an interval past the allowed change, it holds the verdict. */
  critical?: boolean;
  /** Without data for this metric there is no verdict (insufficient-data); implied by `critical`. */
  mustHaveData?: boolean;
  nanPolicy?: NanPolicy;
  /** Weight in the score (default 1). */
  weight?: number;
  /** Allowed change: the relative change vs the baseline (0.05 = 5 %; for counts, of the rate)
   *  below which a shift is not relevant. "Worse" needs the whole interval beyond it. Default 0. */
  tolerance?: number;
  /** Minimum samples per group for a continuous metric, requests per group for a quantile (default from thresholds). */
  minSamples?: number;
  /** Unit for explanations, e.g. "s", "%", "bytes". */
  unit?: string;
}

export interface ContinuousSamples {
  canary: ArrayLike<number | null | undefined>;
  baseline: ArrayLike<number | null | undefined>;
}

export interface CountSamples {
  canaryCount: number;
  canaryExposure: number;
  baselineCount: number;
  baselineExposure: number;
}

/** Cumulative bucket counts per group over the whole window (increase per `le`, +Inf included). */
export interface HistogramSamples {
  canaryBuckets: readonly HistogramBucket[];
  baselineBuckets: readonly HistogramBucket[];
}

export type MetricData = ContinuousSamples | CountSamples | HistogramSamples;

export type MetricKind = 'continuous' | 'count' | 'quantile';

export interface CanaryThresholds {
  /** Significance level of each question: one-sided for "worse?" / "better?" (increase- or
   *  decrease-is-bad metrics), two-sided for direction 'either'. Default 0.05. */
  alpha: number;
  /** Score (0–100) at or above which the canary passes. Default 95. */
  passScore: number;
  /** Score at or above which the canary is marginal (below: fail). Default 75. */
  marginalScore: number;
  /** Default minimum samples per group for continuous metrics. Default 10. */
  minSamples: number;
  /** Largest share of the metrics that may go unjudged (no data) before the verdict is a hold. Default 1/3. */
  maxUnjudgedShare: number;
  /** 'no-regression': pass when nothing got worse. 'improvement': also needs one metric
   *  significantly better (Seed §4.2: roll out only with a significant improvement). */
  promoteWhen: 'no-regression' | 'improvement';
}

/** 'high' / 'low': beyond the allowed change (worse or better); 'pass': anything else judged. */
export type MetricOutcome = 'pass' | 'high' | 'low' | 'no-data';

export interface MetricJudgement {
  id: string;
  label: string;
  kind: MetricKind;
  outcome: MetricOutcome;
  /** true when `outcome` is the direction the metric's config calls bad. */
  failed: boolean;
  /** true when significantly better in the metric's good direction. */
  improved: boolean;
  critical: boolean;
  weight: number;
  test: 'mann-whitney' | 'poisson-exact-conditional' | 'order-statistic' | 'none';
  /** p of the test that decided (see decision.deciding for its question and side). */
  pValue?: number;
  /** The practical-significance decision: allowed change, rule, the sided tests. */
  decision?: PracticalDecision;
  /** Why the metric was not judged (outcome 'no-data'). */
  noData?: NoDataReason;
  /** Counts: interval of the canary's rate relative to the baseline's (Clopper–Pearson). */
  rateRatio?: { lower: number; upper: number; confidence: number };
  /** Quantile metrics: both groups' pooled quantiles with their bounds, and the ratio's interval. */
  quantiles?: QuantileComparison;
  canaryMedian?: number;
  baselineMedian?: number;
  canaryN: number;
  baselineN: number;
  shift?: HodgesLehmannResult;
  /** Cliff's δ (= rank-biserial correlation), in [−1, 1], positive when the canary is higher.
   *  A description only: on a very stable series a 1 % shift gives δ near 1. */
  effectSize?: number;
  effectLabel?: 'negligible' | 'small' | 'medium' | 'large';
  welch?: TestOutcome<WelchResult>;
  poisson?: PoissonRateResult;
  /** Samples removed or replaced by the NaN policy. */
  droppedSamples: number;
}

export type Verdict = 'pass' | 'marginal' | 'fail' | 'insufficient-data';

export interface CanaryJudgement {
  verdict: Verdict;
  /** 0–100: weighted share of judged metrics that did not fail. */
  score: number;
  metrics: MetricJudgement[];
  /** Why the verdict is what it is, most important first, as codes with values (explainCodes.ts words them). */
  reasons: VerdictReason[];
  thresholds: CanaryThresholds;
}

/** Request totals of the window: too little canary traffic holds the verdict. */
export interface CanaryTraffic {
  canaryRequests?: number;
  baselineRequests?: number;
  minCanaryRequests: number;
}

export type Decision = 'worse' | 'better' | 'no-relevant-change' | 'inconclusive' | 'not-significant';

/** Which rule decided, for the table and the explanation. */
export type DecisionRule =
  /** The whole one-sided interval lies beyond the allowed change in the bad direction. */
  | 'beyond-allowed'
  /** The whole interval lies beyond the allowed change in the good direction. */
  | 'better-beyond-allowed'
  /** The interval lies inside the allowed change. */
  | 'within-allowed'
  /** Significantly changed in the bad direction, but the interval reaches both sides of the allowed change. */
  | 'significant-uncertain'
  /** No significant change, and the interval is too wide to show it is inside the allowed change. */
  | 'not-significant';

/** The question a test answered; `side` is the alternative on the canary (greater = canary higher). */
export interface SidedTest {
  question: 'worse-than-allowed' | 'within-allowed' | 'better-than-allowed' | 'any-change';
  side: Alternative;
  pValue: number;
  method: 'exact' | 'asymptotic';
}

export interface PracticalDecision {
  decision: Decision;
  rule: DecisionRule;
  /** Allowed change: relative to the baseline (0.05 = 5 %) and in the metric's own units. */
  allowedRelative: number;
  allowedAbsolute: number;
  /** The test whose p-value decided (the table shows it with its side). */
  deciding: SidedTest;
  /** Every test run, for the details. */
  tests: SidedTest[];
}

/** One cumulative bucket: requests with latency ≤ `le` in the window (`le` Infinity for +Inf). */
export interface HistogramBucket {
  le: number;
  count: number;
}

export interface QuantileBounds {
  estimate: number;
  /** One-sided lower / upper confidence bounds, each at its own error `level`. */
  lower: number;
  upper: number;
  level: number;
  n: number;
}

export interface QuantileComparison {
  q: number;
  canary: QuantileBounds;
  baseline: QuantileBounds;
  /** Canary over baseline: the estimate and its interval at `confidence` (two-sided). */
  ratio: { estimate: number; lower: number; upper: number; confidence: number };
}
