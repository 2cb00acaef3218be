// The local spool: an append-only JSONL file of bulk documents not yet confirmed by Elasticsearch.
// Every append is fsynced before we report success; flush rewrites the file atomically (write a
// temp file, fsync, rename, fsync the folder) so a crash leaves either the old or the new spool,
// never a torn one. A crash in the middle of an append can still leave a torn last line: the next
// append first ends it with a newline, so the torn bytes stay a line of their own and the new
// event stays intact. A lock file (holding the owner's pid) serialises appends and flushes between
// concurrent CLI runs; a lock whose owner died is taken over.
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
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
  /** Lines that parse but can never be delivered (an unknown op, an id Elasticsearch refuses). */
  invalid: Array<{ doc: unknown; reason: string }>;
}

// Elasticsearch refuses a whole bulk request when one `_id` is over 512 bytes (not characters).
const MAX_ID_BYTES = 512;
const INDEX_NAME = /^[a-z0-9][a-z0-9._-]{0,254}$/;
// How a spooled document starts (`JSON.stringify` keeps key order): where an intact document that
// was appended to a torn line (by a version without tail repair) can be found again.
const DOC_START = '{"index":"';

/** Why a parsed spool line cannot be sent, or undefined if it can. */
export function bulkDocProblem(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return 'not a JSON object';
  }
  const d = doc as Partial<Record<keyof BulkDoc, unknown>>;
  if (d.op !== 'create' && d.op !== 'index') {
    return `op ${JSON.stringify(d.op)} is not create or index`;
  }
  if (typeof d.index !== 'string' || !INDEX_NAME.test(d.index)) {
    return `index ${JSON.stringify(d.index)} is not a valid index name`;
  }
  if (typeof d.id !== 'string' || d.id === '' || Buffer.byteLength(d.id, 'utf8') > MAX_ID_BYTES) {
    return `id must be 1 to ${MAX_ID_BYTES} bytes, got ${typeof d.id === 'string' ? Buffer.byteLength(d.id, 'utf8') + ' bytes' : typeof d.id}`;
  }
  if (typeof d.source !== 'object' || d.source === null || Array.isArray(d.source)) {
    return 'source is not a JSON object';
  }
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
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
        writeSync(fd, lockOwner(process.pid));
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
    let owner: string;
    try {
      owner = readFileSync(this.lockPath, 'utf8');
    } catch {
      return false; // just released or still being written: try again
    }
    const [pidText, started] = owner.trim().split(' ');
    const pid = Number(pidText);
    if (!Number.isInteger(pid) || pid <= 0) {
      return false;
    }
    try {
      process.kill(pid, 0);
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'ESRCH';
    }
    // Alive, but is it the process that took the lock? A pid is reused after its owner died; the
    // start time tells them apart where /proc has it.
    const now = processStartTime(pid);
    return started !== undefined && now !== undefined && now !== started;
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
    const fd = openSync(path, 'a+');
    try {
      writeSync(fd, (endsTorn(fd) ? '\n' : '') + docs.map((d) => JSON.stringify(d) + '\n').join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  readUnlocked(): SpoolReadResult {
    const result: SpoolReadResult = { docs: [], corrupt: [], invalid: [] };
    if (!existsSync(this.path)) {
      return result;
    }
    const take = (value: unknown) => {
      const problem = bulkDocProblem(value);
      if (problem) {
        result.invalid.push({ doc: value, reason: problem });
      } else {
        result.docs.push(value as BulkDoc);
      }
    };
    for (const line of readFileSync(this.path, 'utf8').split('\n')) {
      if (line.trim() === '') {
        continue;
      }
      const parsed = parseJson(line);
      if (parsed.ok) {
        take(parsed.value);
        continue;
      }
      // A torn line with a whole document glued to its end: keep the document, set the rest aside.
      const at = line.indexOf(DOC_START, 1);
      const tail = at > 0 ? parseJson(line.slice(at)) : { ok: false as const };
      if (tail.ok) {
        result.corrupt.push(line.slice(0, at));
        take(tail.value);
      } else {
        result.corrupt.push(line);
      }
    }
    return result;
  }

  /** Atomically replace the spool with `docs`, then `rawLines` as they are. Call inside withLock. */
  rewriteUnlocked(docs: BulkDoc[], rawLines: readonly string[] = []): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, [...docs.map((d) => JSON.stringify(d)), ...rawLines].map((l) => l + '\n').join(''));
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

/** True when the file is not empty and its last byte is not a newline (a torn last line). */
function endsTorn(fd: number): boolean {
  const size = fstatSync(fd).size;
  if (size === 0) {
    return false;
  }
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks since boot), where /proc exists. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** What a lock file holds: the owner's pid and, where known, its start time. */
function lockOwner(pid: number): string {
  const started = processStartTime(pid);
  return started === undefined ? String(pid) : `${pid} ${started}`;
}
