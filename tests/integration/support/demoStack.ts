// A demo workload with backfilled history, scraped by a real Prometheus that loads the repo's
// recording rules: what `docker compose up` runs, on local ports and with a shorter history.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { writeDeployHistory } from '../../../demo/deployHistory';
import { initialRuns, pushRun } from '../../../demo/deploySimulator';
import type { Convention } from '../../../demo/exposition';
import { type HistoryResult, generateHistory } from '../../../demo/history';
import { startDemoServer } from '../../../demo/server';

import { type PostgresStack, startPostgres } from './postgres';
import {
  type RunningServer,
  DEMO_SCRAPE_JOB,
  startPrometheusServer,
  startPushgateway,
  startServer,
  stackScrapeConfig,
} from './processes';

export interface DemoStack {
  prometheus: RunningServer;
  pushgateway?: RunningServer;
  postgres?: PostgresStack;
  history: HistoryResult;
  /** Prometheus' TSDB directory (backfilled blocks, then live data). */
  dataDir: string;
  stop: () => Promise<void>;
}

export interface DemoStackOptions {
  promPort: number;
  demoPort: number;
  historyDays: number;
  seed?: number;
  scrapeInterval?: string;
  /** Also run a Pushgateway (fed by the deploy simulator) and node-exporter on these ports. */
  pushgatewayPort?: number;
  nodeExporterPort?: number;
  /** Also run PostgreSQL under load and its exporter (scrape job `postgres`) on these ports. */
  postgres?: { port: number; exporterPort: number };
  /** Backfill the demo's deployment runs over the history too (Deployment Pipeline, deploy markers). */
  deployHistory?: boolean;
  /** Backfill the recording rules over the history too, with the compose step's own script. */
  backfillRules?: boolean;
  /** Extra Prometheus configuration (e.g. a remote_write block to a long-term store). */
  extraConfig?: string;
  /** Runs on the finished history (blocks in `dataDir`) before Prometheus opens it. */
  beforePrometheus?: (dataDir: string) => Promise<void>;
}

/** The history's resolution, as in docker-compose.yaml (HISTORY_STEP_SECONDS). */
const HISTORY_STEP_SECONDS = 60;

export async function startDemoStack(options: DemoStackOptions): Promise<DemoStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'codesentinel-demo-tsdb-'));
  const seed = options.seed ?? 42;
  let demo: Server | undefined;
  let prometheus: RunningServer | undefined;
  let pushgateway: RunningServer | undefined;
  let nodeExporter: RunningServer | undefined;
  let postgres: PostgresStack | undefined;
  // PostgreSQL starts while the history is generated (it takes seconds; the history minutes).
  const postgresStarting = options.postgres ? startPostgres(options.postgres) : undefined;
  postgresStarting?.catch(() => undefined);
  const stop = async () => {
    await prometheus?.stop();
    await (postgres ?? (await postgresStarting?.catch(() => undefined)))?.stop();
    await pushgateway?.stop();
    await nodeExporter?.stop();
    await new Promise((r) => (demo ? demo.close(r) : r(undefined)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const historyOptions = {
      seed,
      days: options.historyDays,
      stepSeconds: HISTORY_STEP_SECONDS,
      endSeconds: Math.floor(Date.now() / 1000),
      outDir: dataDir,
      conventions: ['otel', 'prometheus', 'istio'] as Convention[],
      // What stackScrapeConfig's demo job adds on a live scrape, so history and live are one series.
      target: { job: DEMO_SCRAPE_JOB, instance: `127.0.0.1:${options.demoPort}` },
      promtool: 'promtool',
    };
    const backfill = await generateHistory(historyOptions);
    if (options.deployHistory) {
      await writeDeployHistory({
        seed,
        days: options.historyDays,
        end: backfill.endSeconds,
        outDir: dataDir,
        promtool: 'promtool',
      });
    }
    if (options.backfillRules) {
      await backfillRecordingRules(dataDir, options.promPort, backfill);
    }
    // Generating days of history (and the rules over it) takes minutes: top it up to now, so the
    // first live scrape follows the last backfilled sample by about one step, not by a gap that
    // rate() windows across the boundary would read as a dip.
    const tailStart = backfill.endSeconds + HISTORY_STEP_SECONDS;
    const now = Math.floor(Date.now() / 1000);
    const tail =
      now >= tailStart
        ? await generateHistory({ ...historyOptions, startSeconds: tailStart, endSeconds: now })
        : undefined;
    const history: HistoryResult = {
      seconds: backfill.seconds + (tail?.seconds ?? 0),
      samples: backfill.samples + (tail?.samples ?? 0),
      blocks: backfill.blocks + (tail?.blocks ?? 0),
      startSeconds: backfill.startSeconds,
      endSeconds: tail?.endSeconds ?? backfill.endSeconds,
    };
    demo = await startDemoServer({ port: options.demoPort, host: '127.0.0.1', seed });
    if (options.pushgatewayPort) {
      pushgateway = await startPushgateway(options.pushgatewayPort);
      for (const run of initialRuns(seed, Date.now() / 1000)) {
        await pushRun(pushgateway.url, run);
      }
    }
    let scrape = stackScrapeConfig(
      {
        demo: `127.0.0.1:${options.demoPort}`,
        pushgateway: pushgateway ? `127.0.0.1:${options.pushgatewayPort}` : undefined,
      },
      options.scrapeInterval ?? '2s'
    );
    if (options.nodeExporterPort) {
      const address = `127.0.0.1:${options.nodeExporterPort}`;
      nodeExporter = await startServer(
        'prometheus-node-exporter',
        [`--web.listen-address=${address}`],
        `http://${address}`,
        '/metrics'
      );
      scrape += `  - job_name: node\n    static_configs:\n      - targets: ['${address}']\n`;
    }
    if (postgresStarting) {
      postgres = await postgresStarting;
      scrape += `  - job_name: postgres\n    static_configs:\n      - targets: ['${new URL(postgres.exporter.url).host}']\n`;
    }
    await options.beforePrometheus?.(dataDir);
    const rules = join(process.cwd(), 'infrastructure', 'prometheus', 'rules', '*.yaml');
    const config = `${scrape}rule_files:\n  - ${rules}\n${options.extraConfig ?? ''}`;
    prometheus = await startPrometheusServer({ port: options.promPort, config, dataDir });
    return { prometheus, pushgateway, postgres, history, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs demo/initRuleHistory.sh (the docker-compose step) against a temporary Prometheus on the
 * backfilled data, so the real one starts with the recording rules' history already on disk.
 */
async function backfillRecordingRules(dataDir: string, port: number, history: HistoryResult): Promise<void> {
  writeFileSync(join(dataDir, '.codesentinel-history'), `${history.startSeconds} ${history.endSeconds}\n`);
  const reader = await startPrometheusServer({ port, config: 'global:\n  scrape_interval: 15s\n', dataDir });
  try {
    await promisify(execFile)('sh', ['demo/initRuleHistory.sh'], {
      env: {
        ...process.env,
        HISTORY_OUT: dataDir,
        PROMETHEUS_URL: reader.url,
        RULES_FILE: join(process.cwd(), 'infrastructure', 'prometheus', 'rules', 'recording.yaml'),
        PROMETHEUS_UID: String(process.getuid?.() ?? 0),
      },
    });
  } finally {
    await reader.stop();
  }
}
