// One deployment run as the Pushgateway stores it. Exact counts come from the grouping key:
//
//   /metrics/job/ci_deploy/service@base64/<s>/environment@base64/<e>/run_id@base64/<id>
//
// Every run is its own group, so
// - runs that finish inside one scrape interval are separate groups, all present at the next scrape
//   (one shared "last run" group would keep only the newest push: N runs would count as 1);
// - a retried push (or a CI job re-run with the same run id) replaces its own group with a PUT: it
//   is idempotent, never a second run;
// - the count is "distinct run_id series whose finish time lies in the range", read from Prometheus'
//   TSDB with last_over_time: a run scraped once stays counted even if the Pushgateway later loses
//   the group (a restart without persistence, a wipe, a prune); with --persistence.file a graceful
//   restart also keeps runs pushed but not yet scraped. What remains is a crash between a push and
//   the next persistence write *and* the next scrape (README "Deployments from CI" names it).
// - a group is written by one PUT carrying every gauge of the run: the Pushgateway checks the whole
//   body and stores it or nothing, so there is no half-written group, and all input is validated
//   before any request is sent.
// Each run is one series per gauge in Prometheus: a few deployments a day per service is a few
// thousand series a year, well within a Prometheus' budget; `deploy prune` drops old groups.

import { escapeLabelValue } from '../exporter/format';

export const DEPLOY_JOB = 'ci_deploy';

export const RUN_METRICS = {
  started: 'codesentinel_deploy_run_started_timestamp_seconds',
  finished: 'codesentinel_deploy_run_finished_timestamp_seconds',
  duration: 'codesentinel_deploy_run_duration_seconds',
  leadTime: 'codesentinel_deploy_run_lead_time_seconds',
} as const;

export const RUN_STATUSES = ['success', 'failure', 'rolled_back'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunKey {
  service: string;
  environment: string;
  runId: string;
}

export interface RunDetails extends RunKey {
  version?: string;
  commit?: string;
  /** Link to the CI run; http or https only. */
  url?: string;
}

export interface StartedRun extends RunDetails {
  /** Unix seconds. */
  startedAt: number;
}

export interface FinishedRun extends StartedRun {
  finishedAt: number;
  status: RunStatus;
  /** When the deployed commit was made (Unix seconds), for lead time. */
  committedAt?: number;
}

export class InvalidRunError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid deployment run: ${problems.join('; ')}`);
  }
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}$/;
const COMMIT = /^[0-9a-f]{7,64}$/i;
/** 2015-01-01: anything earlier is a unit mistake (milliseconds read as seconds are far later). */
const EARLIEST = 1_420_070_400;

function checkName(problems: string[], flag: string, value: string | undefined): void {
  if (value === undefined || value === '') {
    problems.push(`${flag} is required`);
  } else if (!NAME.test(value)) {
    problems.push(
      `${flag} must be 1-128 letters, digits or . _ : / @ + - (starting with a letter or digit), got ${JSON.stringify(value.slice(0, 60))}`
    );
  }
}

function checkTime(problems: string[], flag: string, value: number | undefined, now: number): void {
  if (value === undefined) {
    return;
  }
  if (!Number.isFinite(value) || value < EARLIEST || value > now + 3600) {
    problems.push(`${flag} must be a time between 2015 and now (Unix seconds or ISO-8601), got ${value}`);
  }
}

/** http(s) only: the link is shown to every user of the dashboard. */
export function isSafeRunUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function validateRun(run: Partial<FinishedRun>, phase: 'start' | 'finish', now = Date.now() / 1000): void {
  const problems: string[] = [];
  checkName(problems, '--service', run.service);
  checkName(problems, '--environment', run.environment);
  checkName(problems, '--run-id', run.runId);
  if (
    run.version !== undefined &&
    (run.version.length > 128 || /[\u0000-\u001f\u007f]/.test(run.version) || run.version === '')
  ) {
    problems.push(`--version must be 1-128 printable characters, got ${JSON.stringify(run.version.slice(0, 60))}`);
  }
  if (run.commit !== undefined && !COMMIT.test(run.commit)) {
    problems.push(
      `--commit must be a hexadecimal commit hash (7-64 digits), got ${JSON.stringify(run.commit.slice(0, 70))}`
    );
  }
  if (run.url !== undefined && (run.url.length > 2048 || !isSafeRunUrl(run.url))) {
    problems.push(
      `--url must be an http:// or https:// link to the CI run, got ${JSON.stringify(run.url.slice(0, 80))}`
    );
  }
  checkTime(problems, '--started-at', run.startedAt, now);
  if (phase === 'finish') {
    if (!RUN_STATUSES.includes(run.status as RunStatus)) {
      problems.push(`--status must be one of ${RUN_STATUSES.join(', ')}, got ${JSON.stringify(String(run.status))}`);
    }
    checkTime(problems, '--finished-at', run.finishedAt, now);
    checkTime(problems, '--commit-time', run.committedAt, now);
    if (run.startedAt !== undefined && run.finishedAt !== undefined && run.finishedAt < run.startedAt) {
      problems.push(`--finished-at (${run.finishedAt}) is before --started-at (${run.startedAt})`);
    }
    if (run.committedAt !== undefined && run.finishedAt !== undefined && run.committedAt > run.finishedAt) {
      problems.push(`--commit-time (${run.committedAt}) is after the run finished (${run.finishedAt})`);
    }
  }
  if (problems.length > 0) {
    throw new InvalidRunError(problems);
  }
}

/** Pushgateway's base64 form for every label value, so no value can change the URL's structure. */
export function runGroupPath(key: RunKey): string {
  const segment = (label: string, value: string) => `${label}@base64/${Buffer.from(value).toString('base64url')}`;
  return `/metrics/job/${DEPLOY_JOB}/${segment('service', key.service)}/${segment('environment', key.environment)}/${segment('run_id', key.runId)}`;
}

function labels(values: Record<string, string | undefined>): string {
  const set = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined);
  return set.length ? `{${set.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}` : '';
}

function gauge(name: string, help: string, value: number, lbls: Record<string, string | undefined> = {}): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name}${labels(lbls)} ${value}\n`;
}

function described(run: RunDetails): Record<string, string | undefined> {
  return { version: run.version, commit: run.commit, url: run.url };
}

/** The body of `deploy start`: the run exists, not yet finished (not counted). */
export function startedPayload(run: StartedRun): string {
  return gauge(RUN_METRICS.started, 'When the deployment run started.', run.startedAt, described(run));
}

/** The body of `deploy finish` / `deploy record`: every gauge of the run in one PUT. */
export function finishedPayload(run: FinishedRun): string {
  const base = described(run);
  return [
    gauge(RUN_METRICS.started, 'When the deployment run started.', run.startedAt, base),
    gauge(
      RUN_METRICS.finished,
      'When the deployment run finished; status success, failure or rolled_back.',
      run.finishedAt,
      {
        ...base,
        status: run.status,
      }
    ),
    gauge(RUN_METRICS.duration, 'How long the deployment run took.', run.finishedAt - run.startedAt),
    run.committedAt !== undefined
      ? gauge(
          RUN_METRICS.leadTime,
          'Lead time for changes: commit to the end of this deployment.',
          run.finishedAt - run.committedAt
        )
      : '',
  ].join('');
}
