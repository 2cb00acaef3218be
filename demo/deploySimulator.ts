/**
 * A stand-in for CI: every few minutes a service is "deployed" to an environment and the run is
 * pushed to the Pushgateway as its own group, exactly as `codesentinel-telemetry deploy record`
 * does for a real pipeline (telemetry/deploy/run.ts explains why every run is its own group):
 *   PUT /metrics/job/ci_deploy/service@base64/<s>/environment@base64/<e>/run_id@base64/<id>
 * The demo image holds only demo/, so the body is written here; a unit test checks it is byte for
 * byte what the deploy command sends. Groups older than an hour are deleted again (Prometheus keeps
 * their history), so the demo's Pushgateway stays small.
 *   npx tsx demo/deploySimulator.ts --gateway http://127.0.0.1:9091 [--seed 42] [--every 1800] [--once]
 */
import { DEFAULT_SEED, numberOption, option } from './options';
import { between, seededDraws } from './random';
import { SERVICE_NAMES } from './topology';

export const DEPLOY_JOB = 'ci_deploy';
export const ENVIRONMENTS = ['staging', 'production'] as const;
export type DeployStatus = 'success' | 'failure' | 'rolled_back';

export interface DeployRun {
  service: string;
  environment: string;
  runId: string;
  /** Unix seconds. */
  startedAt: number;
  finishedAt: number;
  status: DeployStatus;
  version?: string;
  commit?: string;
  committedAt?: number;
  url?: string;
}

export const RUN_METRICS = {
  started: 'codesentinel_deploy_run_started_timestamp_seconds',
  finished: 'codesentinel_deploy_run_finished_timestamp_seconds',
  duration: 'codesentinel_deploy_run_duration_seconds',
  leadTime: 'codesentinel_deploy_run_lead_time_seconds',
} as const;

const HELP: Record<keyof typeof RUN_METRICS, string> = {
  started: 'When the deployment run started.',
  finished: 'When the deployment run finished; status success, failure or rolled_back.',
  duration: 'How long the deployment run took.',
  leadTime: 'Lead time for changes: commit to the end of this deployment.',
};

function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** The labels each gauge of a run carries beyond the grouping key (absent ones left out). */
export function runSeries(
  run: DeployRun
): Array<{ metric: keyof typeof RUN_METRICS; labels: Record<string, string>; value: number }> {
  const described = Object.fromEntries(
    Object.entries({ version: run.version, commit: run.commit, url: run.url }).filter(
      (e): e is [string, string] => e[1] !== undefined
    )
  );
  return [
    { metric: 'started' as const, labels: described, value: run.startedAt },
    { metric: 'finished' as const, labels: { ...described, status: run.status }, value: run.finishedAt },
    { metric: 'duration' as const, labels: {}, value: run.finishedAt - run.startedAt },
    ...(run.committedAt !== undefined
      ? [{ metric: 'leadTime' as const, labels: {}, value: run.finishedAt - run.committedAt }]
      : []),
  ];
}

export function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}` : '';
}

/** The text a CI job sends for one finished run (the body of one PUT). */
export function deployPayload(run: DeployRun): string {
  return runSeries(run)
    .map(({ metric, labels, value }) => {
      const name = RUN_METRICS[metric];
      return `# HELP ${name} ${HELP[metric]}\n# TYPE ${name} gauge\n${name}${labelText(labels)} ${value}\n`;
    })
    .join('');
}

/** Grouping-key path, every value in the Pushgateway's base64 form. */
export function groupingPath(run: Pick<DeployRun, 'service' | 'environment' | 'runId'>): string {
  const segment = (label: string, value: string) => `${label}@base64/${Buffer.from(value).toString('base64url')}`;
  return `/metrics/job/${DEPLOY_JOB}/${segment('service', run.service)}/${segment('environment', run.environment)}/${segment('run_id', run.runId)}`;
}

async function send(gateway: string, path: string, init: RequestInit): Promise<void> {
  const url = `${gateway.replace(/\/$/, '')}${path}`;
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(`Pushgateway answered ${response.status} for ${url}: ${(await response.text()).trim()}`);
  }
}

export async function pushRun(gateway: string, run: DeployRun): Promise<void> {
  await send(gateway, groupingPath(run), {
    method: 'PUT',
    body: deployPayload(run),
    headers: { 'Content-Type': 'text/plain' },
  });
}

export async function deleteRun(gateway: string, run: DeployRun): Promise<void> {
  await send(gateway, groupingPath(run), { method: 'DELETE' });
}

export const ciUrl = (run: Pick<DeployRun, 'service' | 'runId'>) =>
  `https://ci.example.com/codesentinel/${run.service}/runs/${run.runId}`;

/** A plausible commit hash for (seed, key): 40 hex digits. */
export function fakeCommit(seed: number, key: string): string {
  const draw = seededDraws(seed);
  return Array.from({ length: 5 }, (_, i) =>
    Math.floor(draw(`commit.${key}`, i) * 0xffffffff)
      .toString(16)
      .padStart(8, '0')
  ).join('');
}

/**
 * The n-th simulated run for a seed: which service and environment, how long, and how it ended.
 * checkout (busy with its canary) fails more often than the rest.
 */
export function simulatedRun(seed: number, n: number, finishedAt: number, idPrefix = 'live'): DeployRun {
  const draw = seededDraws(seed);
  const service = SERVICE_NAMES[Math.floor(draw('deploy.service', n) * SERVICE_NAMES.length)];
  const environment = draw('deploy.env', n) < 0.6 ? 'staging' : 'production';
  const failureRate = service === 'checkout' ? 0.25 : 0.08;
  const duration = Math.round(between(draw('deploy.duration', n), 45, environment === 'production' ? 600 : 240));
  const result = draw('deploy.result', n);
  const runId = `${idPrefix}-${n}`;
  const end = Math.round(finishedAt);
  return {
    service,
    environment,
    runId,
    startedAt: end - duration,
    finishedAt: end,
    status: result >= failureRate ? 'success' : result < failureRate / 4 ? 'rolled_back' : 'failure',
    version: `1.${n}.0`,
    commit: fakeCommit(seed, runId),
    committedAt:
      end -
      duration -
      Math.round(between(draw('deploy.lead', n), 1200, environment === 'production' ? 8 * 3600 : 3600)),
    url: ciUrl({ service, runId }),
  };
}

/** One successful run per (service, environment) in the last hours, so the page has runs from the start. */
export function initialRuns(seed: number, now: number): DeployRun[] {
  return SERVICE_NAMES.flatMap((service, i) =>
    ENVIRONMENTS.map((environment, j) => {
      const duration = Math.round(between(seededDraws(seed)(`deploy.initial.${service}.${environment}`), 60, 300));
      const finishedAt = Math.round(now - 3600 * (i + 1) - 600 * j);
      const runId = `initial-${seed}-${service}-${environment}`;
      return {
        service,
        environment,
        runId,
        startedAt: finishedAt - duration,
        finishedAt,
        status: 'success' as const,
        version: '1.0.0',
        commit: fakeCommit(seed, runId),
        committedAt: finishedAt - duration - 1800,
        url: ciUrl({ service, runId }),
      };
    })
  );
}

/** How long the simulator leaves a run's group in the Pushgateway: a few scrapes are all it needs. */
const KEEP_SECONDS = 3600;

async function main(argv: string[]): Promise<void> {
  const gateway = option(argv, 'gateway', 'PUSHGATEWAY_URL', 'http://127.0.0.1:9091');
  const seed = numberOption(argv, 'seed', 'DEMO_SEED', DEFAULT_SEED);
  const everySeconds = numberOption(argv, 'every', 'DEPLOY_EVERY_SECONDS', 1800);
  const once = argv.includes('--once');
  const pushed: DeployRun[] = [];
  for (const run of initialRuns(seed, Date.now() / 1000)) {
    await pushRun(gateway, run);
    pushed.push(run);
  }
  console.log(`deploy simulator: pushed initial runs for ${SERVICE_NAMES.length} services to ${gateway}`);
  if (once) {
    return;
  }
  // Run ids of this process start at its start time, so a restarted simulator never reuses one.
  const base = Math.floor(Date.now() / 1000);
  let n = 0;
  const tick = async () => {
    const run = simulatedRun(seed, n++, Date.now() / 1000, `live-${base}`);
    try {
      await pushRun(gateway, run);
      pushed.push(run);
      console.log(`deploy simulator: ${run.service}/${run.environment} run ${run.runId}: ${run.status}`);
      while (pushed.length && pushed[0].finishedAt < Date.now() / 1000 - KEEP_SECONDS) {
        await deleteRun(gateway, pushed.shift()!);
      }
    } catch (error) {
      console.error(`deploy simulator: push failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  setInterval(tick, everySeconds * 1000);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`deploy simulator failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
