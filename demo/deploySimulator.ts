/**
 * A stand-in for CI: every few minutes a service is "deployed" to an environment and the job pushes
 * its outcome to the Pushgateway, exactly as a pipeline step would:
 *   POST /metrics/job/ci_deploy/service/<svc>/environment/<env>
 * POST (not PUT) replaces only the gauges sent, so the last success timestamp survives a failed run
 * and vice versa — the pattern the Pushgateway docs recommend for batch jobs.
 *   npx tsx demo/deploySimulator.ts --gateway http://127.0.0.1:9091 [--seed 42] [--every 60] [--once]
 */
import { DEFAULT_SEED, numberOption, option } from './options';
import { between, seededDraws } from './random';
import { SERVICE_NAMES } from './topology';

export const DEPLOY_JOB = 'ci_deploy';
export const ENVIRONMENTS = ['staging', 'production'] as const;

export interface DeployRun {
  service: string;
  environment: string;
  /** When the run finished (Unix seconds). */
  finishedAt: number;
  durationSeconds: number;
  success: boolean;
}

/** The text a CI job sends for one finished run. */
export function deployPayload(run: DeployRun): string {
  const outcome = run.success ? 'success' : 'failure';
  const gauges: Array<[string, string, number]> = [
    ['codesentinel_deploy_last_run_timestamp_seconds', 'When the last deployment run finished.', run.finishedAt],
    [`codesentinel_deploy_last_${outcome}_timestamp_seconds`, `When the last deployment run ended in ${outcome}.`, run.finishedAt],
    ['codesentinel_deploy_duration_seconds', 'How long the last deployment run took.', run.durationSeconds],
    ['codesentinel_deploy_last_result', 'Outcome of the last deployment run: 1 success, 0 failure.', run.success ? 1 : 0],
  ];
  return gauges.map(([name, help, value]) => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${value}\n`).join('');
}

/** Grouping-key path; values with a slash use the Pushgateway's base64 form. */
export function groupingPath(run: Pick<DeployRun, 'service' | 'environment'>): string {
  const segment = (label: string, value: string) =>
    value.includes('/') || value === ''
      ? `${label}@base64/${Buffer.from(value).toString('base64url') || '='}`
      : `${label}/${encodeURIComponent(value)}`;
  return `/metrics/job/${DEPLOY_JOB}/${segment('service', run.service)}/${segment('environment', run.environment)}`;
}

export async function pushRun(gateway: string, run: DeployRun): Promise<void> {
  const url = `${gateway.replace(/\/$/, '')}${groupingPath(run)}`;
  const response = await fetch(url, { method: 'POST', body: deployPayload(run), headers: { 'Content-Type': 'text/plain' } });
  if (!response.ok) {
    throw new Error(`Pushgateway answered ${response.status} for ${url}: ${(await response.text()).trim()}`);
  }
}

/**
 * The n-th simulated run for a seed: which service and environment, how long, and whether it
 * failed. checkout (busy with its canary) fails more often than the rest.
 */
export function simulatedRun(seed: number, n: number, finishedAt: number): DeployRun {
  const draw = seededDraws(seed);
  const service = SERVICE_NAMES[Math.floor(draw('deploy.service', n) * SERVICE_NAMES.length)];
  const environment = draw('deploy.env', n) < 0.6 ? 'staging' : 'production';
  const failureRate = service === 'checkout' ? 0.25 : 0.08;
  return {
    service,
    environment,
    finishedAt: Math.round(finishedAt),
    durationSeconds: Math.round(between(draw('deploy.duration', n), 45, environment === 'production' ? 600 : 240)),
    success: draw('deploy.result', n) >= failureRate,
  };
}

/** One successful run per (service, environment) so every pipeline gauge exists from the start. */
export function initialRuns(seed: number, now: number): DeployRun[] {
  return SERVICE_NAMES.flatMap((service, i) =>
    ENVIRONMENTS.map((environment, j) => ({
      service,
      environment,
      finishedAt: Math.round(now - 3600 * (i + 1) - 600 * j),
      durationSeconds: Math.round(between(seededDraws(seed)(`deploy.initial.${service}.${environment}`), 60, 300)),
      success: true,
    }))
  );
}

async function main(argv: string[]): Promise<void> {
  const gateway = option(argv, 'gateway', 'PUSHGATEWAY_URL', 'http://127.0.0.1:9091');
  const seed = numberOption(argv, 'seed', 'DEMO_SEED', DEFAULT_SEED);
  const everySeconds = numberOption(argv, 'every', 'DEPLOY_EVERY_SECONDS', 120);
  const once = argv.includes('--once');
  for (const run of initialRuns(seed, Date.now() / 1000)) {
    await pushRun(gateway, run);
  }
  console.log(`deploy simulator: pushed initial runs for ${SERVICE_NAMES.length} services to ${gateway}`);
  if (once) {
    return;
  }
  let n = 0;
  const tick = async () => {
    const run = simulatedRun(seed, n++, Date.now() / 1000);
    try {
      await pushRun(gateway, run);
      console.log(`deploy simulator: ${run.service}/${run.environment} ${run.success ? 'succeeded' : 'FAILED'} in ${run.durationSeconds} s`);
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
