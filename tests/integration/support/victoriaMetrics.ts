// Starts a throwaway VictoriaMetrics single-node (the Debian binary) on 127.0.0.1 and stops it by
// PID; helpers to load data into it the ways the stack does (Prometheus remote_write, vmctl from
// Prometheus blocks, the import API) and to make what was written visible to queries at once.
import { execFile } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { type RunningServer, startServer } from './processes';

export interface VictoriaMetricsServer extends RunningServer {
  dataDir: string;
}

export interface VictoriaMetricsOptions {
  port: number;
  /** Storage directory (e.g. a restored backup); a temporary one, removed on stop, otherwise. */
  dataDir?: string;
  extraArgs?: string[];
}

/**
 * Test settings, and why they differ from the stack's:
 * - `-search.latencyOffset=0s`: VictoriaMetrics hides the last 30 s by default (samples still in
 *   flight from other agents); tests query right after writing.
 * - `-search.disableCache`: the rollup cache assumes the past does not change, and tests backfill it.
 * - retention 14 months: the long-term history is 13 months (samples older than retention are dropped).
 */
export async function startVictoriaMetrics(options: VictoriaMetricsOptions): Promise<VictoriaMetricsServer> {
  const temp = options.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'codesentinel-vm-'));
  const dataDir = options.dataDir ?? temp!;
  const url = `http://127.0.0.1:${options.port}`;
  const server = await startServer(
    'victoria-metrics',
    [
      `-httpListenAddr=127.0.0.1:${options.port}`,
      `-storageDataPath=${dataDir}`,
      '-retentionPeriod=14',
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=WARN',
      ...(options.extraArgs ?? []),
    ],
    url,
    '/health',
    temp ? [temp] : []
  );
  return { ...server, dataDir };
}

/** Makes every sample received so far searchable (VictoriaMetrics buffers ingestion for about a second). */
export async function forceFlush(url: string): Promise<void> {
  const res = await fetch(`${url}/internal/force_flush`);
  if (!res.ok) {
    throw new Error(`force_flush on ${url}: HTTP ${res.status}`);
  }
}

/** The remote_write block a test Prometheus gets to feed a VictoriaMetrics (sent within a second). */
export function remoteWriteConfig(vmUrl: string): string {
  return `remote_write:\n  - url: ${vmUrl}/api/v1/write\n    queue_config:\n      batch_send_deadline: 1s\n`;
}

/**
 * Hard-links the TSDB blocks of a Prometheus data directory into `into` (instant, no copy): a reader
 * of the links keeps the data even when the running Prometheus compacts and deletes the originals.
 */
export function linkBlocks(prometheusDataDir: string, into: string): string {
  for (const entry of readdirSync(prometheusDataDir, { withFileTypes: true })) {
    // Blocks are ULID-named directories; the WAL, chunks_head and scratch directories are not blocks.
    if (!entry.isDirectory() || !/^[0-9A-HJKMNP-TV-Z]{26}$/.test(entry.name)) {
      continue;
    }
    const from = join(prometheusDataDir, entry.name);
    const to = join(into, entry.name);
    mkdirSync(join(to, 'chunks'), { recursive: true });
    for (const file of readdirSync(from)) {
      if (file !== 'chunks') {
        linkSync(join(from, file), join(to, file));
      }
    }
    for (const chunk of readdirSync(join(from, 'chunks'))) {
      linkSync(join(from, 'chunks', chunk), join(to, 'chunks', chunk));
    }
  }
  return into;
}

/** Imports the blocks of a Prometheus data directory (backfilled history and rule history) with vmctl. */
export async function importPrometheusBlocks(vmUrl: string, prometheusDataDir: string): Promise<{ seconds: number }> {
  const started = Date.now();
  const args = [
    'prometheus',
    '-s',
    '--prom-snapshot',
    prometheusDataDir,
    '--vm-addr',
    vmUrl,
    '--vm-disable-progress-bar',
    '--vm-concurrency',
    '2',
  ];
  // vmctl 1.79's prometheus mode draws a progress bar whatever the flags say, and exits 0 without
  // importing when there is no terminal: give it one (util-linux `script`).
  const command = ['vmctl', ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qec', command, '/dev/null'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  if (!/Total time/.test(stdout) || /error/i.test(stdout)) {
    throw new Error(`vmctl did not finish the import:\n${stdout}`);
  }
  await forceFlush(vmUrl);
  return { seconds: (Date.now() - started) / 1000 };
}

/** Number of raw samples VictoriaMetrics holds for a selector over [start, end] (Unix seconds). */
export async function countSamples(vmUrl: string, selector: string, start: number, end: number): Promise<number> {
  const res = await fetch(`${vmUrl}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      query: `sum(count_over_time(${selector}[${end - start}s]))`,
      time: String(end),
    }).toString(),
  });
  const body = (await res.json()) as {
    status: string;
    error?: string;
    data?: { result: Array<{ value: [number, string] }> };
  };
  if (body.status !== 'success') {
    throw new Error(`count of ${selector}: ${body.error}`);
  }
  return Number(body.data?.result[0]?.value[1] ?? 0);
}
