/**
 * Writes the demo workload's past as OpenMetrics and turns it into Prometheus TSDB blocks, so
 * forecasts and seasonality have data the moment Prometheus starts.
 *   npx tsx demo/history.ts --days 14 --step 60 --out .cache/prometheus-data [--seed 42] [--end <unix s>]
 *     [--job demo --instance demo:9464]  (the scrape job and target whose labels the samples get)
 * One OpenMetrics file per block, each handed to `promtool tsdb create-blocks-from openmetrics
 * --max-block-duration=24h` while the next one is generated. promtool re-reads its whole input
 * once per block it cuts, and with a 24h maximum it cuts 18h blocks aligned to multiples of 18h
 * (the largest of Prometheus' 2h·3ⁿ ranges that fits), so files follow exactly those bounds.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  type Convention,
  type TargetLabels,
  buildFamilies,
  OPENMETRICS_EOF,
  openMetricsHeader,
  openMetricsSamples,
  takeSnapshot,
  withTargetLabels,
} from './exposition';
import { DAY, HOUR } from './load';
import { createModel } from './model';
import { conventionsOption, DEFAULT_SEED, numberOption, option } from './options';

/** What promtool makes of --max-block-duration=24h: 2h·3² = 18h, aligned to multiples of 18h. */
const BLOCK_SECONDS = 18 * HOUR;
/** Two cores here: one promtool per core while node generates the next file. */
const PARALLEL_PROMTOOLS = 2;

export interface HistoryOptions {
  seed: number;
  days: number;
  stepSeconds: number;
  /** Last sample time (Unix seconds); defaults to now. */
  endSeconds: number;
  /**
   * First sample time (Unix seconds) instead of `days` before the end: to top up an existing
   * history up to the moment live scraping starts, so no rate() window spans a long gap.
   */
  startSeconds?: number;
  /** Prometheus data directory that receives the blocks. */
  outDir: string;
  conventions: Convention[];
  /**
   * What the live scrape adds (job name from prometheus.yml, the target address as `instance` where
   * the demo sets none), so backfilled and scraped samples are one series.
   */
  target: TargetLabels;
  promtool: string;
  log?: (line: string) => void;
}

export interface HistoryResult {
  seconds: number;
  samples: number;
  blocks: number;
  startSeconds: number;
  endSeconds: number;
}

export async function generateHistory(options: HistoryOptions): Promise<HistoryResult> {
  validate(options);
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const model = createModel(options.seed);
  const families = withTargetLabels(buildFamilies(model, options.conventions), options.target);
  const header = openMetricsHeader(families);
  const linesPerStep = families.reduce((n, f) => n + f.lines.length, 0);
  const end = Math.floor(options.endSeconds / options.stepSeconds) * options.stepSeconds;
  const start = options.startSeconds !== undefined ? Math.ceil(options.startSeconds / options.stepSeconds) * options.stepSeconds : end - options.days * DAY;
  const scratch = mkdtempSync(join(tmpdir(), 'codesentinel-history-'));
  mkdirSync(options.outDir, { recursive: true });

  const running = new Set<Promise<void>>();
  let samples = 0;
  let blocks = 0;
  try {
    for (let blockStart = Math.floor(start / BLOCK_SECONDS) * BLOCK_SECONDS; blockStart <= end; blockStart += BLOCK_SECONDS) {
      const from = Math.max(start, Math.ceil(blockStart / options.stepSeconds) * options.stepSeconds);
      const to = Math.min(end, blockStart + BLOCK_SECONDS - 1);
      if (from > to) {
        continue;
      }
      const file = join(scratch, `history-${blockStart}.om`);
      const fd = openSync(file, 'w');
      writeSync(fd, header);
      for (let t = from; t <= to; t += options.stepSeconds) {
        writeSync(fd, openMetricsSamples(families, takeSnapshot(model, t), t));
        samples += linesPerStep;
      }
      writeSync(fd, OPENMETRICS_EOF);
      closeSync(fd);
      // Convert this block while the next one is generated, with at most PARALLEL promtools.
      if (running.size >= PARALLEL_PROMTOOLS) {
        await Promise.race(running);
      }
      const job: Promise<void> = toBlocks(options.promtool, file, options.outDir).then(() => {
        blocks += 1;
        running.delete(job);
        rmSync(file, { force: true });
        log(`history: block from ${new Date(from * 1000).toISOString()} written`);
      });
      running.add(job);
    }
    await Promise.all(running);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { seconds: (Date.now() - started) / 1000, samples, blocks, startSeconds: start, endSeconds: end };
}

function validate(options: HistoryOptions): void {
  if (!(options.days > 0) || options.days > 60) {
    throw new Error(`--days must be between 0 and 60, got ${options.days}`);
  }
  if (!Number.isInteger(options.stepSeconds) || options.stepSeconds < 5 || options.stepSeconds > 3600) {
    throw new Error(`--step must be a whole number of seconds between 5 and 3600, got ${options.stepSeconds}`);
  }
  if (!Number.isFinite(options.endSeconds) || options.endSeconds < 1.6e9) {
    throw new Error(`--end must be a Unix time in seconds, got ${options.endSeconds}`);
  }
  if (options.startSeconds !== undefined && !(options.startSeconds <= options.endSeconds)) {
    throw new Error(`the history start (${options.startSeconds}) must not be after its end (${options.endSeconds})`);
  }
}

export function toBlocks(promtool: string, file: string, outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(promtool, ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=24h', file, outDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => reject(new Error(`could not run ${promtool}: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`promtool failed on ${file} (exit ${code}): ${stderr.trim()}`))));
  });
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const options: HistoryOptions = {
    seed: numberOption(argv, 'seed', 'DEMO_SEED', DEFAULT_SEED),
    days: numberOption(argv, 'days', 'HISTORY_DAYS', 14),
    stepSeconds: numberOption(argv, 'step', 'HISTORY_STEP_SECONDS', 60),
    endSeconds: numberOption(argv, 'end', 'HISTORY_END', Math.floor(Date.now() / 1000)),
    outDir: option(argv, 'out', 'HISTORY_OUT', '.cache/prometheus-data'),
    conventions: conventionsOption(argv),
    // infrastructure/prometheus/prometheus.yml: job `demo`, target `demo:9464`.
    target: { job: option(argv, 'job', 'HISTORY_JOB', 'demo'), instance: option(argv, 'instance', 'HISTORY_INSTANCE', 'demo:9464') },
    promtool: option(argv, 'promtool', 'PROMTOOL', 'promtool'),
    log: (line) => console.log(line),
  };
  generateHistory(options).then(
    (r) =>
      console.log(
        `history: ${options.days} d at ${options.stepSeconds} s, ${r.samples} samples in ${r.blocks} blocks ` +
          `(${new Date(r.startSeconds * 1000).toISOString()} .. ${new Date(r.endSeconds * 1000).toISOString()}) in ${r.seconds.toFixed(1)} s`
      ),
    (error: unknown) => {
      console.error(`history failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  );
}
