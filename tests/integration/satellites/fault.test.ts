// Fault test: events recorded while Elasticsearch is down, or while it answers 429/500, or stores a
// request but the answer is lost or late, are spooled and replayed by `flush` — afterwards exactly
// as many documents exist as events were recorded: none lost, none duplicated.
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { luceneTerm } from '../../../src/queries/elasticsearch/lucene';
import { buildInvocation, toBulkDoc } from '../../../telemetry/events';
import { INDEX_PATTERN } from '../../../telemetry/template';
import {
  ES_URL,
  refreshAndCount,
  startElasticsearch,
  startFreshElasticsearch,
  stopElasticsearch,
} from '../support/elasticsearch';

import { runCli, runMany } from './cliRunner';
import { FaultProxy, type FaultMode } from './faultProxy';

// Starting (or restarting) Elasticsearch takes 12–35 s on the 2-core machine, more while other suites run.
const SLOW_MS = 240_000;

const PROXY_PORT = 19208;
let proxy: FaultProxy;

function spoolEnv(name: string, url: string): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), `cs-fault-${name}-`));
  return {
    CODESENTINEL_ES_URL: url,
    CODESENTINEL_TELEMETRY_SPOOL: join(dir, 'spool.jsonl'),
    CODESENTINEL_ES_TIMEOUT_MS: '500',
  };
}

/**
 * Once Elasticsearch is reachable again a flush may wait longer: the short timeout is for the outage
 * phases, and a busy machine can take more than 500 ms to create an index.
 */
function patient(env: Record<string, string>): Record<string, string> {
  return { ...env, CODESENTINEL_ES_TIMEOUT_MS: '15000' };
}

function spoolLines(env: Record<string, string>): number {
  return readFileSync(env.CODESENTINEL_TELEMETRY_SPOOL, 'utf8').split('\n').filter(Boolean).length;
}

function countSession(session: string): Promise<number> {
  return refreshAndCount(INDEX_PATTERN, { query_string: { query: luceneTerm('session.id', session) } });
}

function recordArgs(session: string) {
  return (i: number) => [
    'record',
    '-p',
    `github/PROC-${(i % 3) + 1}`,
    '-s',
    i % 4 === 0 ? 'failure' : 'success',
    '-d',
    String(100 + i),
    '--session',
    session,
  ];
}

beforeAll(async () => {
  startFreshElasticsearch();
  const setup = await runCli(['setup'], { CODESENTINEL_ES_URL: ES_URL });
  expect(setup.code).toBe(0);
  proxy = new FaultProxy(ES_URL, PROXY_PORT, 2000);
  await proxy.start();
}, SLOW_MS);

afterAll(async () => {
  await proxy?.stop();
  stopElasticsearch();
});

test(
  'Elasticsearch stopped: 30 events recorded, flushed after restart → exactly 30 documents',
  async () => {
    const N = 30;
    const env = spoolEnv('down', ES_URL);
    stopElasticsearch();
    const runs = await runMany(N, 5, recordArgs('fault-down'), env);
    expect(runs.map((r) => r.code)).toEqual(Array(N).fill(0));
    expect(
      runs.every((r) => JSON.parse(r.stdout).pending >= 1 && /run `codesentinel-telemetry flush` later/.test(r.stderr))
    ).toBe(true);
    expect(spoolLines(env)).toBe(N);

    const whileDown = await runCli(['flush'], env);
    expect(whileDown.code).toBe(75);
    expect(JSON.parse(whileDown.stdout)).toMatchObject({ stored: 0, pending: N });

    startElasticsearch();
    // Three flushes at once: the spool lock lets one deliver at a time. A freshly restarted node may
    // answer the first bulk (which creates the index) after the timeout; those events stay
    // pending (exit 75) and a later flush finds them already stored (409), so count every outcome.
    const flushes = await Promise.all([
      runCli(['flush'], patient(env)),
      runCli(['flush'], patient(env)),
      runCli(['flush'], patient(env)),
    ]);
    for (let i = 0; i < 5 && spoolLines(env) > 0; i++) {
      flushes.push(await runCli(['flush'], patient(env)));
    }
    expect(flushes.every((f) => f.code === 0 || f.code === 75)).toBe(true);
    const results = flushes.map((f) => JSON.parse(f.stdout));
    expect(results.reduce((n, r) => n + r.stored + r.duplicates, 0)).toBe(N);
    expect(spoolLines(env)).toBe(0);
    expect(await countSession('fault-down')).toBe(N);

    const again = await runCli(['flush'], patient(env));
    expect(JSON.parse(again.stdout)).toMatchObject({ stored: 0, duplicates: 0, pending: 0 });
    expect(await countSession('fault-down')).toBe(N);
    process.stdout.write(
      `fault test (ES stopped): N=${N}, documents after flush=${await countSession('fault-down')}\n`
    );
  },
  SLOW_MS
);

test(
  'Elasticsearch answering 429, 500, or storing but losing/delaying the answer: 32 events → exactly 32 documents',
  async () => {
    const env = spoolEnv('proxy', proxy.url);
    const phases: FaultMode[] = ['429', '500', 'stored-then-500', 'stored-then-slow'];
    const perPhase = 8;
    let recorded = 0;
    for (const mode of phases) {
      proxy.mode = mode;
      const runs = await runMany(perPhase, 2, (i) => recordArgs('fault-proxy')(recorded + i), env);
      expect(runs.map((r) => r.code)).toEqual(Array(perPhase).fill(0));
      expect(runs.every((r) => JSON.parse(r.stdout).stored === 0)).toBe(true);
      recorded += perPhase;
    }
    expect(spoolLines(env)).toBe(recorded);
    // The lost-acknowledgement phases really did store events behind the client's back.
    const storedBehindOurBack = await countSession('fault-proxy');
    expect(storedBehindOurBack).toBeGreaterThanOrEqual(2 * perPhase);

    proxy.mode = 'pass';
    const flush = await runCli(['flush'], patient(env));
    const result = JSON.parse(flush.stdout);
    expect([flush.code, result.error]).toEqual([0, undefined]);
    expect(result.stored + result.duplicates).toBe(recorded);
    expect(result.duplicates).toBe(storedBehindOurBack);
    expect(result.pending).toBe(0);
    expect(await countSession('fault-proxy')).toBe(recorded);
    process.stdout.write(
      `fault test (429/500/lost answers): N=${recorded}, documents after flush=${await countSession('fault-proxy')} (${result.duplicates} already stored, answered 409)\n`
    );
  },
  SLOW_MS
);

test(
  'a torn last line, a line glued to a torn one and two poison lines: 16 events recorded around them → exactly 16 documents, every bad line reported and kept aside',
  async () => {
    const env = spoolEnv('torn', proxy.url);
    const spool = env.CODESENTINEL_TELEMETRY_SPOOL;
    const session = 'fault-torn';
    proxy.mode = '500';
    let recorded = 0;
    const record = async (count: number) => {
      const runs = await runMany(count, 1, (i) => recordArgs(session)(recorded + i), env);
      expect(runs.map((r) => r.code)).toEqual(Array(count).fill(0));
      recorded += count;
      return runs;
    };
    const docLine = (eventId: string) =>
      JSON.stringify(
        toBulkDoc(
          buildInvocation({
            procedureId: 'github/PROC-1',
            status: 'success',
            durationMs: 5,
            sessionId: session,
            eventId,
          })
        )
      );

    await record(5);
    // A crash in the middle of an append: the event was never acknowledged, its bytes are torn.
    const torn = docLine('never-acknowledged').slice(0, 70);
    appendFileSync(spool, torn);
    await record(5);
    // What a version without tail repair left behind: a torn line with an acknowledged event glued on.
    appendFileSync(spool, `${docLine('never-acknowledged-2').slice(0, 50)}${docLine('glued-to-a-torn-line')}\n`);
    recorded += 1;
    // Poison: Elasticsearch refuses a whole bulk request for an update op or an _id over 512 bytes.
    const update = { ...JSON.parse(docLine('poison-update')), op: 'update' };
    const longId = { ...JSON.parse(docLine('poison-long-id')), id: 'x'.repeat(600) };
    appendFileSync(spool, `${JSON.stringify(update)}\n${JSON.stringify(longId)}\n`);
    const after = await record(5);
    // `record` leaves the damaged lines for `flush` (its own event is safe), but says they are there.
    expect(after[0].stderr).toMatch(/warning: 4 damaged or undeliverable line\(s\)/);

    proxy.mode = 'pass';
    const flush = await runCli(['flush'], patient(env));
    const result = JSON.parse(flush.stdout);
    expect(flush.code).toBe(1);
    expect(result).toMatchObject({ stored: recorded, duplicates: 0, rejected: 2, corrupt: 2, pending: 0 });
    expect(await countSession(session)).toBe(recorded);

    const reported = flush.stderr.split('\n').filter((l) => l.startsWith('error: moved a spool line'));
    expect(reported).toHaveLength(4);
    expect(reported.filter((l) => l.includes('.corrupt: not a complete JSON line'))).toHaveLength(2);
    expect(reported.some((l) => /rejected\.jsonl: op "update" is not create or index/.test(l))).toBe(true);
    expect(reported.some((l) => /rejected\.jsonl: id must be 1 to 512 bytes, got 600 bytes/.test(l))).toBe(true);
    const aside = readFileSync(join(spool, '..', 'rejected.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean);
    expect(aside.map((l) => JSON.parse(l).source.event.id).sort()).toEqual(['poison-long-id', 'poison-update']);
    const corrupt = readFileSync(`${spool}.corrupt`, 'utf8').split('\n').filter(Boolean);
    expect(corrupt).toEqual([torn, docLine('never-acknowledged-2').slice(0, 50)]);
    expect(spoolLines(env)).toBe(0);

    const again = await runCli(['flush'], patient(env));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ stored: 0, pending: 0, rejected: 0, corrupt: 0 });
    expect(await countSession(session)).toBe(recorded);
    process.stdout.write(
      `fault test (torn + poison lines): N=${recorded}, documents after flush=${await countSession(session)}, set aside: 2 corrupt, 2 rejected\n`
    );
  },
  SLOW_MS
);
