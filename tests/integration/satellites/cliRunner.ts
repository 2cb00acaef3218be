// Runs the real CLI as a child process, as agents and CI scripts do: from its TypeScript source
// (so a change is tested without a build); the packed and installed bin has its own test
// (tests/package/telemetryPack.test.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const CLI_SOURCE = join(__dirname, '..', '..', '..', 'telemetry', 'cli.ts');
/** Node arguments that start the CLI; its own arguments follow. */
export const CLI_COMMAND = ['--require', 'tsx/cjs', CLI_SOURCE];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI_COMMAND, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `count` CLI invocations, `parallel` at a time (so spool locking is exercised too). */
export async function runMany(
  count: number,
  parallel: number,
  argsFor: (i: number) => string[],
  env: Record<string, string>
): Promise<CliResult[]> {
  const results: CliResult[] = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, (_, k) => runCli(argsFor(i + k), env));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
