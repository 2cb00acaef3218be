/**
 * Writes the demo workload's past year into the long-term store (VictoriaMetrics) through its JSON
 * line import API, from the same model as the live scrape and the 14-day Prometheus history, so the
 * two agree wherever their timestamps meet.
 *   npx tsx demo/longTermHistory.ts --vm-url http://victoriametrics:8428 [--days 400] [--step 900]
 *     [--seed 42] [--end <unix s>] [--job demo --instance demo:9464] [--label cluster=codesentinel-demo] [--once]
 * 15 minutes is the default step: 13 months × 3 conventions is ~38,000 steps × ~3,300 series
 * (~125 M samples, a few minutes to compute and import, a few hundred MB on disk), where 60 s would be
 * 15 times that for charts that are drawn at ≥ 1 h steps over 13 months anyway (11,000 points).
 * Rates need two samples in a window: [30m] and up on this history.
 */
import {
  type Convention,
  type Family,
  type TargetLabels,
  buildFamilies,
  takeSnapshot,
  withTargetLabels,
} from './exposition';
import { DAY } from './load';
import { createModel } from './model';
import { conventionsOption, DEFAULT_SEED, numberOption, option } from './options';

export interface LongTermHistoryOptions {
  vmUrl: string;
  seed: number;
  days: number;
  stepSeconds: number;
  /** Last sample time (Unix seconds), rounded down to the step. */
  endSeconds: number;
  conventions: Convention[];
  target: TargetLabels;
  /** Labels Prometheus adds on remote_write (its external_labels), so history and live are one series. */
  extraLabels: Record<string, string>;
  log?: (line: string) => void;
}

export interface LongTermHistoryResult {
  seconds: number;
  samples: number;
  series: number;
  startSeconds: number;
  endSeconds: number;
  requests: number;
}

/** Steps per import request: one day at 15 min is ~3,300 series × 96 samples, a few MB of JSON. */
const STEPS_PER_REQUEST = 96;

/** `name{a="b",c="d"}` as rendered by exposition.ts, back into a label object. */
export function parseSeriesKey(key: string): Record<string, string> {
  const open = key.indexOf('{');
  const labels: Record<string, string> = { __name__: open < 0 ? key : key.slice(0, open) };
  if (open < 0) {
    return labels;
  }
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const match of key.slice(open + 1, -1).matchAll(pattern)) {
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

export function historyTimes(options: Pick<LongTermHistoryOptions, 'days' | 'stepSeconds' | 'endSeconds'>): {
  start: number;
  end: number;
} {
  const end = Math.floor(options.endSeconds / options.stepSeconds) * options.stepSeconds;
  return { start: end - Math.round((options.days * DAY) / options.stepSeconds) * options.stepSeconds, end };
}

export async function writeLongTermHistory(options: LongTermHistoryOptions): Promise<LongTermHistoryResult> {
  validate(options);
  const started = Date.now();
  const model = createModel(options.seed);
  const families: Family[] = withTargetLabels(buildFamilies(model, options.conventions), options.target);
  const lines = families.flatMap((f) => f.lines);
  const metrics = lines.map((line) => JSON.stringify({ ...options.extraLabels, ...parseSeriesKey(line.key) }));
  const { start, end } = historyTimes(options);
  let samples = 0;
  let requests = 0;
  let pending: Promise<void> | undefined;
  for (let from = start; from <= end; from += STEPS_PER_REQUEST * options.stepSeconds) {
    const times: number[] = [];
    for (let t = from; t <= end && times.length < STEPS_PER_REQUEST; t += options.stepSeconds) {
      times.push(t);
    }
    const values: number[][] = lines.map(() => []);
    for (const t of times) {
      const snapshot = takeSnapshot(model, t);
      lines.forEach((line, i) => values[i].push(line.value(snapshot)));
    }
    const timestamps = JSON.stringify(times.map((t) => t * 1000));
    const body = metrics
      .map((metric, i) => `{"metric":${metric},"values":${JSON.stringify(values[i])},"timestamps":${timestamps}}\n`)
      .join('');
    samples += lines.length * times.length;
    // One request in flight while the next chunk is computed.
    await pending;
    pending = post(options.vmUrl, body);
    requests += 1;
    if (requests % 30 === 0) {
      options.log?.(`long-term history: up to ${new Date(times[times.length - 1] * 1000).toISOString()} sent`);
    }
  }
  await pending;
  return {
    seconds: (Date.now() - started) / 1000,
    samples,
    series: lines.length,
    startSeconds: start,
    endSeconds: end,
    requests,
  };
}

async function post(vmUrl: string, body: string): Promise<void> {
  const res = await fetch(`${vmUrl}/api/v1/import`, { method: 'POST', body });
  if (!res.ok) {
    throw new Error(`import into ${vmUrl} failed: HTTP ${res.status} ${await res.text()}`);
  }
}

function validate(options: LongTermHistoryOptions): void {
  if (!(options.days > 0) || options.days > 800) {
    throw new Error(`--days must be between 0 and 800, got ${options.days}`);
  }
  if (!Number.isInteger(options.stepSeconds) || options.stepSeconds < 60 || options.stepSeconds > 3600) {
    throw new Error(`--step must be a whole number of seconds between 60 and 3600, got ${options.stepSeconds}`);
  }
  if (!Number.isFinite(options.endSeconds) || options.endSeconds < 1.6e9) {
    throw new Error(`--end must be a Unix time in seconds, got ${options.endSeconds}`);
  }
  if (!/^https?:\/\/[^\s]+$/.test(options.vmUrl)) {
    throw new Error(`--vm-url must be an http(s) URL, got "${options.vmUrl}"`);
  }
}

/** True when the store already holds demo samples older than two days (a previous init step's). */
export async function hasLongTermHistory(vmUrl: string): Promise<boolean> {
  const query = 'count(count_over_time(kubelet_volume_stats_capacity_bytes{job="demo"}[1d] offset 2d))';
  const res = await fetch(`${vmUrl}/api/v1/query?${new URLSearchParams({ query })}`);
  if (!res.ok) {
    throw new Error(`${vmUrl} did not answer a query: HTTP ${res.status}`);
  }
  const body = (await res.json()) as { data?: { result?: unknown[] } };
  return (body.data?.result?.length ?? 0) > 0;
}

/** `--label a=b,c=d` (LONG_TERM_LABELS). */
export function labelsOption(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0 || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(pair.slice(0, eq))) {
      throw new Error(`--label takes name=value pairs separated by commas, got "${pair}"`);
    }
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const run = async () => {
    const options: LongTermHistoryOptions = {
      vmUrl: option(argv, 'vm-url', 'LONG_TERM_URL', 'http://127.0.0.1:8428'),
      seed: numberOption(argv, 'seed', 'DEMO_SEED', DEFAULT_SEED),
      days: numberOption(argv, 'days', 'LONG_TERM_DAYS', 400),
      stepSeconds: numberOption(argv, 'step', 'LONG_TERM_STEP_SECONDS', 900),
      endSeconds: numberOption(argv, 'end', 'HISTORY_END', Math.floor(Date.now() / 1000)),
      conventions: conventionsOption(argv),
      target: {
        job: option(argv, 'job', 'HISTORY_JOB', 'demo'),
        instance: option(argv, 'instance', 'HISTORY_INSTANCE', 'demo:9464'),
      },
      extraLabels: labelsOption(option(argv, 'label', 'LONG_TERM_LABELS', '')),
      log: (line) => console.log(line),
    };
    if (argv.includes('--once') && (await hasLongTermHistory(options.vmUrl))) {
      console.log(`long-term history: already in ${options.vmUrl}, skipping`);
      return;
    }
    const r = await writeLongTermHistory(options);
    console.log(
      `long-term history: ${options.days} d at ${options.stepSeconds} s, ${r.samples} samples of ${r.series} series in ${r.requests} requests ` +
        `(${new Date(r.startSeconds * 1000).toISOString()} .. ${new Date(r.endSeconds * 1000).toISOString()}) in ${r.seconds.toFixed(1)} s`
    );
  };
  run().catch((error: unknown) => {
    console.error(`long-term history failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
