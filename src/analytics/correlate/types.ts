// What the bottleneck finder ("what moves with latency") is asked and answers. Plain data: it crosses
// the Worker boundary.

/** A series on a time grid (Unix ms); missing points are NaN or simply absent. */
export interface TimedValues {
  timestamps: number[];
  values: number[];
}

/** The series the candidates are ranked against. */
export type FinderTarget = 'p95' | 'error-ratio';

export interface CandidateSignal extends TimedValues {
  /** Stable id (the page uses it to scroll to the chart). */
  id: string;
  /** Whose signal: a pod, a node, a database, a called service ("checkout-1", "node-2"). */
  subject: string;
  /** What it measures, lower case, reads after a possessive ("CPU throttling", "I/O wait"). */
  signal: string;
}

export interface BottleneckRequest {
  id: string;
  target: FinderTarget;
  series: TimedValues;
  /** The service's request rate: what it explains is taken out of both sides (see rankAssociation.ts). */
  traffic?: TimedValues;
  candidates: CandidateSignal[];
  /** Lags tried, in steps, both directions (default 3: −3 … +3). Every lag counts as a test. */
  maxLag?: number;
  /** Family-wise error rate of the whole ranking (Holm over signals × lags), default 0.05. */
  alpha?: number;
  /** Share of the worst target intervals whose signal level is compared with the baseline (default 0.05). */
  worstShare?: number;
  /** Smallest |ρ| worth a line even when significant (default 0.3): with thousands of points tiny ρ pass. */
  minAbsRho?: number;
}

export interface SignalAssociation {
  id: string;
  subject: string;
  signal: string;
  /** Spearman ρ at the best lag (partial on traffic when `controlledForTraffic`). */
  rho: number;
  /** Steps; positive: the signal moves first (its value at t − lag goes with the target at t). */
  lag: number;
  n: number;
  nEffective: number;
  pValue: number;
  /** Holm-adjusted over every signal × lag tried. */
  pAdjusted: number;
  /** Mean signal level during the worst target intervals (at the best lag). */
  worstLevel: number;
  /** Median signal level during the other intervals. */
  baselineLevel: number;
  /** worstLevel / baselineLevel; null when the baseline is 0 or negative (no meaningful ratio). */
  ratio: number | null;
  /** Clears the bar: pAdjusted ≤ alpha and |ρ| ≥ minAbsRho. */
  significant: boolean;
}

export type SkipReason = 'flat' | 'too-few-points';

export interface BottleneckFindings {
  ok: true;
  id: string;
  target: FinderTarget;
  /** Median step of the target series, ms. */
  stepMs: number;
  /** Aligned target points. */
  points: number;
  /**
   * Signals that cleared the bar, strongest first: by |ρ| to the nearest tenth, then by how far the
   * level moved during the worst intervals (|log ratio|). Empty means: show nothing.
   */
  ranked: SignalAssociation[];
  /** When nothing cleared the bar: the closest candidate, for the "weak evidence" state. */
  strongest?: SignalAssociation;
  /** Signals that could not be tested, and why. */
  skipped: Array<{ id: string; subject: string; signal: string; reason: SkipReason }>;
  /** Signals tested and tests run (signals × lags): the size of the correction. */
  signals: number;
  tests: number;
  alpha: number;
  worstShare: number;
  minAbsRho: number;
  controlledForTraffic: boolean;
}

export interface BottleneckFailure {
  ok: false;
  id: string;
  /** Plain words on what to do ("widen the range"). */
  reason: string;
}

export type BottleneckOutcome = BottleneckFindings | BottleneckFailure;
