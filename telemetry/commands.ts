// The CLI's actions. They print a one-line JSON result on stdout (for scripts) and human notes on
// stderr, and set process.exitCode rather than exiting so `main` stays testable.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { scanCatalog } from './catalog/scan';
import { TelemetryClient, type FlushResult } from './client';
import { EXIT_PENDING } from './contract';
import { putJson, type BulkDoc } from './es/bulk';
import { esConfig } from './es/config';
import {
  buildFeedback,
  buildInvocation,
  InvalidEventError,
  toBulkDoc,
  type FeedbackInput,
  type InvocationInput,
} from './events';
import { startExporter } from './exporter/server';
import { redactUrl } from './redact';
import { shown } from './schema';
import { COMPONENT_TEMPLATES, INDEX_TEMPLATES } from './template';

export interface GlobalOptions {
  esUrl: string;
  spool: string;
  jsonl?: string;
  timeoutMs: number;
}

function client(g: GlobalOptions): TelemetryClient {
  return new TelemetryClient({ es: esConfig(g.esUrl, g.timeoutMs), spoolPath: g.spool, jsonlPath: g.jsonl });
}

function print(result: object) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** The flush result for stdout: counts only, the lines set aside go to stderr one by one. */
function summary(result: FlushResult): Omit<FlushResult, 'movedAside'> {
  const { movedAside: _listed, ...counts } = result;
  return counts;
}

/** Every line a flush set aside, on stderr; the caller decides what that means for the exit code. */
function reportMovedAside(result: FlushResult) {
  for (const m of result.movedAside) {
    process.stderr.write(`error: moved a spool line to ${m.file}: ${m.reason}: ${m.preview}\n`);
  }
}

async function deliver(g: GlobalOptions, docs: BulkDoc[], extra: object = {}) {
  const c = client(g);
  const result = await c.submit(docs);
  if (!('pending' in result)) {
    print({ ...extra, ...result });
    return;
  }
  print({ ...extra, ...summary(result) });
  if (result.spoolError) {
    process.stderr.write(`error: cannot write the spool ${c.spoolPath} (${result.spoolError})\n`);
    if (result.unsent) {
      process.stderr.write(
        `error: ${result.unsent} event(s) were NOT recorded: sending them directly failed too (${result.error ?? 'unknown reason'})\n`
      );
      process.exitCode = 1;
    } else {
      process.stderr.write(
        'warning: the event(s) were sent directly and stored; fix the spool so outages do not lose events\n'
      );
    }
    return;
  }
  if (result.pending > 0) {
    process.stderr.write(
      `warning: Elasticsearch did not take every event (${result.error ?? 'unknown reason'}); ${result.pending} kept in ${c.spoolPath}, run \`codesentinel-telemetry flush\` later\n`
    );
  }
  reportMovedAside(result);
  if (result.damaged) {
    process.stderr.write(
      `warning: ${result.damaged} damaged or undeliverable line(s) in ${c.spoolPath}; run \`codesentinel-telemetry flush\` to set them aside and see them\n`
    );
  }
  // Older lines set aside on the way are reported but do not fail this run: its own documents are
  // stored or safely spooled, and a caller that retried on a non-zero exit would record them twice.
  const mine = new Set(docs.map((d) => d.id));
  if (result.movedAside.some((m) => m.id !== undefined && mine.has(m.id))) {
    process.stderr.write(`error: Elasticsearch rejected this run's document(s); they are in ${c.rejectedPath}\n`);
    process.exitCode = 1;
  }
}

/** The flags of `record` and `run`: the invocation's input under the option names commander gives it. */
type InvocationFlags = Omit<InvocationInput, 'procedureId' | 'sessionId' | 'agentId' | 'status' | 'durationMs'> &
  Partial<Pick<InvocationInput, 'status' | 'durationMs'>> & {
    procedure: string;
    session?: string;
    agent?: string;
    errorMessageFile?: string;
  };

function invocationInput(o: InvocationFlags, status: string, durationMs: number): InvocationInput {
  return {
    procedureId: o.procedure,
    status,
    durationMs,
    timestamp: o.timestamp,
    eventId: o.eventId,
    sessionId: o.session,
    agentId: o.agent,
    title: o.title,
    contentSha: o.contentSha,
    satellitePath: o.satellitePath,
    satelliteVersion: o.satelliteVersion,
    abortReason: o.abortReason,
    stepsTotal: o.stepsTotal,
    stepsCompleted: o.stepsCompleted,
    taskId: o.taskId,
    taskType: o.taskType,
    errorType: o.errorType,
    errorMessage: o.errorMessageFile ? readTextFile('--error-message-file', o.errorMessageFile) : o.errorMessage,
  };
}

/** The text of a `--...-file` option: a file, or stdin for `-`; invalid UTF-8 is refused, not replaced. */
export function readTextFile(option: string, path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    throw new InvalidEventError([`${option}: cannot read ${shown(path)}: ${(e as Error).message}`]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/\n+$/, '');
  } catch {
    throw new InvalidEventError([`${option}: ${shown(path)} is not valid UTF-8`]);
  }
}

export async function runRecord(g: GlobalOptions, o: InvocationFlags) {
  const event = buildInvocation(invocationInput(o, o.status ?? '', o.durationMs ?? NaN));
  await deliver(g, [toBulkDoc(event)], { event_id: event.event.id });
}

/** Runs the command with inherited stdio; the event is built before the run so bad flags fail fast. */
export async function runWrapped(g: GlobalOptions, o: InvocationFlags, command: string[]) {
  buildInvocation(invocationInput(o, 'success', 0));
  const started = process.hrtime.bigint();
  const startedAt = o.timestamp ?? new Date();
  const { code, signal, spawnError } = await new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    spawnError?: Error;
  }>((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
    child.on('error', (error) => resolve({ code: null, signal: null, spawnError: error }));
    child.on('exit', (c, s) => resolve({ code: c, signal: s }));
  });
  const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
  let status = 'success';
  const flags: InvocationFlags = { ...o, timestamp: startedAt };
  if (spawnError) {
    status = 'failure';
    flags.errorType ??= 'spawn_error';
    flags.errorMessage ??= spawnError.message;
  } else if (signal === 'SIGINT' || signal === 'SIGTERM') {
    status = 'agent_aborted';
    flags.abortReason ??= 'user_cancel';
  } else if (code !== 0) {
    status = 'failure';
    flags.errorType ??= signal ? `signal_${signal}` : `exit_${code}`;
  }
  const event = buildInvocation(invocationInput(flags, status, Math.round(durationMs * 1000) / 1000));
  await deliver(g, [toBulkDoc(event)], { event_id: event.event.id, status, exit_code: code });
  if (process.exitCode === undefined || process.exitCode === 0) {
    process.exitCode = spawnError ? 127 : (code ?? 128);
  }
}

/** The flags of `feedback`: the feedback's input under the option names commander gives it. */
type FeedbackFlags = Omit<FeedbackInput, 'procedureId' | 'invocationId' | 'agentId'> & {
  procedure: string;
  invocation?: string;
  agent?: string;
  commentFile?: string;
};

export async function runFeedback(g: GlobalOptions, o: FeedbackFlags) {
  const event = buildFeedback({
    procedureId: o.procedure,
    clarity: o.clarity,
    usefulness: o.usefulness,
    comment: o.commentFile ? readTextFile('--comment-file', o.commentFile) : o.comment,
    source: o.source,
    invocationId: o.invocation,
    reviewStatus: o.reviewStatus,
    quarter: o.quarter,
    agentId: o.agent,
    title: o.title,
    contentSha: o.contentSha,
    satellitePath: o.satellitePath,
    satelliteVersion: o.satelliteVersion,
    timestamp: o.timestamp,
    eventId: o.eventId,
  });
  await deliver(g, [toBulkDoc(event)], { event_id: event.event.id });
}

export async function runCatalog(
  g: GlobalOptions,
  root: string,
  o: { dryRun?: boolean; json?: boolean; satelliteVersion?: string }
) {
  const report = scanCatalog(root, { version: o.satelliteVersion });
  for (const file of report.files) {
    const repaired = file.repairedLines ? `, repaired ${file.repairedLines} lines damaged by "->"` : '';
    // Folder names are shown escaped: a name with an escape code must not drive the terminal.
    process.stderr.write(
      `${shown(file.path)}: ${file.procedures} procedure(s) as ${shown(file.satelliteId)}/PROC-<n>${repaired}\n`
    );
    for (const s of file.skipped) {
      process.stderr.write(`  skipped${s.line ? ` (line ${s.line})` : ''}: ${s.reason}\n`);
    }
  }
  if (report.files.length === 0) {
    process.stderr.write(`no AGENT_INSTRUCTIONS.md found under ${shown(root)}\n`);
  }
  const summary = {
    files: report.files.length,
    procedures: report.documents.length,
    skipped: report.files.reduce((n, f) => n + f.skipped.length, 0),
    ...(o.json ? { documents: report.documents } : {}),
  };
  if (o.dryRun) {
    print(summary);
    return;
  }
  await deliver(g, report.documents.map(toBulkDoc), summary);
}

export async function runFlush(g: GlobalOptions) {
  const result: FlushResult = await client(g).flush();
  print(summary(result));
  if (result.pending > 0) {
    process.stderr.write(`warning: ${result.pending} event(s) still pending: ${result.error ?? ''}\n`);
    process.exitCode = EXIT_PENDING;
  }
  reportMovedAside(result);
  if (result.movedAside.length > 0) {
    process.stderr.write(
      `error: ${result.movedAside.length} spool line(s) set aside (${result.rejected} rejected, ${result.corrupt} corrupt)${result.pending === 0 ? '; every other event was delivered' : ''}\n`
    );
    process.exitCode = 1;
  }
}

export async function runSetup(g: GlobalOptions) {
  const c = esConfig(g.esUrl, g.timeoutMs);
  for (const [name, body] of Object.entries(COMPONENT_TEMPLATES)) {
    await putJson(c, `/_component_template/${name}`, body);
  }
  for (const [name, body] of Object.entries(INDEX_TEMPLATES)) {
    await putJson(c, `/_index_template/${name}`, body);
  }
  print({
    component_templates: Object.keys(COMPONENT_TEMPLATES).length,
    index_templates: Object.keys(INDEX_TEMPLATES).length,
  });
}

/** Serves /metrics until SIGINT/SIGTERM. */
export async function runServeMetrics(g: GlobalOptions, o: { listen: string; minIntervalMs: number }) {
  const m = /^(.+):(\d{1,5})$/.exec(o.listen);
  if (!m) {
    throw new InvalidEventError([`--listen must be host:port, got ${JSON.stringify(o.listen)}`]);
  }
  const es = esConfig(g.esUrl, g.timeoutMs);
  const server = await startExporter({ es, host: m[1], port: Number(m[2]), minIntervalMs: o.minIntervalMs });
  process.stderr.write(`serving http://${o.listen}/metrics from ${redactUrl(es.url)}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
