// The telemetry client: every event is first appended to the spool (fsynced), then the whole spool
// is flushed with bulk `create`. An event leaves the spool only once Elasticsearch answered 201 or
// 409 (already stored) for it, so a crash or an outage at any point can delay an event but never
// lose or duplicate it. Documents Elasticsearch refuses outright (a 400 mapping error) go to
// `rejected.jsonl` beside the spool, to be looked at rather than retried forever.
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

import { bulk, EsUnavailableError, type BulkDoc, type EsConfig } from './es/bulk';
import { Spool } from './spool';

export interface ClientOptions {
  es: EsConfig;
  spoolPath: string;
  /** When set, events are appended here as JSONL for a log shipper and Elasticsearch is not contacted. */
  jsonlPath?: string;
  batchSize?: number;
}

export interface FlushResult {
  stored: number;
  duplicates: number;
  rejected: number;
  /** Still in the spool after this flush. */
  pending: number;
  /** Why the flush stopped early, if it did. */
  error?: string;
}

export const DEFAULT_ES_URL = 'http://127.0.0.1:9200';

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
    await this.spool.withLock(() => this.spool.appendUnlocked(docs));
    return this.flush();
  }

  async flush(): Promise<FlushResult> {
    return this.spool.withLock(async () => {
      const { docs, corrupt } = this.spool.readUnlocked();
      if (corrupt.length > 0) {
        appendFileSync(`${this.spool.path}.corrupt`, corrupt.map((l) => l + '\n').join(''));
      }
      const result: FlushResult = { stored: 0, duplicates: 0, rejected: 0, pending: 0 };
      const keep: BulkDoc[] = [];
      const rejected: Array<BulkDoc & { reason?: string }> = [];
      let i = 0;
      for (; i < docs.length; i += this.batchSize) {
        const batch = docs.slice(i, i + this.batchSize);
        let answer;
        try {
          answer = await bulk(this.options.es, batch);
        } catch (e) {
          result.error = e instanceof EsUnavailableError || e instanceof Error ? e.message : String(e);
          break;
        }
        answer.outcomes.forEach((outcome, j) => {
          if (outcome === 'stored') {
            result.stored++;
          } else if (outcome === 'duplicate') {
            result.duplicates++;
          } else if (outcome === 'rejected') {
            rejected.push({ ...batch[j], reason: answer.reasons[j] });
          } else {
            keep.push(batch[j]);
            result.error ??= `some documents were not accepted yet: ${answer.reasons[j]}`;
          }
        });
      }
      keep.push(...docs.slice(i));
      if (rejected.length > 0) {
        this.spool.appendUnlocked(rejected, this.spool.rejectedPath);
        result.rejected = rejected.length;
      }
      if (docs.length > 0 || corrupt.length > 0) {
        this.spool.rewriteUnlocked(keep);
      }
      result.pending = keep.length;
      return result;
    });
  }
}
