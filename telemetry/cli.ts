// codesentinel-telemetry: record procedure invocations and feedback, index the procedure catalog,
// replay the spool, and report deployment runs from CI (`deploy`). Exit codes: 0 done (stored, or safely spooled), 2 bad input,
// 75 (EX_TEMPFAIL) `flush` left events pending, 1 anything else (including `flush` setting spool
// lines aside: each is listed on stderr).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';

import { defaultSpoolPath } from './client';
import {
  runCatalog,
  runFeedback,
  runFlush,
  runRecord,
  runServeMetrics,
  runSetup,
  runWrapped,
  type GlobalOptions,
} from './commands';
import { EXIT_BAD_INPUT, EXIT_PENDING } from './contract';
import { registerDeployCommand } from './deploy/command';
import { GatewayRefusedError } from './deploy/gateway';
import { InvalidRunError } from './deploy/run';
import { DEFAULT_ES_URL, EsConfigError } from './es/config';
import { InvalidEventError } from './events';
import { registerReview } from './review/command';
import { shown } from './schema';

function finite(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n)) {
    throw new InvalidArgumentError(`${name} got ${shown(value.slice(0, 40))} (not a finite number)`);
  }
  return n;
}

function integer(name: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) {
      throw new InvalidArgumentError(`${name} must be a whole number, got ${shown(value)}`);
    }
    return finite(name, value);
  };
}

function decimal(name: string) {
  return (value: string): number => {
    if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
      throw new InvalidArgumentError(`${name} must be a number, got ${shown(value)}`);
    }
    return finite(name, value);
  };
}

function timestamp(value: string): Date {
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || isNaN(d.getTime())) {
    throw new InvalidArgumentError(
      `--timestamp must be an ISO-8601 instant such as 2026-11-25T12:00:00Z, got ${shown(value)}`
    );
  }
  return d;
}

function addProcedureOptions(cmd: Command): Command {
  return cmd
    .requiredOption('-p, --procedure <id>', 'procedure id, <satellite folder>/PROC-<n>, e.g. tools/codesentinel/PROC-2')
    .option('--title <title>', 'procedure title')
    .option('--content-sha <sha256>', 'sha256 of the procedure text (from `catalog --json`)')
    .option('--satellite-path <path>', 'path of the AGENT_INSTRUCTIONS.md (default <satellite>/AGENT_INSTRUCTIONS.md)')
    .option('--satellite-version <version>', 'version of the satellite file, e.g. a git commit')
    .option('--agent <id>', 'agent id')
    .option('--timestamp <iso>', 'event time (default now), UTC', timestamp)
    .option('--event-id <id>', 'event id (default a random UUID); reuse it to retry safely');
}

function addInvocationOptions(cmd: Command): Command {
  return addProcedureOptions(cmd)
    .option('--session <id>', 'agent session id')
    .option('--abort-reason <reason>', 'why the agent aborted: policy_blocked, approval_denied, user_cancel, ...')
    .option('--steps-total <n>', 'number of steps in the procedure', integer('--steps-total'))
    .option('--steps-completed <n>', 'steps completed before the end', integer('--steps-completed'))
    .option('--task-id <id>', 'task id')
    .option('--task-type <type>', 'task type, e.g. bugfix')
    .option('--error-type <type>', 'error class on failure')
    .option('--error-message <text>', 'error message on failure (secrets are masked, but keep it short)')
    .addOption(
      new Option('--error-message-file <path>', 'read the error message from a file, or from stdin with -').conflicts(
        'errorMessage'
      )
    );
}

export function buildProgram(): Command {
  const program = new Command('codesentinel-telemetry')
    .description(
      'Record CodeSentinel satellite procedure invocations and feedback in Elasticsearch, never losing or duplicating an event.'
    )
    .addOption(new Option('--es-url <url>', 'Elasticsearch URL').env('CODESENTINEL_ES_URL').default(DEFAULT_ES_URL))
    .addOption(
      new Option('--spool <file>', 'spool file for events not yet stored')
        .env('CODESENTINEL_TELEMETRY_SPOOL')
        .default(defaultSpoolPath())
    )
    .addOption(
      new Option('--jsonl <file>', 'write events as JSONL for a log shipper instead of to Elasticsearch').env(
        'CODESENTINEL_TELEMETRY_JSONL'
      )
    )
    .addOption(
      new Option('--timeout-ms <ms>', 'per-request timeout; slower answers are spooled')
        .env('CODESENTINEL_ES_TIMEOUT_MS')
        .default(5000)
        .argParser(integer('--timeout-ms'))
    )
    .showHelpAfterError()
    .exitOverride();

  program
    .command('setup')
    .description('install the component and index templates (run once per cluster, safe to repeat)')
    .action(async (_o, cmd: Command) => runSetup(globals(cmd)));

  addInvocationOptions(program.command('record'))
    .description('record one procedure invocation')
    .requiredOption('-s, --status <status>', 'success | failure | agent_aborted')
    .requiredOption('-d, --duration-ms <ms>', 'how long the procedure took, in milliseconds', decimal('--duration-ms'))
    .action(async (o, cmd: Command) => runRecord(globals(cmd), o));

  addInvocationOptions(program.command('run'))
    .description('run a command, time it and record success (exit 0) or failure; exits with its status')
    .argument('<command...>', 'the command to run, after --')
    .action(async (command: string[], o, cmd: Command) => runWrapped(globals(cmd), o, command));

  addProcedureOptions(program.command('feedback'))
    .description("give feedback on a procedure's clarity and usefulness")
    .requiredOption('-c, --clarity <1-5>', 'how clear the procedure was, 1 (unclear) to 5', integer('--clarity'))
    .requiredOption('-u, --usefulness <1-5>', 'how useful it was, 1 to 5', integer('--usefulness'))
    .option('-m, --comment <text>', 'free text, shown verbatim to reviewers (secrets are masked)')
    .addOption(
      new Option('--comment-file <path>', 'read the comment from a file, or from stdin with -').conflicts('comment')
    )
    .option('--source <source>', 'agent | engineer', 'agent')
    .option('--invocation <id>', 'event id of the invocation this feedback is about')
    .option('--review-status <status>', 'new | triaged | accepted | rejected | applied', 'new')
    .option('--quarter <yyyy-Qn>', 'review quarter (default: the quarter of --timestamp)')
    .action(async (o, cmd: Command) => runFeedback(globals(cmd), o));

  program
    .command('catalog')
    .description('index every procedure found in a tree of AGENT_INSTRUCTIONS.md files')
    .argument('<root>', 'repository root to scan')
    .option('--dry-run', 'only print what was found and skipped')
    .option('--json', 'print the catalog documents as JSON')
    .option('--satellite-version <version>', 'version to stamp on every satellite, e.g. a git commit')
    .action(async (root: string, o, cmd: Command) => runCatalog(globals(cmd), root, o));

  program
    .command('flush')
    .description(`replay spooled events; exits ${EXIT_PENDING} if some are still pending`)
    .action(async (_o, cmd: Command) => runFlush(globals(cmd)));

  program
    .command('serve-metrics')
    .description('serve Prometheus metrics derived from the stored invocations (counts and a duration histogram)')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:9464')
    .option(
      '--min-interval-ms <ms>',
      'reuse a result for this long between scrapes',
      integer('--min-interval-ms'),
      10_000
    )
    .action(async (o, cmd: Command) => runServeMetrics(globals(cmd), o));

  registerReview(program);
  registerDeployCommand(program);

  return program;
}

function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are "errors" to commander; usage mistakes are bad input.
      return e.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (e instanceof EsConfigError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof InvalidRunError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof GatewayRefusedError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof InvalidEventError) {
      process.stderr.write(`error: invalid event:\n${e.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
