// The README's CI examples, as written: the GitHub Actions workflow passes actionlint (offline; the
// binary comes from scripts/install-system-deps.sh), and the deploy command lines of the GitHub,
// GitLab and Jenkins examples run in bash, with each CI's variables set, against a real Pushgateway.
// `npx codesentinel-telemetry` resolves to the repository's own bin through an `npx` shim on PATH,
// the way an installed package's bin would.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'yaml';

import { listRuns } from '../../../telemetry/deploy/gateway';
import { type RunningServer, startPushgateway } from '../support/processes';

const PUSHGATEWAY_PORT = 19094;
const root = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'codesentinel-ci-examples-'));
let pushgateway: RunningServer;

/** The fenced block right after `<!-- ci-example: name -->`. */
function example(name: string): string {
  const match = new RegExp(`<!-- ci-example: ${name} -->\\n+\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!match) {
    throw new Error(`README has no ci-example "${name}"`);
  }
  return match[1];
}

function actionlint(): string {
  const onPath = spawnSync('bash', ['-c', 'command -v actionlint'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) {
    return onPath;
  }
  const gopath = spawnSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).stdout.trim();
  const bin = join(gopath, 'bin', 'actionlint');
  if (!existsSync(bin)) {
    throw new Error('actionlint is not installed: run `bash scripts/install-system-deps.sh`');
  }
  return bin;
}

beforeAll(async () => {
  pushgateway = await startPushgateway(PUSHGATEWAY_PORT);
  const shims = join(work, 'bin');
  mkdirSync(shims);
  writeFileSync(
    join(shims, 'npx'),
    `#!/bin/sh\n[ "$1" = codesentinel-telemetry ] || { echo "unexpected npx $1" >&2; exit 127; }\nshift\nexec node ${join(root, 'telemetry', 'bin', 'codesentinel-telemetry.cjs')} "$@"\n`
  );
  chmodSync(join(shims, 'npx'), 0o755);
}, 60_000);

afterAll(async () => {
  await pushgateway?.stop();
  rmSync(work, { recursive: true, force: true });
});

function run(line: string, env: Record<string, string>): void {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', line], {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...env,
      PATH: `${join(work, 'bin')}:${process.env.PATH}`,
      CODESENTINEL_PUSHGATEWAY_URL: pushgateway.url,
    },
  });
  expect({ line, status: r.status, stderr: r.stderr }).toEqual({ line, status: 0, stderr: r.stderr });
}

const deployLines = (lines: string[]) => lines.filter((l) => l.includes('codesentinel-telemetry'));

test('the GitHub Actions example is a valid workflow (actionlint)', () => {
  const dir = join(work, 'repo', '.github', 'workflows');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'deploy.yml'), `${example('github')}\n`);
  const out = execFileSync(actionlint(), ['-no-color', join(dir, 'deploy.yml')], {
    cwd: join(work, 'repo'),
    encoding: 'utf8',
  });
  expect(out).toBe('');
});

test('the deploy lines of the GitHub, GitLab and Jenkins examples run against a Pushgateway', async () => {
  const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();

  const workflow = parse(example('github')) as { jobs: { deploy: { steps: Array<{ run?: string }> } } };
  const github = deployLines(workflow.jobs.deploy.steps.map((s) => s.run ?? ''));
  expect(github).toHaveLength(2);
  const githubEnv = {
    RUN_ID: '4242-1',
    JOB_STATUS: 'success',
    GITHUB_SHA: sha,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_RUN_ID: '4242',
  };
  github.forEach((line) => run(line, githubEnv));

  const gitlab = parse(example('gitlab')) as { deploy: { script: string[]; after_script: string[] } };
  const gitlabLines = deployLines([...gitlab.deploy.script, ...gitlab.deploy.after_script]);
  expect(gitlabLines).toHaveLength(2);
  const gitlabEnv = {
    CI_PIPELINE_ID: '77',
    CI_JOB_ID: '901',
    CI_JOB_STATUS: 'failed',
    CI_COMMIT_SHA: sha,
    CI_COMMIT_SHORT_SHA: sha.slice(0, 8),
    CI_COMMIT_TIMESTAMP: new Date(Date.now() - 3_600_000).toISOString().replace('Z', '+00:00'),
    CI_JOB_URL: 'https://gitlab.example.com/acme/shop/-/jobs/901',
  };
  gitlabLines.forEach((line) => run(line, gitlabEnv));

  const jenkins = [...example('jenkins').matchAll(/sh '(.*codesentinel-telemetry.*)'/g)].map((m) => m[1]);
  expect(jenkins).toHaveLength(3);
  const jenkinsEnv = {
    BUILD_TAG: 'jenkins-shop-deploy-12',
    GIT_COMMIT: sha,
    BUILD_URL: 'https://jenkins.example.com/job/shop/12/',
  };
  // start, then the `success` post step (the `failure` one runs only when the build failed).
  jenkins.slice(0, 2).forEach((line) => run(line, jenkinsEnv));

  const examples = ['4242-1', '77-901', 'jenkins-shop-deploy-12'];
  const runs = (await listRuns({ url: pushgateway.url, timeoutMs: 5000 })).filter((r) => examples.includes(r.runId));
  expect(
    runs
      .map((r) => ({ runId: r.runId, finished: r.finishedAt !== undefined }))
      .sort((a, b) => a.runId.localeCompare(b.runId))
  ).toEqual(examples.map((runId) => ({ runId, finished: true })));
  const metrics = await (await fetch(`${pushgateway.url}/metrics`)).text();
  expect(metrics).toMatch(/status="success",?[^}]*run_id="4242-1"|run_id="4242-1"[^}]*status="success"/);
  expect(metrics).toContain('url="https://github.com/acme/shop/actions/runs/4242"');
  expect(metrics).toMatch(/run_id="77-901"[^}]*status="failure"|status="failure"[^}]*run_id="77-901"/);
});
