// codesentinel-canary: the Canary Analysis judge in a deployment pipeline. It sends the page's own
// catalogue queries to Prometheus, judges them with the same engine and settings, prints the table
// and the verdict (or JSON) and exits 0 promote / 1 roll back / 2 hold. Anything that prevents a
// verdict (Prometheus down, a bad selection) is a hold: the command never promotes on no evidence.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { judgeCanary } from '../src/analytics/canary/scorer';
import { actionFor } from '../src/pages/canary/canaryAction';
import { type SplitPresetId, SPLIT_PRESETS, defaultSplit, isSplitPreset } from '../src/queries/canary';
import { PRESET_IDS, type PresetId, isPresetId } from '../src/queries/conventions';
import { resolveCanaryConfig } from '../src/settings/canary';
import type { AppJsonData } from '../src/settings/jsonData';
import { resolveAppSettings } from '../src/settings/resolve';

import { SelectionError, collectCanaryData, rateIntervalFor } from './collect';
import { type Io, defaultIo } from './io';
import { PrometheusError, displayUrl, prometheusClient } from './prometheus';
import { type Report, EXIT_CODES, formatJson, formatText } from './report';
import { createWebhookServer } from './serve';

export const USAGE = `Usage: codesentinel-canary --prometheus <url> --service <name> [options]
       codesentinel-canary serve --listen <host:port> --prometheus <url> [options]

Judges a canary against its baseline from Prometheus, with the Canary Analysis page's queries,
statistics and settings. Exit code: 0 promote, 1 roll back, 2 hold (also when no verdict is possible).

  --prometheus <url>       Prometheus base URL (or PROMETHEUS_URL); credentials from PROMETHEUS_AUTHORIZATION
  --service <name>         the service whose canary is judged
  --convention <id>        metric convention: ${PRESET_IDS.join(', ')} (default: the settings' preset, else otel)
  --split <id>             ${SPLIT_PRESETS.map((p) => p.id).join(', ')}
                           (default: istio-version for Istio, canary-pods otherwise)
  --label <name>           custom split: the label telling the groups apart
  --canary-values <a,b>    custom / argo-hash split: canary values (exact)
  --baseline-values <a,b>  custom / argo-hash split: baseline values (exact)
  --window <duration>      analysis window ending now, e.g. 10m (default 10m)
  --step <duration>        one sample per step (default 30s)
  --scrape-interval <dur>  Prometheus scrape interval, for $__rate_interval (default 15s)
  --settings <file.json>   the app's jsonData (its "canary" thresholds and metrics, its convention)
  --timeout <duration>     per Prometheus request (default 30s)
  --json                   print the judgement as JSON instead of the table
  -h, --help               this text

serve: a webhook for Flagger. Each POST {name, namespace, phase, metadata} is judged with the options
above plus the hook's metadata (service, convention, split, label, canary-values, baseline-values,
window, step, scrape-interval; the service defaults to the Canary's name). Answers the JSON judgement
with 200 promote, 412 roll back, 503 hold (Flagger passes the check on 2xx only).
  --listen <host:port>     where to listen (default 127.0.0.1:8080; 0.0.0.0:8080 in a cluster)
`;

class UsageError extends Error {}

/** `90`, `90s`, `10m`, `1h`: seconds. */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 } as const;
  const seconds = m ? Number(m[1]) * unit[(m[2] ?? 's') as keyof typeof unit] : NaN;
  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw new UsageError(`${flag} must be a positive duration such as 30s, 10m or 1h; got "${text}".`);
  }
  return seconds;
}

function list(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

function readSettings(path: string | undefined): AppJsonData {
  if (!path) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`--settings ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new UsageError(`--settings ${path}: expected a JSON object (the app's jsonData).`);
  }
  // Accept the jsonData itself or a provisioning-style { jsonData: { ... } } wrapper.
  const o = parsed as { jsonData?: unknown };
  return (o.jsonData && typeof o.jsonData === 'object' ? o.jsonData : parsed) as AppJsonData;
}

function parse(argv: string[], io: Io) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      prometheus: { type: 'string' },
      service: { type: 'string' },
      convention: { type: 'string' },
      split: { type: 'string' },
      label: { type: 'string' },
      'canary-values': { type: 'string' },
      'baseline-values': { type: 'string' },
      window: { type: 'string', default: '10m' },
      step: { type: 'string', default: '30s' },
      'scrape-interval': { type: 'string', default: '15s' },
      settings: { type: 'string' },
      timeout: { type: 'string', default: '30s' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    return { help: true as const };
  }
  const rawUrl = values.prometheus ?? io.env.PROMETHEUS_URL;
  if (!rawUrl) {
    throw new UsageError('Give the Prometheus URL with --prometheus or PROMETHEUS_URL.');
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new UsageError(`--prometheus must be an http(s) URL; got "${rawUrl}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--prometheus must be an http(s) URL; got a ${url.protocol} URL.`);
  }
  if (url.username || url.password) {
    throw new UsageError(
      'Put Prometheus credentials in PROMETHEUS_AUTHORIZATION (e.g. "Bearer <token>"), not in the URL.'
    );
  }
  const service = values.service?.trim();
  if (!service) {
    throw new UsageError('Give the service with --service.');
  }
  const jsonData = readSettings(values.settings);
  if (values.convention !== undefined && !isPresetId(values.convention)) {
    throw new UsageError(`--convention must be one of ${PRESET_IDS.join(', ')}; got "${values.convention}".`);
  }
  // The app's own resolution: the preset (flag over settings) with the settings' label overrides.
  const convention = resolveAppSettings(
    values.convention ? { ...jsonData, preset: values.convention as PresetId } : jsonData
  ).convention;
  let split: SplitPresetId = defaultSplit(convention).preset;
  if (values.split !== undefined) {
    if (!isSplitPreset(values.split)) {
      throw new UsageError(
        `--split must be one of ${SPLIT_PRESETS.map((p) => p.id).join(', ')}; got "${values.split}".`
      );
    }
    split = values.split;
  }
  const stepSeconds = parseDuration(values.step, '--step');
  const scrapeSeconds = parseDuration(values['scrape-interval'], '--scrape-interval');
  return {
    help: false as const,
    url,
    json: values.json,
    timeoutMs: parseDuration(values.timeout, '--timeout') * 1000,
    convention,
    selection: {
      service,
      preset: split,
      label: values.label,
      canaryValues: list(values['canary-values']),
      baselineValues: list(values['baseline-values']),
    },
    config: resolveCanaryConfig(jsonData.canary),
    window: {
      end: io.now(),
      seconds: parseDuration(values.window, '--window'),
      stepSeconds,
      rateIntervalSeconds: rateIntervalFor(stepSeconds, scrapeSeconds),
    },
  };
}

function hold(io: Io, json: boolean, message: string): number {
  if (json) {
    io.out(`${JSON.stringify({ action: 'hold', exitCode: EXIT_CODES.hold, error: message }, null, 2)}\n`);
  } else {
    io.out(`Verdict: hold (no verdict: ${message})\n`);
  }
  io.err(`codesentinel-canary: ${message}\n`);
  return EXIT_CODES.hold;
}

export interface RunningWebhook {
  url: string;
  close: () => Promise<void>;
}

function parseListen(text: string): { host: string; port: number } {
  const m = /^(\[[0-9a-fA-F:]+\]|[\w.-]+):(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) {
    throw new UsageError(`--listen must be host:port such as 127.0.0.1:8080; got "${text}".`);
  }
  return { host: m[1].replace(/^\[|\]$/g, ''), port };
}

/**
 * `serve`: checks the server's own options once (a bad Prometheus URL fails at start, not on every
 * call), then listens. Resolves when it listens.
 */
export async function startWebhook(argv: string[], io: Io = defaultIo): Promise<RunningWebhook> {
  const i = argv.indexOf('--listen');
  const listen = parseListen(i >= 0 ? (argv[i + 1] ?? '') : '127.0.0.1:8080');
  const base = i >= 0 ? [...argv.slice(0, i), ...argv.slice(i + 2)] : [...argv];
  parse([...base, '--service', 'startup-check'], io);
  const server = createWebhookServer(base, main, io);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function serve(argv: string[], io: Io): Promise<number> {
  let running: RunningWebhook;
  try {
    running = await startWebhook(argv, io);
  } catch (e) {
    io.err(`codesentinel-canary serve: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return EXIT_CODES.hold;
  }
  io.err(`codesentinel-canary: Flagger webhook listening on ${running.url}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  await running.close();
  return 0;
}

/** Runs the command; resolves with the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (argv[0] === 'serve') {
    return serve(argv.slice(1), io);
  }
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv, io);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`codesentinel-canary: ${message}\n\n${USAGE}`);
    return EXIT_CODES.hold;
  }
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const auth = io.env.PROMETHEUS_AUTHORIZATION;
  const client = prometheusClient(options.url, options.timeoutMs, auth ? { authorization: auth } : {});
  try {
    const collected = await collectCanaryData(
      client,
      options.convention,
      options.selection,
      options.config.metrics,
      options.window
    );
    const judgement = judgeCanary(options.config.metrics, collected.data, options.config.thresholds, {
      canaryRequests: collected.totals.canaryRequests,
      baselineRequests: collected.totals.baselineRequests,
      minCanaryRequests: options.config.minCanaryRequests,
    });
    const report: Report = {
      judgement,
      action: actionFor(judgement.verdict),
      service: options.selection.service,
      split: collected.splitDescription,
      prometheus: displayUrl(options.url),
      windowSeconds: options.window.seconds,
      stepSeconds: options.window.stepSeconds,
      metrics: options.config.metrics,
    };
    io.out(options.json ? formatJson(report) : formatText(report));
    return EXIT_CODES[report.action];
  } catch (e) {
    if (e instanceof PrometheusError || e instanceof SelectionError) {
      return hold(io, options.json, e.message);
    }
    return hold(io, options.json, `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
  }
}
