// Canary statistics: the public surface for pages, workers and the benchmark.
export { cliffsDeltaFromU, effectLabel } from './effectSize';
export { hodgesLehmannSorted, kthDifference } from './hodgesLehmann';
export { plainFormatter, type ValueFormatter } from './explain';
export { judgeMetric } from './judgeMetric';
export { mannWhitneyU, mannWhitneySorted } from './mannWhitney';
export { binomTestTwoSided, poissonRateTest } from './poissonRate';
export { sortedCopy } from './ranks';
export { reexplainJudgement } from './reexplain';
export { DEFAULT_THRESHOLDS, judgeCanary, resolveThresholds } from './scorer';
export type * from './types';
export { welchTTest } from './welch';
