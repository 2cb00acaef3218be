// Deployment Pipeline: the CI job pushes gauges to the Pushgateway (grouping key job="ci_deploy",
// service, environment). Gauges hold only the latest run, so "how many runs" is counted from the
// distinct values the last-run timestamp took within the dashboard range (see runsInRangeOf).
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
  /** When the latest run finished, Unix milliseconds (what Grafana's `dateTimeFromNow` unit reads). */
  lastRunAtMs: string;
  /** Whole-pipeline stats. */
  totalRuns: string;
  totalSuccessRatio: string;
  failingNow: string;
}

/**
 * Runs within `$__range` from a "timestamp of the last run" gauge. Each run pushes a new, larger
 * timestamp, so the distinct values in the range are the runs Prometheus saw: every change is one
 * run, plus the first value in the range if that run itself happened inside the range. The second
 * term is what counts a run pushed before Prometheus scraped the Pushgateway (e.g. a run an hour
 * ago on a fresh stack) — `changes()` alone sees only pushes Prometheus observed. Runs pushed faster
 * than the scrape interval still collapse into one: the gauge cannot tell them apart.
 */
function runsInRangeOf(metric: string, scope: readonly LabelMatcher[], groupBy: readonly string[]): string {
  const series = `${selector(metric, scope)}[$__range]`;
  return aggregate('sum', groupBy, `changes(${series}) + (min_over_time(${series}) > bool (time() - $__range_s))`);
}

export function deploymentQueries(): DeploymentQueries {
  const scope: LabelMatcher[] = [
    { label: 'job', equals: DEPLOY_METRICS.job },
    { label: 'service', variable: VAR_SERVICE_EXPR },
    { label: 'environment', variable: VAR_ENVIRONMENT_EXPR },
  ];
  const per = [...DEPLOY_LABELS];
  const runs = runsInRangeOf(DEPLOY_METRICS.lastRun, scope, per);
  const successes = runsInRangeOf(DEPLOY_METRICS.lastSuccess, scope, per);
  const totalRuns = runsInRangeOf(DEPLOY_METRICS.lastRun, scope, []);
  const totalSuccesses = runsInRangeOf(DEPLOY_METRICS.lastSuccess, scope, []);
  return {
    runsInRange: runs,
    // `(runs > 0)` leaves services without a run in range out instead of showing 0/0 = NaN; a target
    // that never succeeded has no success gauge at all, so `or runs * 0` makes its share 0, not absent.
    successRatio: `(${successes} or ${runs} * 0) / (${runs} > 0)`,
    lastDuration: aggregate('max', per, selector(DEPLOY_METRICS.duration, scope)),
    lastResult: aggregate('min', per, selector(DEPLOY_METRICS.lastResult, scope)),
    lastRunAtMs: `1000 * ${aggregate('max', per, selector(DEPLOY_METRICS.lastRun, scope))}`,
    totalRuns,
    totalSuccessRatio: `(${totalSuccesses} or ${totalRuns} * 0) / (${totalRuns} > 0)`,
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
