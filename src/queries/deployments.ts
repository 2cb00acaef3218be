// Deployment Pipeline: the CI job pushes gauges to the Pushgateway (grouping key job="ci_deploy",
// service, environment). Gauges hold only the latest run, so "how many runs" is counted as the number
// of times the last-run timestamp changed within the dashboard range.
import { VAR_ENVIRONMENT_EXPR, VAR_SERVICE_EXPR } from '../constants';

import { type LabelMatcher, aggregate, selector } from './selector';

export const DEPLOY_METRICS = {
  lastRun: 'codesentinel_deploy_last_run_timestamp_seconds',
  lastSuccess: 'codesentinel_deploy_last_success_timestamp_seconds',
  lastFailure: 'codesentinel_deploy_last_failure_timestamp_seconds',
  duration: 'codesentinel_deploy_duration_seconds',
  lastResult: 'codesentinel_deploy_last_result',
  job: 'ci_deploy',
} as const;

export const DEPLOY_LABELS = ['service', 'environment'] as const;

export interface DeploymentQueries {
  /** Runs per service and environment within `$__range`. */
  runsInRange: string;
  /** Successful share of runs within `$__range` (0..1). */
  successRatio: string;
  /** Duration of the latest run, seconds. */
  lastDuration: string;
  /** 1 = the latest run succeeded, 0 = it failed. */
  lastResult: string;
  /** Seconds since the latest run started. */
  sinceLastRun: string;
  /** Whole-pipeline stats. */
  totalRuns: string;
  totalSuccessRatio: string;
  failingNow: string;
}

function changesInRange(metric: string, scope: readonly LabelMatcher[], groupBy: readonly string[]): string {
  return aggregate('sum', groupBy, `changes(${selector(metric, scope)}[$__range])`);
}

export function deploymentQueries(): DeploymentQueries {
  const scope: LabelMatcher[] = [
    { label: 'job', equals: DEPLOY_METRICS.job },
    { label: 'service', variable: VAR_SERVICE_EXPR },
    { label: 'environment', variable: VAR_ENVIRONMENT_EXPR },
  ];
  const per = [...DEPLOY_LABELS];
  const runs = changesInRange(DEPLOY_METRICS.lastRun, scope, per);
  const successes = changesInRange(DEPLOY_METRICS.lastSuccess, scope, per);
  const totalRuns = changesInRange(DEPLOY_METRICS.lastRun, scope, []);
  const totalSuccesses = changesInRange(DEPLOY_METRICS.lastSuccess, scope, []);
  return {
    runsInRange: runs,
    // `(runs > 0)` leaves services without a run in range out instead of showing 0/0 = NaN.
    successRatio: `${successes} / (${runs} > 0)`,
    lastDuration: aggregate('max', per, selector(DEPLOY_METRICS.duration, scope)),
    lastResult: aggregate('min', per, selector(DEPLOY_METRICS.lastResult, scope)),
    sinceLastRun: `time() - ${aggregate('max', per, selector(DEPLOY_METRICS.lastRun, scope))}`,
    totalRuns,
    totalSuccessRatio: `${totalSuccesses} / (${totalRuns} > 0)`,
    failingNow: `count(${selector(DEPLOY_METRICS.lastResult, scope)} == 0) or vector(0)`,
  };
}

export function deploymentVariableQueries() {
  const base = selector(DEPLOY_METRICS.lastRun, [{ label: 'job', equals: DEPLOY_METRICS.job }]);
  return {
    service: { selector: base, label: 'service', query: `label_values(${base}, service)` },
    environment: { selector: base, label: 'environment', query: `label_values(${base}, environment)` },
  };
}
