// The telemetry client: every event is first appended to the spool (fsynced), then the whole spool
// is flushed with bulk `create`. An event leaves the spool only once Elasticsearch answered 201 or
// 409 (already stored) for it, so a crash or an outage at any point can delay an event but never
// lose or duplicate it. Documents Elasticsearch refuses outright (a 400 mapping error) go to
// `rejected.jsonl` beside the spool, to be looked at rather than retried forever; so do spool lines
// that can never be sent (an unknown op, an over-long id), and lines that are not JSON at all (a torn
// write) go to `<spool>.corrupt`. Every line set aside is listed in the flush result. One such line
// never blocks the others: a bulk request Elasticsearch refuses as a whole is split until the
// document it refuses is alone.
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { bulk, EsRefusedError, oneLine, type BulkDoc, type BulkResult, type EsConfig } from './es/bulk';
import { Spool } from './spool';

export interface ClientOptions {
  es: EsConfig;
  spoolPath: string;
  /** When set, events are appended here as JSONL for a log shipper and Elasticsearch is not contacted. */
  jsonlPath?: string;
  batchSize?: number;
}

export interface MovedAside {
  /** Where the line now is. */
  file: string;
  reason: string;
  /** The start of the line, on one line. */
  preview: string;
  /** The document id, when the line was a document. */
  id?: string;
}

export interface FlushResult {
  stored: number;
  duplicates: number;
  /** Documents refused by Elasticsearch or impossible to send, now in rejected.jsonl. */
  rejected: number;
  /** Spool lines that were not JSON (a torn write), now in `<spool>.corrupt`. */
  corrupt: number;
  /** Still in the spool after this flush. */
  pending: number;
  /** Why the flush stopped early, if it did. */
  error?: string;
  /** Every line this flush set aside (rejected + corrupt), for the report on stderr. */
  movedAside: MovedAside[];
  /** Damaged or undeliverable lines left in the spool for an explicit `flush` to set aside. */
  damaged?: number;
  /** Why the spool could not be written (read-only, full, no permission); the events were sent directly. */
  spoolError?: string;
  /** Events neither stored nor spooled: only when the spool could not be written and sending failed too. */
  unsent?: number;
}

const SPOOL_WRITE_ERRORS = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT', 'ENOTDIR', 'EISDIR']);

export function defaultSpoolPath(): string {
  const base = process.env.XDG_STATE_HOME || join(homedir(), '.local', 'state');
  return join(base, 'codesentinel-telemetry', 'spool.jsonl');
}

export class TelemetryClient {
  private readonly spool: Spool;
  private readonly batchSize: number;

  constructor(private readonly options: ClientOptions) {
    this.spool = new Spool(options.spoolPath);
    this.batchSize = options.batchSize ?? 500;
  }

  get spoolPath(): string {
    return this.spool.path;
  }

  get rejectedPath(): string {
    return this.spool.rejectedPath;
  }

  /** Durably accept documents, then try to deliver everything pending. */
  async submit(docs: BulkDoc[]): Promise<FlushResult | { jsonl: string; written: number }> {
    if (this.options.jsonlPath) {
      // One JSON object per line, the document itself: Filebeat's ndjson parser reads it and uses
      // event.id as the document id (see README), so the shipper cannot duplicate either.
      const jsonlPath = this.options.jsonlPath;
      mkdirSync(dirname(jsonlPath), { recursive: true });
      await this.spool.withLock(() =>
        this.spool.appendUnlocked(
          docs.map((d) => d.source),
          jsonlPath
        )
      );
      return { jsonl: this.options.jsonlPath, written: docs.length };
    }
    try {
      await this.spool.withLock(() => this.spool.appendUnlocked(docs));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === undefined || !SPOOL_WRITE_ERRORS.has(code)) {
        throw e;
      }
      return this.sendWithoutSpool(docs, `${code}: ${(e as Error).message}`);
    }
    return this.flush({ setAside: false });
  }

  /** The spool cannot be written: still try to store the events, and say exactly what happened. */
  private async sendWithoutSpool(docs: BulkDoc[], spoolError: string): Promise<FlushResult> {
    const result: FlushResult = {
      stored: 0,
      duplicates: 0,
      rejected: 0,
      corrupt: 0,
      pending: 0,
      movedAside: [],
      spoolError,
    };
    let answer: BulkResult;
    try {
      answer = await this.sendIsolating(docs);
    } catch (e) {
      return { ...result, unsent: docs.length, error: e instanceof Error ? e.message : String(e) };
    }
    answer.outcomes.forEach((outcome, j) => {
      if (outcome === 'stored') {
        result.stored++;
      } else if (outcome === 'duplicate') {
        result.duplicates++;
      } else {
        result.unsent = (result.unsent ?? 0) + 1;
        result.error ??= answer.reasons[j];
      }
    });
    return result;
  }

  /**
   * Delivers what is pending. Only an explicit flush (`setAside`) moves damaged or undeliverable
   * lines out of the spool and reports them; a flush on the way of `record` leaves them in place
   * and counts them in `damaged`, so the run that set them aside is the one whose exit code says so.
   */
  async flush(options: { setAside?: boolean } = { setAside: true }): Promise<FlushResult> {
    return this.spool.withLock(async () => {
      const read = this.spool.readUnlocked();
      const { docs } = read;
      const setAside = options.setAside ?? true;
      const corrupt = setAside ? read.corrupt : [];
      const invalid = setAside ? read.invalid : [];
      const left = setAside ? [] : [...read.corrupt, ...read.invalid.map(({ doc }) => JSON.stringify(doc))];
      const result: FlushResult = { stored: 0, duplicates: 0, rejected: 0, corrupt: 0, pending: 0, movedAside: [] };
      if (left.length > 0) {
        result.damaged = left.length;
      }
      const corruptPath = `${this.spool.path}.corrupt`;
      if (corrupt.length > 0) {
        appendFileSync(corruptPath, corrupt.map((l) => l + '\n').join(''));
        result.corrupt = corrupt.length;
        for (const line of corrupt) {
          result.movedAside.push({
            file: corruptPath,
            reason: 'not a complete JSON line (torn write)',
            preview: preview(line),
          });
        }
      }
      const keep: BulkDoc[] = [];
      const rejected: Array<{ doc: unknown; reason: string }> = [...invalid];
      let i = 0;
      for (; i < docs.length; i += this.batchSize) {
        const batch = docs.slice(i, i + this.batchSize);
        let answer: BulkResult;
        try {
          answer = await this.sendIsolating(batch);
        } catch (e) {
          result.error = e instanceof Error ? e.message : String(e);
          break;
        }
        answer.outcomes.forEach((outcome, j) => {
          if (outcome === 'stored') {
            result.stored++;
          } else if (outcome === 'duplicate') {
            result.duplicates++;
          } else if (outcome === 'rejected') {
            rejected.push({ doc: batch[j], reason: answer.reasons[j] ?? 'rejected' });
          } else {
            keep.push(batch[j]);
            result.error ??= `some documents were not accepted yet: ${answer.reasons[j]}`;
          }
        });
      }
      keep.push(...docs.slice(i));
      if (rejected.length > 0) {
        this.spool.appendUnlocked(
          rejected.map(({ doc, reason }) => (isObject(doc) ? { ...doc, reason } : { doc, reason })),
          this.spool.rejectedPath
        );
        result.rejected = rejected.length;
        for (const { doc, reason } of rejected) {
          const id = isObject(doc) && typeof doc.id === 'string' ? doc.id : undefined;
          result.movedAside.push({ file: this.spool.rejectedPath, reason, preview: preview(JSON.stringify(doc)), id });
        }
      }
      if (docs.length > 0 || corrupt.length > 0 || invalid.length > 0) {
        this.spool.rewriteUnlocked(keep, left);
      }
      result.pending = keep.length;
      return result;
    });
  }

  /**
   * One bulk request; when Elasticsearch refuses it as a whole (400/413), the halves are sent on
   * their own until the refused document is alone, and only that one is rejected.
   */
  private async sendIsolating(batch: BulkDoc[]): Promise<BulkResult> {
    try {
      return await bulk(this.options.es, batch);
    } catch (e) {
      if (!(e instanceof EsRefusedError)) {
        throw e;
      }
      if (batch.length === 1) {
        return { outcomes: ['rejected'], reasons: [`${e.status} ${e.reason}`] };
      }
      const half = Math.ceil(batch.length / 2);
      const left = await this.sendIsolating(batch.slice(0, half));
      const right = await this.sendIsolating(batch.slice(half));
      return { outcomes: [...left.outcomes, ...right.outcomes], reasons: [...left.reasons, ...right.reasons] };
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function preview(line: string): string {
  return oneLine(line, 160);
}
