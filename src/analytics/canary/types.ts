// Types for the canary statistics. Every function returns one of these instead of throwing.

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
 *  `count` metrics as event totals over exposure (exact conditional Poisson test). */
export interface MetricConfig {
  id: string;
  /** Shown in explanations, e.g. "p95 latency". */
  label: string;
  kind: 'continuous' | 'count';
  direction: Direction;
  /** A failing critical metric fails the whole canary. */
  critical?: boolean;
  /** Without data for this metric there is no verdict (insufficient-data). */
  mustHaveData?: boolean;
  nanPolicy?: NanPolicy;
  /** Weight in the score (default 1). */
  weight?: number;
  /** Relative change (vs the baseline) that is tolerated even when significant. Default 0. */
  tolerance?: number;
  /** Minimum samples per group for a continuous metric (default from thresholds). */
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

export type MetricData = ContinuousSamples | CountSamples;

export interface CanaryThresholds {
  /** Significance level for each metric's two-sided test. Default 0.05. */
  alpha: number;
  /** Score (0–100) at or above which the canary passes. Default 95. */
  passScore: number;
  /** Score at or above which the canary is marginal (below: fail). Default 75. */
  marginalScore: number;
  /** Default minimum samples per group for continuous metrics. Default 10. */
  minSamples: number;
  /** Cliff's |δ| below this is treated as negligible even if significant. Default 0.147. */
  minEffect: number;
  /** Confidence level of the shift interval. Default 0.95. */
  confidence: number;
  /** 'no-regression': pass when nothing got worse. 'improvement': also needs one metric
   *  significantly better (Seed §4.2: roll out only with a significant improvement). */
  promoteWhen: 'no-regression' | 'improvement';
}

export type MetricOutcome = 'pass' | 'high' | 'low' | 'no-data';

export interface MetricJudgement {
  id: string;
  label: string;
  kind: 'continuous' | 'count';
  outcome: MetricOutcome;
  /** true when `outcome` is the direction the metric's config calls bad. */
  failed: boolean;
  /** true when significantly better in the metric's good direction. */
  improved: boolean;
  critical: boolean;
  weight: number;
  test: 'mann-whitney' | 'poisson-exact-conditional' | 'none';
  pValue?: number;
  canaryMedian?: number;
  baselineMedian?: number;
  canaryN: number;
  baselineN: number;
  shift?: HodgesLehmannResult;
  /** Cliff's δ (= rank-biserial correlation), in [−1, 1], positive when the canary is higher. */
  effectSize?: number;
  effectLabel?: 'negligible' | 'small' | 'medium' | 'large';
  mannWhitney?: MannWhitneyResult;
  welch?: TestOutcome<WelchResult>;
  poisson?: PoissonRateResult;
  /** Samples removed or replaced by the NaN policy. */
  droppedSamples: number;
  /** One or two plain sentences: what was compared, what the test says, what it means. */
  explanation: string;
}

export type Verdict = 'pass' | 'marginal' | 'fail' | 'insufficient-data';

export interface CanaryJudgement {
  verdict: Verdict;
  /** 0–100: weighted share of judged metrics that did not fail. */
  score: number;
  metrics: MetricJudgement[];
  /** Plain-language reasons for the verdict, most important first. */
  reasons: string[];
  thresholds: CanaryThresholds;
}
