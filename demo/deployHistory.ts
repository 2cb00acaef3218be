/**
 * The demo's deployment history, written into Prometheus' storage like the request history, so the
 * Deployment Pipeline and the deploy markers are full from the first minute: a few runs a day per
 * service and environment, some failures, and deployments that line up with the demo's incidents
 * (auth's recurring error burst starts 3 minutes after a production deploy that gets rolled back and
 * fixed; payments' latency spike starts 4 minutes after a production deploy). Each run is written as
 * the Pushgateway would have exposed it for RUN_VISIBLE_SECONDS (the same series the live scrape
 * makes), so the page's per-run queries count it once. The alerts the repo's rules raise on the same
 * days' requests (alertHistory.ts) go in too: rule backfill skips alerting rules.
 *   npx tsx demo/deployHistory.ts --days 14 --out .cache/prometheus-data [--seed 42] [--end <unix s>]
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type AlertEpisode, alertEpisodes, alertOpenMetrics } from './alertHistory';
import {
  type DeployRun,
  DEPLOY_JOB,
  ENVIRONMENTS,
  RUN_METRICS,
  ciUrl,
  fakeCommit,
  labelText,
  runSeries,
} from './deploySimulator';
import { toBlocks } from './history';
import { DAY, DEMO_EPOCH_SECONDS, HOUR, MINUTE, incidents } from './load';
import { createModel } from './model';
import { numberOption, option, DEFAULT_SEED } from './options';
import { between, seededDraws } from './random';
import { SERVICE_NAMES } from './topology';

/** How long each run's group stays scraped in the history: a few scrapes, as with a pruned Pushgateway. */
export const RUN_VISIBLE_SECONDS = 20 * MINUTE;
const STEP_SECONDS = 60;

interface Window {
  offset: number;
  period: number;
  duration: number;
}

/** Starts (Unix s) of a recurring demo incident window within [from, to]. */
export function windowStarts(window: Window, from: number, to: number): number[] {
  const out: number[] = [];
  const first = Math.ceil((from - DEMO_EPOCH_SECONDS - window.offset) / window.period);
  for (let k = Math.max(0, first); DEMO_EPOCH_SECONDS + window.offset + k * window.period <= to; k++) {
    out.push(DEMO_EPOCH_SECONDS + window.offset + k * window.period);
  }
  return out;
}

function run(
  seed: number,
  service: string,
  environment: string,
  runId: string,
  finishedAt: number,
  status: DeployRun['status'],
  n: number
): DeployRun {
  const draw = seededDraws(seed);
  const duration = Math.round(between(draw(`hist.duration.${runId}`), 60, environment === 'production' ? 540 : 240));
  const lead = Math.round(
    between(
      draw(`hist.lead.${runId}`),
      environment === 'production' ? 2 * HOUR : 20 * MINUTE,
      environment === 'production' ? 30 * HOUR : 6 * HOUR
    )
  );
  return {
    service,
    environment,
    runId,
    startedAt: finishedAt - duration,
    finishedAt,
    status,
    version: `1.${n}.0`,
    commit: fakeCommit(seed, `${service}.${runId}`),
    committedAt: finishedAt - duration - lead,
    url: ciUrl({ service, runId }),
  };
}

/** Every run of the history between `from` and `to` (Unix s), in finish order. */
export function deployHistoryRuns(seed: number, from: number, to: number): DeployRun[] {
  const draw = seededDraws(seed);
  const runs: DeployRun[] = [];
  const version = new Map<string, number>();
  const next = (service: string) => {
    const n = (version.get(service) ?? 100) + 1;
    version.set(service, n);
    return n;
  };
  for (let day = Math.floor(from / DAY); day * DAY <= to; day++) {
    for (const service of SERVICE_NAMES) {
      for (const environment of ENVIRONMENTS) {
        const key = `${service}.${environment}.${day}`;
        const count =
          environment === 'staging'
            ? 2 + Math.floor(draw(`hist.count.${key}`) * 3)
            : 1 + Math.floor(draw(`hist.count.${key}`) * 3);
        for (let k = 0; k < count; k++) {
          // Working hours, UTC.
          const finishedAt = Math.round(day * DAY + 7 * HOUR + draw(`hist.time.${key}`, k) * 12 * HOUR);
          const r = draw(`hist.result.${key}`, k);
          const failureRate = service === 'checkout' ? 0.2 : 0.06;
          const status = r >= failureRate ? 'success' : r < failureRate / 4 ? 'rolled_back' : 'failure';
          runs.push(run(seed, service, environment, `h${day}-${k}`, finishedAt, status, next(service)));
        }
      }
    }
  }
  const events = incidents(seed);
  for (const start of windowStarts(events.errorBurst.window, from, to)) {
    const s = events.errorBurst.service;
    runs.push(run(seed, s, 'production', `incident-${start}`, start - 3 * MINUTE, 'rolled_back', next(s)));
    runs.push(
      run(
        seed,
        s,
        'production',
        `fix-${start}`,
        start + events.errorBurst.window.duration + 8 * MINUTE,
        'success',
        next(s)
      )
    );
  }
  for (const start of windowStarts(events.latencySpike.window, from, to)) {
    const s = events.latencySpike.service;
    runs.push(run(seed, s, 'production', `incident-${start}`, start - 4 * MINUTE, 'success', next(s)));
  }
  return runs.filter((r) => r.finishedAt >= from && r.finishedAt <= to).sort((a, b) => a.finishedAt - b.finishedAt);
}

/**
 * OpenMetrics for the runs: one family per gauge, each series contiguous and in time order;
 * `extraFamilies` (the alert history's families) go before the end marker.
 */
export function deployHistoryOpenMetrics(runs: readonly DeployRun[], end: number, extraFamilies = ''): string {
  const families = new Map<string, string[]>();
  for (const r of runs) {
    const key = { job: DEPLOY_JOB, service: r.service, environment: r.environment, run_id: r.runId };
    for (const { metric, labels, value } of runSeries(r)) {
      const name = RUN_METRICS[metric];
      const series = `${name}${labelText({ ...key, ...labels })}`;
      const lines = families.get(name) ?? [];
      const first = Math.ceil(r.finishedAt / STEP_SECONDS) * STEP_SECONDS;
      for (let t = first; t <= Math.min(end, r.finishedAt + RUN_VISIBLE_SECONDS); t += STEP_SECONDS) {
        lines.push(`${series} ${value} ${t}`);
      }
      families.set(name, lines);
    }
  }
  return (
    [...families.entries()].map(([name, lines]) => `# TYPE ${name} gauge\n${lines.join('\n')}\n`).join('') +
    extraFamilies +
    '# EOF\n'
  );
}

export async function writeDeployHistory(options: {
  seed: number;
  days: number;
  end: number;
  outDir: string;
  promtool: string;
}): Promise<{ runs: number; alerts: AlertEpisode[] }> {
  const from = options.end - options.days * DAY;
  const runs = deployHistoryRuns(options.seed, from, options.end);
  // The incident alerts of the same days, so deploys followed by a P1/P2 alert count as failed changes.
  const episodes = alertEpisodes(createModel(options.seed), from, options.end, STEP_SECONDS);
  const scratch = mkdtempSync(join(tmpdir(), 'codesentinel-deploy-history-'));
  try {
    const file = join(scratch, 'deploys.om');
    const fd = openSync(file, 'w');
    writeSync(fd, deployHistoryOpenMetrics(runs, options.end, alertOpenMetrics(episodes)));
    closeSync(fd);
    await toBlocks(options.promtool, file, options.outDir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { runs: runs.length, alerts: episodes };
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const days = numberOption(argv, 'days', 'HISTORY_DAYS', 14);
  writeDeployHistory({
    seed: numberOption(argv, 'seed', 'DEMO_SEED', DEFAULT_SEED),
    days,
    end: numberOption(argv, 'end', 'HISTORY_END', Math.floor(Date.now() / 1000)),
    outDir: option(argv, 'out', 'HISTORY_OUT', '.cache/prometheus-data'),
    promtool: option(argv, 'promtool', 'PROMTOOL', 'promtool'),
  }).then(
    ({ runs, alerts }) => console.log(`deploy history: ${runs} runs and ${alerts.length} alert episodes over ${days} d`),
    (error: unknown) => {
      console.error(`deploy history failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  );
}
