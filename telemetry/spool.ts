// The local spool: an append-only JSONL file of bulk documents not yet confirmed by Elasticsearch.
// Every append is fsynced before we report success; flush rewrites the file atomically (write a
// temp file, fsync, rename, fsync the folder) so a crash leaves either the old or the new spool,
// never a torn one. A lock file (holding the owner's pid) serialises appends and flushes between
// concurrent CLI runs; a lock whose owner died is taken over.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

import type { BulkDoc } from './es/bulk';

const LOCK_WAIT_MS = 60_000;

export interface SpoolReadResult {
  docs: BulkDoc[];
  /** Lines that could not be parsed (a torn last line after a power cut); kept aside, not dropped. */
  corrupt: string[];
}

export class Spool {
  readonly lockPath: string;
  readonly rejectedPath: string;

  constructor(readonly path: string) {
    this.lockPath = `${path}.lock`;
    this.rejectedPath = join(dirname(path), 'rejected.jsonl');
  }

  async withLock<T>(fn: () => Promise<T> | T): Promise<T> {
    mkdirSync(dirname(this.path), { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const fd = openSync(this.lockPath, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw e;
        }
        if (this.lockOwnerIsGone()) {
          this.removeLock();
          continue;
        }
        if (Date.now() > deadline) {
          throw new Error(`spool ${this.path} stayed locked for ${LOCK_WAIT_MS / 1000} s by another telemetry process`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    }
    try {
      return await fn();
    } finally {
      this.removeLock();
    }
  }

  private lockOwnerIsGone(): boolean {
    let pid: number;
    try {
      pid = Number(readFileSync(this.lockPath, 'utf8'));
    } catch {
      return false; // just released or still being written: try again
    }
    if (!Number.isInteger(pid) || pid <= 0) {
      return false;
    }
    try {
      process.kill(pid, 0);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }

  private removeLock() {
    try {
      unlinkSync(this.lockPath);
    } catch {
      // already gone
    }
  }

  /** Append one JSON line per object and fsync. Call inside withLock. */
  appendUnlocked(docs: object[], path = this.path): void {
    if (docs.length === 0) {
      return;
    }
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, 'a');
    try {
      writeSync(fd, docs.map((d) => JSON.stringify(d) + '\n').join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  readUnlocked(): SpoolReadResult {
    if (!existsSync(this.path)) {
      return { docs: [], corrupt: [] };
    }
    const docs: BulkDoc[] = [];
    const corrupt: string[] = [];
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      try {
        const doc = JSON.parse(line) as BulkDoc;
        if (typeof doc.index === 'string' && typeof doc.id === 'string' && doc.source) {
          docs.push(doc);
        } else {
          corrupt.push(line);
        }
      } catch {
        corrupt.push(line);
      }
    }
    return { docs, corrupt };
  }

  /** Atomically replace the spool with `docs`. Call inside withLock. */
  rewriteUnlocked(docs: BulkDoc[]): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, docs.map((d) => JSON.stringify(d) + '\n').join(''));
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.path);
    const dir = openSync(dirname(this.path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  }

  async pendingCount(): Promise<number> {
    return this.withLock(() => this.readUnlocked().docs.length);
  }
}
