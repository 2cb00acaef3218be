// `codesentinel-telemetry deploy start|finish|record|prune`: what a CI pipeline runs to report a
// deployment run to the Pushgateway (see run.ts for why every run is its own group). Prints one JSON
// line on stdout; exit 0 pushed, 2 bad input (nothing sent), 1 Pushgateway unreachable before the
// timeout.
import { type Command, InvalidArgumentError, Option } from 'commander';

import { deleteRunGroup, listRuns, putRunGroup, type GatewayOptions } from './gateway';
import {
  type FinishedRun,
  InvalidRunError,
  type RunStatus,
  RUN_STATUSES,
  finishedPayload,
  startedPayload,
  validateRun,
} from './run';

interface DeployOptions {
  gateway: string;
  timeout: number;
  service: string;
  environment: string;
  runId: string;
  version?: string;
  commit?: string;
  commitTime?: number;
  url?: string;
  startedAt?: number;
  finishedAt?: number;
  duration?: number;
  status?: RunStatus;
}

/** Unix seconds, or an ISO-8601 instant with a zone (what `git log -1 --format=%cI` prints). */
export function parseTime(flag: string) {
  return (value: string): number => {
    const v = value.trim();
    if (/^\d+(\.\d+)?$/.test(v)) {
      return Number(v);
    }
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
      return Date.parse(v) / 1000;
    }
    throw new InvalidArgumentError(
      `${flag} must be Unix seconds or an ISO-8601 time with a zone, e.g. 2026-12-01T10:00:00Z, got ${JSON.stringify(v.slice(0, 40))}`
    );
  };
}

function seconds(flag: string, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(n > 0) || n > max) {
      throw new InvalidArgumentError(
        `${flag} must be a number of seconds between 0 and ${max}, got ${JSON.stringify(value.slice(0, 40))}`
      );
    }
    return n;
  };
}

function status(value: string): RunStatus {
  if (!RUN_STATUSES.includes(value as RunStatus)) {
    throw new InvalidArgumentError(
      `--status must be one of ${RUN_STATUSES.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`
    );
  }
  return value as RunStatus;
}

function runOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--gateway <url>', 'Pushgateway URL')
        .env('CODESENTINEL_PUSHGATEWAY_URL')
        .default('http://127.0.0.1:9091')
    )
    .addOption(
      new Option('--timeout <seconds>', 'give up (exit 1) after this long, retries included')
        .env('CODESENTINEL_DEPLOY_TIMEOUT')
        .default(30)
        .argParser(seconds('--timeout', 600))
    )
    .requiredOption('--service <name>', 'service deployed, e.g. checkout')
    .requiredOption('--environment <name>', 'environment, e.g. production')
    .requiredOption(
      '--run-id <id>',
      'CI run id, unique per service and environment (e.g. $GITHUB_RUN_ID-$GITHUB_RUN_ATTEMPT)'
    )
    .option('--version <version>', 'version deployed (tag or build number)')
    .option('--commit <sha>', 'commit deployed')
    .option('--url <url>', 'link to the CI run (http or https)')
    .option(
      '--started-at <time>',
      'when the run started (Unix seconds or ISO-8601; default now for start)',
      parseTime('--started-at')
    );
}

function gatewayOptions(o: DeployOptions): GatewayOptions {
  return { url: o.gateway, timeoutMs: o.timeout * 1000, log: (line) => process.stderr.write(`${line}\n`) };
}

async function finish(o: DeployOptions, phase: 'finish' | 'record'): Promise<void> {
  const finishedAt = o.finishedAt ?? Math.round(Date.now() / 1000);
  let startedAt = o.startedAt ?? (o.duration !== undefined ? finishedAt - o.duration : undefined);
  const key = { service: o.service, environment: o.environment, runId: o.runId };
  validateRun({ ...o, ...key, finishedAt, committedAt: o.commitTime, startedAt }, 'finish');
  if (startedAt === undefined && phase === 'finish') {
    const stored = (await listRuns(gatewayOptions(o))).find(
      (r) => r.service === o.service && r.environment === o.environment && r.runId === o.runId
    );
    startedAt = stored?.startedAt;
  }
  if (startedAt === undefined) {
    throw new InvalidRunError([
      phase === 'finish'
        ? `no \`deploy start\` found for run ${o.runId} of ${o.service}/${o.environment}: pass --started-at or --duration`
        : '`deploy record` needs --started-at or --duration',
    ]);
  }
  const run: FinishedRun = {
    ...key,
    version: o.version,
    commit: o.commit,
    url: o.url,
    startedAt,
    finishedAt,
    status: o.status!,
    committedAt: o.commitTime,
  };
  validateRun(run, 'finish');
  await putRunGroup(gatewayOptions(o), key, finishedPayload(run));
  process.stdout.write(
    `${JSON.stringify({ pushed: phase, ...key, status: run.status, durationSeconds: finishedAt - startedAt })}\n`
  );
}

export function registerDeployCommand(program: Command): void {
  const deploy = program
    .command('deploy')
    .description('report deployment runs from CI to the Pushgateway (one group per run: exact counts)');

  runOptions(deploy.command('start'))
    .description('mark a run as started (not counted until it finishes)')
    .action(async (o: DeployOptions) => {
      const startedAt = o.startedAt ?? Math.round(Date.now() / 1000);
      const run = { ...o, startedAt };
      validateRun(run, 'start');
      await putRunGroup(gatewayOptions(o), run, startedPayload(run));
      process.stdout.write(
        `${JSON.stringify({ pushed: 'start', service: o.service, environment: o.environment, runId: o.runId, startedAt })}\n`
      );
    });

  const finishing = (cmd: Command) =>
    runOptions(cmd)
      .requiredOption('--status <status>', `${RUN_STATUSES.join(' | ')}`, status)
      .option('--finished-at <time>', 'when the run finished (default now)', parseTime('--finished-at'))
      .option(
        '--commit-time <time>',
        'when the deployed commit was made, for lead time (git log -1 --format=%cI)',
        parseTime('--commit-time')
      )
      .option('--duration <seconds>', 'run duration, instead of --started-at', seconds('--duration', 7 * 86400));

  finishing(deploy.command('finish'))
    .description('finish a run started with `deploy start` (its start time is read back from the Pushgateway)')
    .action(async (o: DeployOptions) => finish(o, 'finish'));

  finishing(deploy.command('record'))
    .description('record a whole run in one call (needs --started-at or --duration)')
    .action(async (o: DeployOptions) => finish(o, 'record'));

  deploy
    .command('prune')
    .description('delete run groups older than --older-than from the Pushgateway (Prometheus keeps their history)')
    .addOption(
      new Option('--gateway <url>', 'Pushgateway URL')
        .env('CODESENTINEL_PUSHGATEWAY_URL')
        .default('http://127.0.0.1:9091')
    )
    .addOption(
      new Option('--timeout <seconds>', 'give up after this long').default(30).argParser(seconds('--timeout', 600))
    )
    .requiredOption(
      '--older-than <seconds>',
      'age in seconds, e.g. 604800 for a week',
      seconds('--older-than', 10 * 365 * 86400)
    )
    .action(async (o: { gateway: string; timeout: number; olderThan: number }) => {
      const options: GatewayOptions = { url: o.gateway, timeoutMs: o.timeout * 1000 };
      const cutoff = Date.now() / 1000 - o.olderThan;
      const old = (await listRuns(options)).filter((r) => (r.finishedAt ?? r.startedAt ?? Infinity) < cutoff);
      for (const run of old) {
        await deleteRunGroup(options, run);
      }
      process.stdout.write(`${JSON.stringify({ pruned: old.length })}\n`);
    });
}
