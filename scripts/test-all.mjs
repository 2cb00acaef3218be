#!/usr/bin/env node
// The one test command (README, .ci/run): runs every suite in order, then prints one closing line
// "test-all: N passed, N failed" that counts individual tests (jest / Playwright JSON reports) and
// whole-stage checks (typecheck, lint, build, promtool, ...).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const reports = join(process.cwd(), 'artifacts', 'reports');
mkdirSync(reports, { recursive: true });

/** kind 'jest' | 'playwright' read a JSON report; 'check' counts as one test by exit code. */
const stages = [
  // Real servers and tools the suites run against: Debian packages and Elasticsearch's test distribution.
  { name: 'setup', kind: 'setup', cmd: 'bash scripts/install-system-deps.sh && bash scripts/elasticsearch.sh fetch' },
  { name: 'typecheck', kind: 'check', cmd: 'npm run typecheck' },
  { name: 'lint', kind: 'check', cmd: 'npm run lint' },
  { name: 'unit', kind: 'jest', cmd: `npm run test:ci -- --json --outputFile=${reports}/unit.json` },
  { name: 'build', kind: 'check', cmd: 'npm run build && node scripts/check-dist.mjs' },
  { name: 'analytics-worker', kind: 'check', cmd: 'node scripts/check-analytics-worker.mjs' },
  { name: 'integration-escaping', kind: 'jest', cmd: `npx jest -c jest.integration.config.js --runInBand tests/integration/escaping --json --outputFile=${reports}/integration-escaping.json` },
  { name: 'integration-satellites', kind: 'jest', cmd: `npx jest -c jest.integration.config.js --runInBand tests/integration/satellites --json --outputFile=${reports}/integration-satellites.json` },
  { name: 'integration-canary', kind: 'jest', cmd: `npx jest -c jest.integration.config.js --runInBand tests/integration/canary --json --outputFile=${reports}/integration-canary.json` },
  { name: 'infra', kind: 'check', cmd: 'bash scripts/test-infra.sh' },
  { name: 'integration-stack', kind: 'jest', cmd: `npx jest -c jest.integration.config.js --runInBand tests/integration/stack --json --outputFile=${reports}/integration-stack.json` },
  // The long-term store (VictoriaMetrics): year history against Prometheus' history, vmalert replay
  // of the aggregates, a store outage under remote_write, vmbackup/vmrestore.
  { name: 'integration-lts', kind: 'jest', cmd: `npx jest -c jest.integration.config.js --runInBand tests/integration/lts --json --outputFile=${reports}/integration-lts.json` },
  { name: 'browser', kind: 'playwright', cmd: `REPORTS_DIR=${reports} npm run test:browser` },
];

const only = process.argv.slice(2);
if (only.length === 0) {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
}
let passed = 0;
let failed = 0;
const lines = [];

for (const stage of stages) {
  if (only.length && !only.includes(stage.name)) {
    continue;
  }
  const started = Date.now();
  process.stdout.write(`\n=== ${stage.name}: ${stage.cmd}\n`);
  const run = spawnSync('bash', ['-c', stage.cmd], { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (stage.kind === 'setup') {
    if (run.status !== 0) {
      process.stdout.write(`test-all: setup failed (${stage.cmd}); no tests run\n`);
      process.exit(1);
    }
    lines.push(`${stage.name.padEnd(22)} ok   (${seconds} s)`);
    continue;
  }
  const counts = countStage(stage, run.status);
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${stage.name.padEnd(22)} ${run.status === 0 ? 'ok  ' : 'FAIL'} ${counts.passed} passed, ${counts.failed} failed (${seconds} s)`);
  const backends = backendCounts(stage);
  if (backends) {
    lines.push(`${''.padEnd(22)}      ${backends}`);
  }
}

process.stdout.write(`\n${lines.join('\n')}\n`);
process.stdout.write(`test-all: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);

/**
 * Suites that run the same queries on Prometheus and on VictoriaMetrics (the long-term store) name
 * the backend in their describe titles: count their tests per backend for the closing note.
 */
function backendCounts(stage) {
  const file = join(reports, `${stage.name}.json`);
  if (stage.kind !== 'jest' || !existsSync(file)) {
    return undefined;
  }
  const counts = {};
  for (const suite of JSON.parse(readFileSync(file, 'utf8')).testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      const title = (test.ancestorTitles ?? []).join(' ');
      const backend = /VictoriaMetrics/.test(title) ? 'VictoriaMetrics' : /\bPrometheus\b/.test(title) ? 'Prometheus' : undefined;
      if (backend) {
        counts[backend] ??= { passed: 0, failed: 0 };
        counts[backend][test.status === 'passed' ? 'passed' : 'failed'] += 1;
      }
    }
  }
  const names = Object.keys(counts).sort();
  return names.length ? names.map((n) => `${n}: ${counts[n].passed} passed, ${counts[n].failed} failed`).join('; ') : undefined;
}

function countStage(stage, status) {
  const file = join(reports, `${stage.name}.json`);
  if (stage.kind === 'jest' && existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    // A suite that fails to load has no tests but still fails the stage.
    const broken = r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? 1 : 0;
    return { passed: r.numPassedTests, failed: r.numFailedTests + broken + (status !== 0 && !broken && !r.numFailedTests ? 1 : 0) };
  }
  if (stage.kind === 'playwright' && existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')).stats;
    const bad = s.unexpected + s.flaky;
    return { passed: s.expected, failed: bad + (status !== 0 && bad === 0 ? 1 : 0) };
  }
  return status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}
