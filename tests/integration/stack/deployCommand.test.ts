// The deploy command's pieces that need no server: input validation, the group path, the body, and
// the contract with the demo's stand-in CI (which must send exactly what the command sends).
import fc from 'fast-check';

import {
  RUN_VISIBLE_SECONDS,
  deployHistoryOpenMetrics,
  deployHistoryRuns,
  windowStarts,
} from '../../../demo/deployHistory';
import * as demo from '../../../demo/deploySimulator';
import { incidents } from '../../../demo/load';
import { DEPLOY_METRICS } from '../../../src/queries/deployments';
import { parseTime } from '../../../telemetry/deploy/command';
import {
  type FinishedRun,
  InvalidRunError,
  RUN_METRICS,
  finishedPayload,
  runGroupPath,
  validateRun,
} from '../../../telemetry/deploy/run';

const NOW = 1_800_000_000;
const run: FinishedRun = {
  service: 'checkout',
  environment: 'production',
  runId: '12345-1',
  version: '1.4.0',
  commit: 'a1b2c3d4e5f6',
  url: 'https://github.com/acme/shop/actions/runs/12345',
  startedAt: NOW - 300,
  finishedAt: NOW,
  status: 'success',
  committedAt: NOW - 3600,
};

function problems(input: Partial<FinishedRun>, phase: 'start' | 'finish' = 'finish'): string[] {
  try {
    validateRun(input, phase, NOW);
    return [];
  } catch (e) {
    if (e instanceof InvalidRunError) {
      return e.problems;
    }
    throw e;
  }
}

test('a complete run is valid', () => {
  expect(problems(run)).toEqual([]);
});

test.each([
  [{ service: '' }, '--service is required'],
  [{ service: 'check out' }, '--service must be'],
  [{ environment: '-prod' }, '--environment must be'],
  [{ runId: 'x'.repeat(129) }, '--run-id must be'],
  [{ commit: 'not-a-sha' }, '--commit must be a hexadecimal'],
  [{ url: 'javascript:alert(1)' }, '--url must be an http:// or https://'],
  [{ url: 'ftp://ci/1' }, '--url must be an http:// or https://'],
  [{ version: 'a\nb' }, '--version must be'],
  [{ status: 'ok' as never }, '--status must be one of success, failure, rolled_back'],
  [{ finishedAt: NOW * 1000 }, '--finished-at must be a time between 2015 and now'],
  [{ startedAt: NOW + 10 }, 'is before --started-at'],
  [{ committedAt: NOW + 10 }, 'is after the run finished'],
])('bad input %j is refused with a clear message', (bad, message) => {
  expect(problems({ ...run, ...bad }).join('\n')).toContain(message);
});

test('label values go into the URL base64-encoded, so none can add a path segment', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), fc.string(), (service, environment, runId) => {
      const path = runGroupPath({ service, environment, runId });
      const segments = path.split('/');
      expect(segments).toHaveLength(10);
      expect(Buffer.from(segments[9], 'base64url').toString()).toBe(Buffer.from(runId).toString());
    })
  );
});

test('the body carries every gauge of the run, with lead time from the commit time', () => {
  expect(finishedPayload(run)).toBe(
    [
      '# HELP codesentinel_deploy_run_started_timestamp_seconds When the deployment run started.',
      '# TYPE codesentinel_deploy_run_started_timestamp_seconds gauge',
      `codesentinel_deploy_run_started_timestamp_seconds{version="1.4.0",commit="a1b2c3d4e5f6",url="https://github.com/acme/shop/actions/runs/12345"} ${NOW - 300}`,
      '# HELP codesentinel_deploy_run_finished_timestamp_seconds When the deployment run finished; status success, failure or rolled_back.',
      '# TYPE codesentinel_deploy_run_finished_timestamp_seconds gauge',
      `codesentinel_deploy_run_finished_timestamp_seconds{version="1.4.0",commit="a1b2c3d4e5f6",url="https://github.com/acme/shop/actions/runs/12345",status="success"} ${NOW}`,
      '# HELP codesentinel_deploy_run_duration_seconds How long the deployment run took.',
      '# TYPE codesentinel_deploy_run_duration_seconds gauge',
      'codesentinel_deploy_run_duration_seconds 300',
      '# HELP codesentinel_deploy_run_lead_time_seconds Lead time for changes: commit to the end of this deployment.',
      '# TYPE codesentinel_deploy_run_lead_time_seconds gauge',
      'codesentinel_deploy_run_lead_time_seconds 3600',
      '',
    ].join('\n')
  );
});

test('the demo simulator sends byte for byte what the command sends, to the same group', () => {
  for (const r of [
    run,
    { ...run, committedAt: undefined, version: 'v"2\\', url: undefined, status: 'rolled_back' as const },
  ]) {
    expect(demo.deployPayload(r)).toBe(finishedPayload(r));
    expect(demo.groupingPath(r)).toBe(runGroupPath(r));
  }
  expect(demo.RUN_METRICS).toEqual(RUN_METRICS);
  expect(demo.DEPLOY_JOB).toBe(DEPLOY_METRICS.job);
  const { job: _job, ...queried } = DEPLOY_METRICS;
  expect(queried).toEqual(RUN_METRICS);
});

test.each([
  ['1800000000', 1_800_000_000],
  ['2026-12-01T10:00:00Z', Date.parse('2026-12-01T10:00:00Z') / 1000],
  ['2026-12-01T11:00:00+01:00', Date.parse('2026-12-01T10:00:00Z') / 1000],
])('time %s', (text, seconds) => {
  expect(parseTime('--x')(text)).toBe(seconds);
});

test.each(['yesterday', '2026-12-01', '2026-12-01T10:00:00'])('time %s without a zone is refused', (text) => {
  expect(() => parseTime('--commit-time')(text)).toThrow(
    '--commit-time must be Unix seconds or an ISO-8601 time with a zone'
  );
});

describe('the demo deploy history', () => {
  const end = 1_800_000_000;
  const from = end - 14 * 86_400;
  const runs = deployHistoryRuns(42, from, end);
  const bursts = windowStarts(incidents(42).errorBurst.window, from, end);

  test('a few runs a day per service and environment, some of them failed', () => {
    const perTarget = new Map<string, number>();
    runs.forEach((r) =>
      perTarget.set(`${r.service}/${r.environment}`, (perTarget.get(`${r.service}/${r.environment}`) ?? 0) + 1)
    );
    expect(perTarget.size).toBe(10);
    for (const n of perTarget.values()) {
      expect(n / 14).toBeGreaterThanOrEqual(1);
      expect(n / 14).toBeLessThanOrEqual(5);
    }
    expect(runs.filter((r) => r.status === 'failure').length).toBeGreaterThan(0);
    expect(new Set(runs.map((r) => `${r.service}/${r.environment}/${r.runId}`)).size).toBe(runs.length);
  });

  test("a rolled-back auth deploy 3 minutes before each of auth's error bursts, fixed after it", () => {
    expect(bursts.length).toBeGreaterThanOrEqual(6);
    for (const start of bursts) {
      const before = runs.filter(
        (r) => r.service === 'auth' && r.environment === 'production' && r.finishedAt === start - 180
      );
      expect(before.map((r) => r.status)).toEqual(['rolled_back']);
      expect(
        runs.some(
          (r) => r.service === 'auth' && r.status === 'success' && r.finishedAt > start && r.finishedAt < start + 3600
        )
      ).toBe(true);
    }
  });

  test('each run is written once per family, in time order, for as long as the Pushgateway would show it', () => {
    const text = deployHistoryOpenMetrics(runs.slice(0, 3), end);
    const lines = text.split('\n').filter((l) => l.startsWith('codesentinel_deploy_run_finished'));
    // A sample a minute from the first whole minute after the finish: 20 per run.
    expect(lines).toHaveLength(3 * (RUN_VISIBLE_SECONDS / 60));
    expect(text.endsWith('# EOF\n')).toBe(true);
  });
});
