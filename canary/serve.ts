// `codesentinel-canary serve`: the judge as a webhook Flagger calls during a canary analysis.
// Flagger POSTs {name, namespace, phase, metadata} and reads only the status: 2xx passes the check,
// anything else fails it (a rollout hook's failures count towards the Canary's `threshold`, then
// Flagger rolls back; a confirm-promotion hook keeps the promotion paused). Each call runs the same
// judgement as the command, with the server's flags plus the hook's `metadata` (string values named
// like the flags: service, split, window, …); the body of the answer is the command's JSON.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

import type { CanaryAction } from '../src/pages/canary/canaryAction';

import type { Io } from './io';

/** Flags a hook's metadata may set; the Prometheus URL and the settings file stay the server's. */
export const METADATA_FLAGS = [
  'service',
  'convention',
  'split',
  'label',
  'canary-values',
  'baseline-values',
  'window',
  'step',
  'scrape-interval',
] as const;

/**
 * 200 promote; 412 roll back (the canary fails the precondition of promotion); 503 hold (no
 * verdict yet: too little data or Prometheus unreachable). Flagger only tells 2xx from the rest.
 */
export const STATUS_FOR: Record<CanaryAction, number> = { promote: 200, 'roll back': 412, hold: 503 };
const ACTION_FOR_EXIT: Record<number, CanaryAction> = { 0: 'promote', 1: 'roll back', 2: 'hold' };

/** A Flagger webhook body is a few hundred bytes; refuse anything far larger. */
const MAX_BODY_BYTES = 64 * 1024;

export interface FlaggerPayload {
  name: string;
  namespace: string;
  phase?: string;
  metadata: Record<string, string>;
}

class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400
  ) {
    super(message);
  }
}

/** Flagger's payload, checked: a clear 400 instead of a judgement of the wrong thing. */
export function parsePayload(text: string): FlaggerPayload {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new BadRequest('The body must be JSON: {"name", "namespace", "phase", "metadata"} as Flagger sends it.');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequest('The body must be a JSON object with name, namespace, phase and metadata.');
  }
  const o = body as Record<string, unknown>;
  if (typeof o.name !== 'string' || !o.name.trim()) {
    throw new BadRequest('"name" (the Canary\'s name) must be a non-empty string.');
  }
  if (typeof o.namespace !== 'string') {
    throw new BadRequest('"namespace" must be a string.');
  }
  const metadata = o.metadata ?? {};
  if (typeof metadata !== 'object' || Array.isArray(metadata) || metadata === null) {
    throw new BadRequest('"metadata" must be an object of strings, as in the Canary\'s webhook spec.');
  }
  const entries = Object.entries(metadata as Record<string, unknown>);
  for (const [key, value] of entries) {
    if (!(METADATA_FLAGS as readonly string[]).includes(key)) {
      throw new BadRequest(`Unknown metadata "${key}"; allowed: ${METADATA_FLAGS.join(', ')}.`);
    }
    if (typeof value !== 'string') {
      throw new BadRequest(`metadata.${key} must be a string (Flagger's metadata is a map of strings).`);
    }
  }
  return {
    name: o.name,
    namespace: o.namespace,
    phase: typeof o.phase === 'string' ? o.phase : undefined,
    metadata: Object.fromEntries(entries) as Record<string, string>,
  };
}

/** The command's arguments for one call: the server's, then the hook's metadata; the service defaults to the Canary's name. */
export function argsFor(baseArgs: readonly string[], payload: FlaggerPayload): string[] {
  const args = [...baseArgs, '--json'];
  const metadata: Record<string, string> = { service: payload.name, ...payload.metadata };
  for (const flag of METADATA_FLAGS) {
    const value = metadata[flag];
    if (value !== undefined) {
      args.push(`--${flag}`, value);
    }
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequest(`The body is larger than ${MAX_BODY_BYTES} bytes.`, 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(`${JSON.stringify(body, null, 2)}\n`);
}

export type Judge = (argv: string[], io: Io) => Promise<number>;

/** The webhook server (not yet listening). `judge` is the command's `main`. */
export function createWebhookServer(baseArgs: readonly string[], judge: Judge, io: Io): Server {
  return createServer((req, res) => {
    void (async () => {
      try {
        if (req.method !== 'POST') {
          res.setHeader('allow', 'POST');
          throw new BadRequest('Flagger calls this hook with POST.', 405);
        }
        const payload = parsePayload(await readBody(req));
        let out = '';
        let err = '';
        const code = await judge(argsFor(baseArgs, payload), {
          ...io,
          out: (t) => (out += t),
          err: (t) => (err += t),
        });
        const action = ACTION_FOR_EXIT[code] ?? 'hold';
        let report: unknown;
        try {
          report = JSON.parse(out);
        } catch {
          // A usage error (a bad window in the metadata) prints no JSON, only the message.
          report = {
            action: 'hold',
            error: err
              .split('\n\n')[0]
              .replace(/^codesentinel-canary: /, '')
              .trim(),
          };
        }
        io.err(`${payload.namespace}/${payload.name} (${payload.phase ?? 'no phase'}): ${action}\n`);
        send(res, STATUS_FOR[action], report);
      } catch (e) {
        const status = e instanceof BadRequest ? e.status : 500;
        send(res, status, { action: 'hold', error: e instanceof Error ? e.message : String(e) });
      }
    })();
  });
}
