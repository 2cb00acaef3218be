// The analytics engine's front door: the only module pages, panels and components import.
// - Types of every request and result.
// - The client (client.ts): async functions that load the worker pool on first call, so importing
//   this file never puts the engine or its WASM into a page's or the panel's first bundle.
// - A few small synchronous helpers that are pure, light and WASM-free (ranking, thresholds,
//   formatting, the seasonality profile and the task-speed trend, which are a single pass each).
export type * from './types';
export type * from './canary/types';
export type * from './correlate/types';
export type { CanaryJob, CanaryOutcome } from './runtime/protocol';
export type { TaskSpeedTrend } from './models/taskSpeed';
export type { RankedRate, WilsonInterval } from './stats/wilson';

export {
  analyse,
  analyseBatch,
  findBottlenecksOffThread,
  judgeCanaryOffThread,
  type AnalysisBatchHandlers,
} from './client';
export {
  describeAssociation,
  describeLag,
  describeNothingFound,
  describeRatio,
  describeStep,
  describeWorst,
  type LevelFormatter,
} from './correlate/explain';

export { isCannotModel } from './prepare/prepare';
export { seasonalityProfile } from './seasonality/profile';
export {
  monthlyTrend,
  type GrowthPerMonth,
  type MonthMean,
  type MonthlyTrend,
  type ProfileIndex,
  type YearOverYear,
} from './seasonality/monthly';
export { taskSpeedTrend } from './models/taskSpeed';
export {
  describeTaskSpeed,
  speedChangeAt,
  taskSpeedByType,
  tasksFromRuns,
  type SpeedChange,
  type Task,
  type TaskRun,
  type TaskTypeSpeed,
} from './models/taskTimes';
export {
  appliedEffect,
  describeAppliedEffect,
  formatDurationMs,
  formatRate,
  groupAppliedItems,
  taskSpeedAfterChange,
  type AppliedEffect,
  type AppliedItem,
  type BeforeAfter,
  type SideFigures,
} from './models/appliedEffect';
export { DEFAULT_WILSON_CONFIDENCE, rankByWilsonLowerBound, wilsonInterval } from './stats/wilson';
export { DEFAULT_THRESHOLDS, resolveThresholds } from './canary/thresholds';
export type { NoDataReason, VerdictReason } from './canary/reasons';
export type {
  Decision,
  DecisionRule,
  HistogramBucket,
  PracticalDecision,
  QuantileComparison,
  SidedTest,
} from './canary/types';
export {
  describeAllowed,
  describeInterval,
  describeNoData,
  describeTest,
  explainMetric,
  explainVerdictReason,
  groupValue,
  type ValueFormatter,
} from './canary/explainCodes';
export { formatP, formatPercent, formatSignedPercent } from './stats/format';
export { medianStepMs } from './stats/step';
export * from './dora';
