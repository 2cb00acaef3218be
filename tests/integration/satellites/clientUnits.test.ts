// The pieces under the CLI that need no server: event validation, secret masking, the spool's
// crash safety and the exporter's exposition format.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TelemetryClient } from '../../../telemetry/client';
import { buildFeedback, buildInvocation, InvalidEventError, toBulkDoc } from '../../../telemetry/events';
import { escapeLabelValue, formatMetrics } from '../../../telemetry/exporter/format';
import { redactSecrets } from '../../../telemetry/redact';
import { parseProcedureId, quarterOf } from '../../../telemetry/schema';
import { Spool } from '../../../telemetry/spool';
import { indexFor } from '../../../telemetry/template';

const tmp = () => mkdtempSync(join(tmpdir(), 'cs-units-'));

describe('schema', () => {
  test.each([
    ['github/PROC-1', { satelliteId: 'github', number: 1 }],
    ['tools/codesentinel/PROC-2', { satelliteId: 'tools/codesentinel', number: 2 }],
    ['we"ird (old)/PROC-12', { satelliteId: 'we"ird (old)', number: 12 }],
  ])('parseProcedureId(%j)', (id, parsed) => {
    expect(parseProcedureId(id)).toEqual(parsed);
  });

  test.each(['', ' github/PROC-1', 'github/PROC-01', 'github/proc-1', 'github/PROC-1/x', '../PROC-1', 'a\nb/PROC-1'])(
    'parseProcedureId(%j) is refused',
    (id) => {
      expect(typeof parseProcedureId(id)).toBe('string');
    }
  );

  test('events are routed by their own timestamp, so a replay lands in the same index', () => {
    const e = buildInvocation({
      procedureId: 'github/PROC-1',
      status: 'success',
      durationMs: 5,
      timestamp: new Date('2026-01-31T23:59:59.999Z'),
    });
    expect(toBulkDoc(e)).toMatchObject({
      index: 'codesentinel-satellites-invocations-2026.01',
      op: 'create',
      id: e.event.id,
    });
    expect(indexFor('codesentinel.feedback', '2026-02-01T00:00:00Z')).toBe('codesentinel-satellites-feedback-2026.02');
    expect(quarterOf(new Date('2026-10-01T00:00:00Z'))).toBe('2026-Q4');
  });

  test('all problems are reported together', () => {
    try {
      buildFeedback({ procedureId: 'github/PROC-1', clarity: 0, usefulness: 9, source: 'bot' });
      throw new Error('expected a validation error');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidEventError);
      expect((e as InvalidEventError).problems).toHaveLength(3);
    }
  });
});

describe('redactSecrets', () => {
  test.each([
    ['push failed: token=ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'push failed: token=[REDACTED:github-token]'],
    ['used ghp_abcdefghijklmnopqrstuvwxyz0123456789 here', 'used [REDACTED:github-token] here'],
    ['Authorization: Bearer abcdef123456789xyz', 'Authorization: Bearer [REDACTED]'],
    ['sent Bearer abcdef123456789xyz', 'sent Bearer [REDACTED]'],
    ['curl https://bob:hunter2@example.com/x', 'curl https://[REDACTED]@example.com/x'],
    ['key AKIAABCDEFGHIJKLMNOP leaked', 'key [REDACTED:aws-key] leaked'],
    ['step 3 is unclear', 'step 3 is unclear'],
  ])('%j', (input, output) => {
    expect(redactSecrets(input)).toBe(output);
  });

  test('error messages are masked before they are stored', () => {
    const e = buildInvocation({
      procedureId: 'github/PROC-1',
      status: 'failure',
      durationMs: 1,
      errorMessage: 'password=swordfish rejected',
    });
    expect(e.error?.message).toBe('password=[REDACTED] rejected');
  });
});

describe('spool', () => {
  test('a torn last line (power cut mid-write) is set aside, the good events are still delivered', async () => {
    const dir = tmp();
    const path = join(dir, 'spool.jsonl');
    const good = toBulkDoc(buildInvocation({ procedureId: 'github/PROC-1', status: 'success', durationMs: 1 }));
    writeFileSync(path, `${JSON.stringify(good)}\n{"index":"codesentinel-sat`);
    const spool = new Spool(path);
    const read = await spool.withLock(() => spool.readUnlocked());
    expect(read.docs).toHaveLength(1);
    expect(read.corrupt).toEqual(['{"index":"codesentinel-sat']);
    // Nothing listens on port 9: the flush fails, keeps the good event and moves the torn line aside.
    const client = new TelemetryClient({ es: { url: 'http://127.0.0.1:9', timeoutMs: 500 }, spoolPath: path });
    const result = await client.flush();
    expect(result).toMatchObject({ stored: 0, pending: 1, corrupt: 1 });
    expect(result.movedAside).toEqual([
      {
        file: `${path}.corrupt`,
        reason: 'not a complete JSON line (torn write)',
        preview: '{"index":"codesentinel-sat',
      },
    ]);
    expect(readFileSync(`${path}.corrupt`, 'utf8')).toBe('{"index":"codesentinel-sat\n');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(good);
  });

  test('the next append ends a torn last line first, so the new event stays intact', async () => {
    const dir = tmp();
    const path = join(dir, 'spool.jsonl');
    writeFileSync(path, '{"index":"codesentinel-sat');
    const spool = new Spool(path);
    const good = toBulkDoc(buildInvocation({ procedureId: 'github/PROC-1', status: 'success', durationMs: 1 }));
    await spool.withLock(() => spool.appendUnlocked([good]));
    const read = await spool.withLock(() => spool.readUnlocked());
    expect(read.docs).toEqual([good]);
    expect(read.corrupt).toEqual(['{"index":"codesentinel-sat']);
  });

  test('an intact event glued to a torn line by an older version is recovered', async () => {
    const dir = tmp();
    const path = join(dir, 'spool.jsonl');
    const good = toBulkDoc(buildInvocation({ procedureId: 'github/PROC-1', status: 'success', durationMs: 1 }));
    writeFileSync(path, `{"index":"codesentinel-sat${JSON.stringify(good)}\n`);
    const spool = new Spool(path);
    const read = await spool.withLock(() => spool.readUnlocked());
    expect(read.docs).toEqual([good]);
    expect(read.corrupt).toEqual(['{"index":"codesentinel-sat']);
  });

  test.each([
    [{ op: 'update' }, 'op "update" is not create or index'],
    [{ op: 'delete' }, 'op "delete" is not create or index'],
    [{ id: 'é'.repeat(300) }, 'id must be 1 to 512 bytes, got 600 bytes'],
    [{ index: 'Codesentinel' }, 'index "Codesentinel" is not a valid index name'],
    [{ source: [1] }, 'source is not a JSON object'],
  ])('a spool line that can never be sent (%j) is set aside with its reason', async (change, reason) => {
    const dir = tmp();
    const path = join(dir, 'spool.jsonl');
    const good = toBulkDoc(buildInvocation({ procedureId: 'github/PROC-1', status: 'success', durationMs: 1 }));
    writeFileSync(path, `${JSON.stringify({ ...good, ...change })}\n${JSON.stringify(good)}\n`);
    const spool = new Spool(path);
    const read = await spool.withLock(() => spool.readUnlocked());
    expect(read.docs).toEqual([good]);
    expect(read.invalid.map((i) => i.reason)).toEqual([reason]);
  });

  test("a lock left by a process that died is taken over, a live owner's lock is waited for", async () => {
    const dir = tmp();
    const spool = new Spool(join(dir, 'spool.jsonl'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(spool.lockPath, dead.stdout);
    await spool.withLock(() => spool.appendUnlocked([{ a: 1 }]));
    expect(existsSync(spool.lockPath)).toBe(false);

    writeFileSync(spool.lockPath, String(process.pid));
    let got = false;
    const waiting = spool.withLock(() => {
      got = true;
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toBe(false);
    unlinkSync(spool.lockPath);
    await waiting;
    expect(got).toBe(true);
  });
});

describe('exporter format', () => {
  test('label values with quotes, backslashes and newlines are escaped', () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });

  test('when Elasticsearch cannot be read, only up 0 is exposed', () => {
    const text = formatMetrics(undefined, 'connection refused');
    expect(text).toContain('codesentinel_satellite_exporter_elasticsearch_up 0');
    expect(text).not.toContain('invocations_total');
  });
});
