// Deployment Pipeline: every CI run is its own Pushgateway group (job="ci_deploy", service,
// environment, run_id), pushed by `codesentinel-telemetry deploy` (telemetry/deploy/run.ts explains
// the design). A run is counted once per distinct run_id whose finish time lies in the range, read
// with last_over_time from Prometheus' own storage: runs that finish within one scrape interval are
// separate series, and a run once scraped stays counted after the Pushgateway forgets it.
import { VAR_ENVIRONMENT_EXPR, VAR_SERVICE_EXPR } from '../constants';

import { type LabelMatcher, selector } from './selector';

export const DEPLOY_METRICS = {
  started: 'codesentinel_deploy_run_started_timestamp_seconds',
  finished: 'codesentinel_deploy_run_finished_timestamp_seconds',
  duration: 'codesentinel_deploy_run_duration_seconds',
  leadTime: 'codesentinel_deploy_run_lead_time_seconds',
  job: 'ci_deploy',
} as const;

export const DEPLOY_LABELS = ['service', 'environment'] as const;
/** What identifies one run; `status`, `version`, `commit`, `url` describe it. */
export const RUN_LABELS = ['service', 'environment', 'run_id'] as const;
export const RUN_DESCRIPTION_LABELS = ['status', 'version', 'commit', 'url'] as const;

/** Alerts that count as an incident for change failure rate: pages (P1) and Slack (P2), not the deploy alerts themselves. */
export const INCIDENT_SEVERITIES = 'P1|P2';
export const NON_INCIDENT_ALERTS = 'Deploy.*|Pushgateway.*';

export interface DeploymentQueries {
  /** One series per run finished in the range; value = finish time (Unix s); labels describe the run. */
  runs: string;
  /** Duration per run (s), joined to `runs` on run_id in the browser. */
  runDurations: string;
  /** Lead time per run (s): commit → end of the deployment. */
  runLeadTimes: string;
  /** Exact number of runs per service and environment finished in the range. */
  runCount: string;
  /** Exact number of runs, all services. */
  totalRuns: string;
  /**
   * Range query: 1 while a P1/P2 alert of a deployed service fires (one series per service and alert),
   * 0 for a deployed service with none firing. Per alert, so a long-running alert does not hide the
   * onset of a new one on the same service.
   */
  incidents: string;
}

function scopeOf(service: string, environment?: string): LabelMatcher[] {
  return [
    { label: 'job', equals: DEPLOY_METRICS.job },
    { label: 'service', variable: service },
    ...(environment ? [{ label: 'environment', variable: environment }] : []),
  ];
}

/** `max by (labels) (last_over_time(metric[$__range]))`: each run's value, wherever in the range it was scraped. */
function perRun(metric: string, scope: readonly LabelMatcher[], labels: readonly string[]): string {
  return `max by (${labels.join(', ')}) (last_over_time(${selector(metric, scope)}[$__range]))`;
}

/** Runs whose finish time lies in the range, one series per run. */
function finishedInRange(scope: readonly LabelMatcher[], labels: readonly string[]): string {
  return `${perRun(DEPLOY_METRICS.finished, scope, labels)} >= (time() - $__range_s)`;
}

export function deploymentQueries(): DeploymentQueries {
  const scope = scopeOf(VAR_SERVICE_EXPR, VAR_ENVIRONMENT_EXPR);
  // Dedup on run_id first: a run re-reported with another status is still one run.
  const distinct = finishedInRange(scope, RUN_LABELS);
  const alerts = selector('ALERTS', [
    { label: 'alertstate', equals: 'firing' },
    { label: 'severity', pattern: INCIDENT_SEVERITIES },
    { label: 'alertname', notPattern: NON_INCIDENT_ALERTS },
    { label: 'service', variable: VAR_SERVICE_EXPR },
    // Alerts without a service (a scrape target down) cannot be tied to a deployment.
    { label: 'service', notEquals: '' },
  ]);
  return {
    runs: finishedInRange(scope, [...RUN_LABELS, ...RUN_DESCRIPTION_LABELS]),
    runDurations: perRun(DEPLOY_METRICS.duration, scope, RUN_LABELS),
    runLeadTimes: perRun(DEPLOY_METRICS.leadTime, scope, RUN_LABELS),
    runCount: `count by (${DEPLOY_LABELS.join(', ')}) (${distinct})`,
    totalRuns: `count(${distinct}) or vector(0)`,
    // `or on (service) 0 * group(...)` gives every other deployed service a series, so "no incident"
    // is a 0, not absent.
    incidents: `max by (service, alertname) (${alerts}) or on (service) 0 * group by (service) (${selector(DEPLOY_METRICS.started, scopeOf(VAR_SERVICE_EXPR))})`,
  };
}

/** Which services' deployments a chart marks: a service variable, one service, or all. */
export type MarkerScope =
  { kind: 'variable'; variable: string } | { kind: 'service'; service: string } | { kind: 'all' };

/** Deploy markers: every run of the services in view finished in the range (all environments). */
export function deployMarkerQuery(scope: MarkerScope): string {
  const service: LabelMatcher[] =
    scope.kind === 'variable'
      ? [{ label: 'service', variable: scope.variable }]
      : scope.kind === 'service'
        ? [{ label: 'service', equals: scope.service }]
        : [];
  return finishedInRange(
    [{ label: 'job', equals: DEPLOY_METRICS.job }, ...service],
    [...RUN_LABELS, ...RUN_DESCRIPTION_LABELS]
  );
}

export function deploymentVariableQueries() {
  const base = selector(DEPLOY_METRICS.started, [{ label: 'job', equals: DEPLOY_METRICS.job }]);
  return {
    service: { selector: base, label: 'service', query: `label_values(${base}, service)` },
    environment: { selector: base, label: 'environment', query: `label_values(${base}, environment)` },
  };
}
