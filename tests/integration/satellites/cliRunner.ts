// Runs the real CLI (the npm bin shim) as a child process, as agents and CI scripts do.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const BIN = join(__dirname, '..', '..', '..', 'telemetry', 'bin', 'codesentinel-telemetry.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
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
