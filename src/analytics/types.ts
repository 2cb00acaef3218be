// The engine's public contract. Pages and the forecast panel depend only on these types and on
// `index.ts` / `pool.ts`; everything else in src/analytics is an implementation detail.
// No React, no @grafana/* imports anywhere in src/analytics: it must run in plain Node and in a Worker.

/** A raw series as it comes out of a data frame. Timestamps in epoch milliseconds. */
export interface SeriesInput {
  timestamps: ArrayLike<number>;
  values: ArrayLike<number | null | undefined>;
}

/** What preparation did to the input, so the UI can say it. */
export interface PreparationReport {
  inputPoints: number;
  /** Points after regularisation to `stepMs`. */
  outputPoints: number;
  stepMs: number;
  droppedNonFinite: number;
  mergedDuplicates: number;
  reordered: boolean;
  /** Points filled by imputation (gaps). */
  imputed: number;
  /** Points dropped to honour the training window / resolution target. */
  downsampledFrom?: number;
  /** Points before the last long gap that were left out (too far apart to impute honestly). */
  droppedBeforeGap?: number;
  /** Finite values too large to compute with (beyond ±MAX_ABS_VALUE) that were left out. */
  droppedTooLarge?: number;
  /** Input problems the preparation detected and handled, by code, so the UI can act on them. */
  warnings?: PreparationWarning[];
  /** Plain-language sentences describing each change, for a tooltip. */
  notes?: string[];
}

/**
 * - `timestamps-in-seconds`: every timestamp had 10 digits (epoch seconds, 2001–2286); read as
 *   milliseconds they would all fall in early 1970, so they were multiplied by 1000.
 * - `values-too-large`: finite values beyond ±1e300 were left out (sums and differences overflow).
 */
export type PreparationWarningCode = 'timestamps-in-seconds' | 'values-too-large';

export interface PreparationWarning {
  code: PreparationWarningCode;
  /** How many input points it concerned. */
  points: number;
  message: string;
}

/** A regular series ready for modelling. */
export interface PreparedSeries {
  startMs: number;
  stepMs: number;
  values: Float64Array;
  /** true where the value was imputed, not observed. */
  imputed: Uint8Array;
  report: PreparationReport;
}

export type CannotModelCode =
  | 'empty'
  | 'all-missing'
  | 'too-short'
  | 'constant'
  | 'non-finite'
  | 'unsupported'
  | 'internal'
  /** The series was reset (or shifted level) so recently that the current regime is too short to fit. */
  | 'regime-too-short';

/** Returned instead of throwing. `reason` is a sentence a user can act on. */
export interface CannotModel {
  ok: false;
  code: CannotModelCode;
  reason: string;
  /** For 'too-short' and 'regime-too-short': how many points the model needs. */
  minPoints?: number;
  /** For 'regime-too-short': the reset that started the current regime. */
  regime?: RegimeReport;
}

/** A reset or level shift in the training window (a compaction, restart, scale-out, limit change). */
export interface RegimeChange {
  atMs: number;
  /** Level just before and just after it. */
  before: number;
  after: number;
  direction: 'drop' | 'rise';
}

/** Which part of the training window a fit used when asked to fit the current regime only. */
export interface RegimeReport {
  /** First point of the fitted regime. */
  sinceMs: number;
  /** The change that started the current regime; absent when the whole window is one regime. */
  change?: RegimeChange;
  /** Earlier changes in the window, left out of the fit with the regimes they started. */
  earlierChanges: number;
}

export type ModelChoice = 'auto' | 'linear' | 'robust-linear' | 'seasonal';
export type FittedModelKind = 'linear' | 'theil-sen' | 'mstl-ets';

export interface ForecastOptions {
  model: ModelChoice;
  /** Steps to forecast past the last point (in the prepared series' step). */
  horizon: number;
  /** Two-sided prediction-interval level in (0, 1). Default 0.95. */
  confidence?: number;
  /** Seasonal periods in steps, for 'seasonal'. Detected when omitted. */
  periods?: number[];
  /** Only the last `trainingWindowMs` of history is used for fitting. */
  trainingWindowMs?: number;
  /**
   * Fit at no more than this many points (the resolution the panel can show). Seasonal models fit
   * bucket means (bucket size dividing every period) with the band widened back to raw points; linear
   * models are cheap and always fit every point.
   */
  maxPoints?: number;
  /**
   * Fit only the points since the last reset or level shift in the training window (capacity: a
   * compaction, a restart, a scale-out). A current regime too short to fit is 'regime-too-short',
   * never extrapolated from the regime before it.
   */
  currentRegimeOnly?: boolean;
  /**
   * Set by the engine itself (a caller's value is replaced) with `currentRegimeOnly`: variance of the slope (per step²) between stretches
   * of the window as long as the current regime, beyond noise; widens a linear band where the slope
   * wanders (a weekly cycle inside a one-day regime).
   */
  slopeVariance?: number;
}

/** Mean and prediction band at regular timestamps. Bands never contain NaN. */
export interface Band {
  timestamps: Float64Array;
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export interface ModelDescription {
  kind: FittedModelKind;
  /** Seasonal periods in steps (empty for linear models). */
  periods: number[];
  confidence: number;
  /** e.g. "seasonal MSTL, periods 1d+1w, 95 %" */
  label: string;
  /** Why 'auto' chose this model, e.g. holdout errors. */
  why?: string;
}

export interface ForecastResult {
  ok: true;
  model: ModelDescription;
  /** Step of `fitted` and `forecast`: the data's step, or the bucket width when fitted on bucket means. */
  stepMs: number;
  /** In-sample fit with band, over the training window. */
  fitted: Band;
  /** Out-of-sample forecast with band, `horizon` steps. */
  forecast: Band;
  preparation: PreparationReport;
  /** Set when `currentRegimeOnly` was asked: what was fitted. */
  regime?: RegimeReport;
}

export type ForecastOutcome = ForecastResult | CannotModel;

export type AnomalyDirection = 'above' | 'below' | 'both';

export interface AnomalyRules {
  direction: AnomalyDirection;
  /** Minimum consecutive flagged points for an interval to count. */
  minDurationPoints?: number;
  /** Alternative: minimum fraction of points in a sliding window. */
  minFraction?: number;
  /** Higher flags more; scales the band (1 = the model's band as is). */
  sensitivity?: number;
  /**
   * The smallest departure from the expected value worth flagging, as a fraction of its magnitude
   * (0.05 = 5 %). A smooth series gets a band a hair wide; without a floor, a p95 latency 3 % above
   * the fit is "10x the band" and flagged, which no operator would page on. 0 or absent: no floor.
   */
  minDeviation?: number;
}

export interface AnomalyInterval {
  startMs: number;
  endMs: number;
  direction: 'above' | 'below';
  /** Largest distance outside the band, in band half-widths (calibrated detector: the severity). */
  score: number;
  /** e.g. "7 points above the 95 % band, peak 3.2x the band width" */
  reason: string;
  /** Indices of flagged points in the prepared series. */
  points: number[];
  /**
   * Calibrated detector only. 'live': the newest points, each judged on the points before it;
   * 'range': past points judged against the whole range.
   */
  view?: 'live' | 'range';
  /**
   * Calibrated detector only: −log10 of the rarest point's tail probability among this series' own
   * errors (3 = a 1-in-1,000 point). Comparable across series, so lists rank by it.
   */
  severity?: number;
}

export interface CapacityEstimate {
  threshold: number;
  status: 'already-over' | 'crosses' | 'not-within-horizon' | 'cannot-model';
  /** Epoch ms; earliest from the band edge toward the threshold, latest from the far edge. */
  earliestMs?: number;
  likelyMs?: number;
  latestMs?: number;
  reason: string;
  /** The fitted regime, when the forecast was asked to fit the current regime only. */
  regime?: RegimeReport;
}

/** One unit of work for the pool: a series and what to compute on it. */
export interface AnalysisRequest {
  id: string;
  series: SeriesInput;
  forecast: ForecastOptions;
  anomalies?: AnomalyRules;
  capacityThreshold?: number;
}

export type AnalysisResult =
  | {
      id: string;
      ok: true;
      forecast: ForecastResult;
      anomalies: AnomalyInterval[];
      capacity?: CapacityEstimate;
      elapsedMs: number;
    }
  | {
      id: string;
      ok: false;
      error: CannotModel;
      elapsedMs: number;
      /** Rolling median ± k·MAD anomalies when rules were given and the series has ≥ 5 points. */
      anomalies?: AnomalyInterval[];
    };

/** Average and spread of one hour-of-day or day-of-week bucket. */
export interface ProfileBucket {
  /** 0–23 for hours, 0–6 (Sunday = 0) for days. */
  key: number;
  count: number;
  mean: number;
  stdDev: number;
  p25: number;
  p75: number;
}

export interface SeasonalityProfile {
  ok: true;
  /** Minutes east of UTC the buckets were computed in (0 = UTC). */
  tzOffsetMinutes: number;
  hourOfDay: ProfileBucket[];
  dayOfWeek: ProfileBucket[];
  /** e.g. "weekday peak 09:00–17:00 is 2.4x the night trough" */
  hint: string;
}
