// The CLI as its users get it: `npm pack` the telemetry package, install the tarball into an empty
// folder outside this repository (so nothing of the repo's node_modules can be picked up), and run
// the installed bin. Its one runtime dependency (commander) comes from npm's cache or the registry.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE_DIR = join(__dirname, '..', '..', '..', 'telemetry');
let work: string;
let consumer: string;
let packed: { filename: string; files: Array<{ path: string }> };

/** The environment without what `npm run` exports for this repository's own package. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(npm_package_|npm_lifecycle_|npm_config_workspace|INIT_CWD$)/i.test(k)
    )
  );
}

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 180_000 });
  if (r.error) {
    throw r.error;
  }
  return r;
}

function ok(r: SpawnSyncReturns<string>, what: string) {
  if (r.status !== 0) {
    throw new Error(`${what} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  }
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'telemetry-pack-'));
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], PACKAGE_DIR);
  ok(pack, 'npm pack');
  // `npm pack --json` prints the prepack build's output first; the JSON array is the rest.
  packed = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[\n')))[0];

  consumer = join(work, 'consumer');
  run('mkdir', [consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  ok(
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, packed.filename)], consumer),
    'npm install of the tarball'
  );
});

afterAll(() => {
  if (work) {
    rmSync(work, { recursive: true, force: true });
  }
});

test('the tarball holds the bin and the built CLI, not the TypeScript sources or tests', () => {
  const files = packed.files.map((f) => f.path).sort();
  expect(files).toEqual(['bin/codesentinel-telemetry.cjs', 'dist/cli.js', 'package.json']);
});

test('the installed bin prints its usage and exits 0', () => {
  const r = run('npx', ['codesentinel-telemetry', '--help'], consumer);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Usage: codesentinel-telemetry \[options\] \[command\]/);
  expect(r.stdout).toMatch(/^ {2}flush\b/m);
});

test('the installed bin exits 2 with a clear message on a usage mistake', () => {
  const r = run('npx', ['codesentinel-telemetry', 'record', '--procedure', 'tools/x/PROC-1'], consumer);
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/error: required option '-s, --status <status>' not specified/);
});
