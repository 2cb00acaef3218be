// A real PostgreSQL (the Debian server binaries) in a temporary directory on 127.0.0.1, the real
// prometheus-postgres-exporter in front of it, and pgbench as a small, rate-limited load generator.
// PostgreSQL refuses to run as root; when the suite runs as root (CI containers) every PostgreSQL
// command runs as the `postgres` system user the Debian package creates, via runuser.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { type RunningServer, startServer } from './processes';

const run = promisify(execFile);

/** The database pgbench writes to: the page shows one section per database the exporter reports. */
export const LOAD_DATABASE = 'shop';

export interface PostgresStack {
  /** The exporter's URL (what Prometheus scrapes). */
  exporter: RunningServer;
  /** host:port of the PostgreSQL server. */
  address: string;
  stop: () => Promise<void>;
}

/** Where the PostgreSQL server binaries are (Debian keeps them off PATH, per major version). */
function binary(name: string): string {
  for (const dir of ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin']) {
    if (existsSync(join(dir, name))) {
      return join(dir, name);
    }
  }
  return name;
}

interface SystemUser {
  uid: number;
  gid: number;
}

async function postgresUser(): Promise<SystemUser | undefined> {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  const { stdout } = await run('id', ['-u', 'postgres']).catch(() => {
    throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as: install the Debian `postgresql` package');
  });
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(gid.trim()) };
}

/** The command line, run as the postgres user when we are root. */
function asUser(user: SystemUser | undefined, command: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPostgres(options: { port: number; exporterPort: number }): Promise<PostgresStack> {
  const user = await postgresUser();
  const dir = mkdtempSync(join(tmpdir(), 'codesentinel-postgres-'));
  const data = join(dir, 'data');
  if (user) {
    chownSync(dir, user.uid, user.gid);
  }
  chmodSync(dir, 0o700);
  const address = `127.0.0.1:${options.port}`;
  let load: ChildProcess | undefined;
  let idleTransaction: ChildProcess | undefined;
  let exporter: RunningServer | undefined;
  let serverStarted = false;
  const stop = async () => {
    for (const child of [load, idleTransaction]) {
      if (child?.pid && child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGTERM');
      }
    }
    await exporter?.stop();
    if (serverStarted) {
      const [cmd, args] = asUser(user, binary('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await run(cmd, args).catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const exec = async (command: string, args: string[]) => {
      const [cmd, full] = asUser(user, command, args);
      await run(cmd, full, { cwd: dir });
    };
    await exec(binary('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    // Socket in the data directory: /var/run/postgresql may not exist or not be writable here.
    await exec(binary('pg_ctl'), [
      '-D', data, '-w', '-t', '30', '-l', join(dir, 'server.log'),
      '-o', `-h 127.0.0.1 -p ${options.port} -k ${dir} -c fsync=off -c max_connections=50 -c shared_buffers=16MB`,
      'start',
    ]);
    serverStarted = true;
    const psql = (sql: string, db = 'postgres') => exec('psql', ['-h', '127.0.0.1', '-p', String(options.port), '-U', 'postgres', '-d', db, '-qAtc', sql]);
    await psql(`CREATE DATABASE ${LOAD_DATABASE}`);
    await exec('pgbench', ['-h', '127.0.0.1', '-p', String(options.port), '-U', 'postgres', '-i', '-s', '1', '-q', LOAD_DATABASE]);
    // Steady rate-limited traffic (about 20 transactions a second on two connections) for the
    // exporter's counters, and one transaction left open: the "longest transaction" panel's case.
    const [loadCmd, loadArgs] = asUser(user, 'pgbench', [
      '-h', '127.0.0.1', '-p', String(options.port), '-U', 'postgres', '-c', '2', '-R', '20', '-T', '86400', '-n', LOAD_DATABASE,
    ]);
    load = spawn(loadCmd, loadArgs, { stdio: 'ignore', cwd: dir });
    const [idleCmd, idleArgs] = asUser(user, 'psql', [
      '-h', '127.0.0.1', '-p', String(options.port), '-U', 'postgres', '-d', LOAD_DATABASE, '-qc', 'BEGIN; SELECT pg_sleep(86400);',
    ]);
    idleTransaction = spawn(idleCmd, idleArgs, { stdio: 'ignore', cwd: dir });
    const exporterAddress = `127.0.0.1:${options.exporterPort}`;
    exporter = await startServer(
      'prometheus-postgres-exporter',
      [
        `--web.listen-address=${exporterAddress}`,
        '--log.level=warn',
        `--extend.query-path=${join(process.cwd(), 'infrastructure', 'postgres', 'queries.yaml')}`,
      ],
      `http://${exporterAddress}`,
      '/metrics',
      [],
      { DATA_SOURCE_NAME: `postgresql://postgres@${address}/postgres?sslmode=disable` }
    );
    return { exporter, address, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
