// Bad input gets a clear message and exit code 2, before anything is spooled or sent.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from './cliRunner';

const dir = mkdtempSync(join(tmpdir(), 'cs-badinput-'));
// Nothing listens on port 9 of the loopback: if validation let an event through, it would be spooled.
const env = { CODESENTINEL_ES_URL: 'http://127.0.0.1:9', CODESENTINEL_TELEMETRY_SPOOL: join(dir, 'spool.jsonl') };

test.each([
  [
    ['record', '-p', 'github/PROC-1', '-s', 'maybe', '-d', '10'],
    /status must be one of success, failure, agent_aborted, got "maybe"/,
  ],
  [['record', '-p', '', '-s', 'success', '-d', '10'], /procedure id is empty/],
  [['record', '-p', 'github/PROC-x', '-s', 'success', '-d', '10'], /"github\/PROC-x" is malformed/],
  [['record', '-p', 'PROC-1', '-s', 'success', '-d', '10'], /malformed/],
  [['record', '-p', 'github/PROC-0', '-s', 'success', '-d', '10'], /malformed/],
  [['record', '-p', 'a//b/PROC-1', '-s', 'success', '-d', '10'], /empty, '\.', '\.\.' or space-padded folder segment/],
  [['record', '-p', 'github/PROC-1', '-s', 'success', '-d', 'fast'], /--duration-ms must be a number, got "fast"/],
  [['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '-5'], /duration_ms must be a finite number from 0/],
  [['record', '-p', 'github/PROC-1', '-s', 'success'], /required option '-d, --duration-ms <ms>' not specified/],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5', '--abort-reason', 'user_cancel'],
    /abort_reason is only allowed with status agent_aborted/,
  ],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'failure', '-d', '5', '--steps-total', '3', '--steps-completed', '4'],
    /steps_completed cannot exceed steps_total/,
  ],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5', '--timestamp', 'yesterday'],
    /--timestamp must be an ISO-8601 instant/,
  ],
  [['feedback', '-p', 'github/PROC-1', '-c', '7', '-u', '3'], /clarity must be an integer from 1 to 5, got 7/],
  [['feedback', '-p', 'github/PROC-1', '-c', '3', '-u', '0'], /usefulness must be an integer from 1 to 5, got 0/],
  [['feedback', '-p', 'github/PROC-1', '-c', '3.5', '-u', '2'], /--clarity must be a whole number, got "3.5"/],
  [
    ['feedback', '-p', 'github/PROC-1', '-c', '3', '-u', '2', '--source', 'robot'],
    /source must be one of agent, engineer/,
  ],
  [
    ['feedback', '-p', 'github/PROC-1', '-c', '3', '-u', '2', '--quarter', '2026-Q5'],
    /review.quarter must look like 2026-Q4/,
  ],
  [
    ['feedback', '-p', 'github/PROC-1', '-c', '3', '-u', '2', '--review-status', 'done'],
    /review.status must be one of new, triaged/,
  ],
  [
    ['record', '--es-url', 'not a url', '-p', 'github/PROC-1', '-s', 'success', '-d', '5'],
    /--es-url "not a url" is not a URL/,
  ],
  [['bogus'], /unknown command 'bogus'/],
  [['record', '-p', 'git\u202ehub/PROC-1', '-s', 'success', '-d', '5'], /"git\\u202ehub\/PROC-1" contains U\+202E/],
  [['record', '-p', 'git\u200bhub/PROC-1', '-s', 'success', '-d', '5'], /contains U\+200B/],
  [['record', '-p', 'a\u001b[31m/PROC-1', '-s', 'success', '-d', '5'], /contains U\+001B/],
  [['record', '-p', 'caf\ufffd/PROC-1', '-s', 'success', '-d', '5'], /contains U\+FFFD: it was not valid UTF-8/],
  [
    ['record', '-p', `${'é'.repeat(300)}/PROC-1`, '-s', 'success', '-d', '5'],
    /607 bytes in UTF-8, over the limit of 512/,
  ],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5', '--session', 's\u0085x'],
    /session.id "s\\u0085x" contains U\+0085/,
  ],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5', '--timestamp', '0001-01-01T00:00:00Z'],
    /from 2000-01-01 to one day from now/,
  ],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5', '--timestamp', '9999-12-31T00:00:00Z'],
    /from 2000-01-01 to one day from now/,
  ],
  [
    ['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '9'.repeat(400)],
    /--duration-ms got "9{40}" \(not a finite number\)/,
  ],
  [
    ['record', '--es-url', 'file:///etc/passwd', '-p', 'github/PROC-1', '-s', 'success', '-d', '5'],
    /--es-url must be an http:\/\/ or https:\/\/ URL, got file:/,
  ],
  [
    ['record', '--timeout-ms', '0', '-p', 'github/PROC-1', '-s', 'success', '-d', '5'],
    /--timeout-ms must be a whole number from 1 to 600000, got 0/,
  ],
])('%j → exit 2 with %s', async (args, message) => {
  const r = await runCli(args as string[], env);
  expect(r.stderr).toMatch(message as RegExp);
  expect(r.code).toBe(2);
  expect(existsSync(env.CODESENTINEL_TELEMETRY_SPOOL)).toBe(false);
});

test('catalog of a missing folder is an error, not an empty catalog', async () => {
  const r = await runCli(['catalog', join(dir, 'nope'), '--dry-run'], env);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/is not a directory/);
});

test('--help works and lists every command', async () => {
  const r = await runCli(['--help'], env);
  expect(r.code).toBe(0);
  for (const cmd of ['setup', 'record', 'run', 'feedback', 'catalog', 'flush', 'serve-metrics']) {
    expect(r.stdout).toContain(cmd);
  }
});

test('JSONL mode writes one event per line for a log shipper and never contacts Elasticsearch', async () => {
  const jsonl = join(dir, 'events.jsonl');
  const a = await runCli(['--jsonl', jsonl, 'record', '-p', 'deployment/PROC-1', '-s', 'success', '-d', '12.5'], env);
  const b = await runCli(['feedback', '-p', 'deployment/PROC-1', '-c', '5', '-u', '4'], {
    ...env,
    CODESENTINEL_TELEMETRY_JSONL: jsonl,
  });
  expect([a.code, b.code]).toEqual([0, 0]);
  const lines = readFileSync(jsonl, 'utf8')
    .trim()
    .split('\n')
    .map((l: string) => JSON.parse(l));
  expect(lines.map((l: any) => l.event.dataset)).toEqual(['codesentinel.invocation', 'codesentinel.feedback']);
  expect(lines[0]).toMatchObject({
    status: 'success',
    duration_ms: 12.5,
    procedure: { id: 'deployment/PROC-1' },
    schema_version: 1,
  });
  expect(lines[1]).toMatchObject({ clarity: 5, usefulness: 4, source: 'agent', review: { status: 'new' } });
  expect(existsSync(env.CODESENTINEL_TELEMETRY_SPOOL)).toBe(false);
});

test('run wraps a command, records its failure and exits with its status', async () => {
  const jsonl = join(dir, 'run.jsonl');
  const r = await runCli(
    [
      '--jsonl',
      jsonl,
      'run',
      '-p',
      'github/PROC-2',
      '--',
      process.execPath,
      '-e',
      'setTimeout(() => process.exit(3), 50)',
    ],
    env
  );
  expect(r.code).toBe(3);
  const event = JSON.parse(readFileSync(jsonl, 'utf8').trim());
  expect(event).toMatchObject({
    status: 'failure',
    error: { type: 'exit_3' },
    procedure: { id: 'github/PROC-2', number: 2 },
  });
  expect(event.duration_ms).toBeGreaterThanOrEqual(40);
});

test('URL credentials are used but never shown: the warning names the URL without them', async () => {
  const r = await runCli(['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5'], {
    ...env,
    CODESENTINEL_ES_URL: 'http://elastic:hunter2@127.0.0.1:9',
    CODESENTINEL_TELEMETRY_SPOOL: join(dir, 'creds-spool.jsonl'),
  });
  expect(r.code).toBe(0);
  expect(r.stderr).toMatch(/Elasticsearch at http:\/\/127\.0\.0\.1:9\/ is unreachable/);
  expect(r.stdout + r.stderr).not.toContain('hunter2');
});

test('a bad URL with credentials is refused without echoing them', async () => {
  const r = await runCli(['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5'], {
    ...env,
    CODESENTINEL_ES_URL: 'http://elastic:hunter2@[bad',
  });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/is not a URL/);
  expect(r.stderr).not.toContain('hunter2');
});

test('a spool that cannot be written: the event is still sent and the failure is named', async () => {
  const r = await runCli(['record', '-p', 'github/PROC-1', '-s', 'success', '-d', '5'], {
    ...env,
    // sysfs refuses new folders even for root.
    CODESENTINEL_TELEMETRY_SPOOL: '/sys/codesentinel-telemetry-test/spool.jsonl',
  });
  expect(r.stderr).toMatch(/error: cannot write the spool \/sys\/codesentinel-telemetry-test\/spool\.jsonl \(EPERM/);
  expect(r.stderr).toMatch(/1 event\(s\) were NOT recorded: sending them directly failed too/);
  expect(r.code).toBe(1);
});

test('a long comment can come from stdin-like files; invalid UTF-8 is refused, not replaced', async () => {
  const jsonl = join(dir, 'comment.jsonl');
  const long = join(dir, 'long.txt');
  writeFileSync(long, 'line one\n' + 'x'.repeat(3000) + '\n');
  const ok = await runCli(
    ['--jsonl', jsonl, 'feedback', '-p', 'github/PROC-1', '-c', '3', '-u', '4', '--comment-file', long],
    env
  );
  expect(ok.code).toBe(0);
  expect(JSON.parse(readFileSync(jsonl, 'utf8').trim()).comment).toHaveLength(3009);
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, Buffer.from([0x61, 0xff, 0x62]));
  const r = await runCli(
    ['--jsonl', jsonl, 'feedback', '-p', 'github/PROC-1', '-c', '3', '-u', '4', '--comment-file', bad],
    env
  );
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/--comment-file: ".*bad.txt" is not valid UTF-8/);
});
