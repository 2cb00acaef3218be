// `codesentinel-telemetry review`: move feedback through the quarterly review and write the report.
//   review list --quarter 2026-Q4            the open items (new, triaged, accepted) with their version
//   review set <id> --status accepted ...    one decision, written only if nobody changed the item since
//   review report --quarter 2026-Q4          per satellite and procedure, Markdown or JSON
import { type Command, Option } from 'commander';

import { oneLine } from '../es/bulk';
import { esConfig } from '../es/config';
import { InvalidEventError } from '../events';
import { REVIEW_STATUSES, shown, type ReviewStatus } from '../schema';

import { reportMarkdown } from './markdown';
import { parseQuarter, previousQuarter, type Quarter } from './quarter';
import { buildReport } from './report';
import {
  appliedItems,
  beforeAfter,
  catalogTitles,
  feedbackByProcedure,
  invocationsByProcedure,
  taskRuns,
} from './reportData';
import { ensureReviewMapping, getItem, listItems, versionOf, writeReview } from './store';
import { OPEN_STATUSES, planTransition, REVIEWER_STATUSES } from './transition';

/** Another reviewer changed the item first: nothing was written. */
export const EXIT_CONFLICT = 3;

interface Globals {
  esUrl: string;
  timeoutMs: number;
}

function es(cmd: Command) {
  const g = cmd.optsWithGlobals() as Globals;
  return esConfig(g.esUrl, g.timeoutMs);
}

function quarterOption(value: string): Quarter {
  const q = parseQuarter(value);
  if (typeof q === 'string') {
    throw new InvalidEventError([q]);
  }
  return q;
}

function print(text: string) {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

async function runList(
  o: { quarter: Quarter; satellite?: string; procedure?: string; status?: string[]; json?: boolean },
  cmd: Command
) {
  const statuses = (o.status ?? [...OPEN_STATUSES]) as ReviewStatus[];
  const bad = statuses.filter((s) => !REVIEW_STATUSES.includes(s));
  if (bad.length) {
    throw new InvalidEventError([
      `--status must be among ${REVIEW_STATUSES.join(', ')}, got ${bad.map(shown).join(', ')}`,
    ]);
  }
  const items = await listItems(es(cmd), {
    quarter: o.quarter.label,
    statuses,
    satellite: o.satellite,
    procedure: o.procedure,
  });
  if (o.json) {
    print(JSON.stringify(items.map((i) => ({ id: i.id, version: versionOf(i), ...i.doc }))));
    return;
  }
  if (items.length === 0) {
    print(`no ${statuses.join('/')} items in ${o.quarter.label}`);
    return;
  }
  for (const i of items) {
    const d = i.doc;
    // Comments are an agent's free text: one line, control characters removed, shown quoted.
    print(
      `${i.id}  version ${versionOf(i)}  ${d.review.status.padEnd(8)}  ${shown(d.procedure.id)}  ` +
        `clarity ${d.clarity} usefulness ${d.usefulness}` +
        `${d.review.reviewer ? `  by ${shown(d.review.reviewer)}` : ''}` +
        `${d.comment ? `\n    ${shown(oneLine(d.comment, 160))}` : ''}`
    );
  }
  process.stderr.write(`${items.length} item(s); change one with \`review set <id> --status ... --reviewer ...\`\n`);
}

function parseVersion(text: string): { seqNo: number; primaryTerm: number } {
  const m = /^(\d{1,18}):(\d{1,18})$/.exec(text);
  if (!m) {
    throw new InvalidEventError([
      `--expect-version must be <seq_no>:<primary_term> as \`review list\` prints it, got ${shown(text)}`,
    ]);
  }
  return { seqNo: Number(m[1]), primaryTerm: Number(m[2]) };
}

async function runSet(
  id: string,
  o: { status: string; reviewer: string; note?: string; contentSha?: string; expectVersion?: string },
  cmd: Command
) {
  const config = es(cmd);
  const item = await getItem(config, id);
  if (!item) {
    throw new InvalidEventError([`no feedback item with id ${shown(id)}: take the id from \`review list\``]);
  }
  const plan = planTransition(item.doc, { ...o, at: new Date() });
  if (plan.kind === 'invalid') {
    throw new InvalidEventError(plan.problems);
  }
  const expected = o.expectVersion ? parseVersion(o.expectVersion) : item;
  const current = versionOf(item);
  const stale = versionOf(expected) !== current;
  // The same decision again (a retry whose answer was lost) is done already, whatever version it names.
  if (plan.kind === 'unchanged') {
    print(JSON.stringify({ id, result: 'unchanged', status: item.doc.review.status, version: current }));
    return;
  }
  let outcome: 'written' | 'conflict' = 'conflict';
  if (!stale) {
    await ensureReviewMapping(config);
    outcome = await writeReview(config, item, plan.review, expected);
  }
  if (outcome === 'conflict') {
    const now = (await getItem(config, id)) ?? item;
    const r = now.doc.review;
    process.stderr.write(
      `conflict: item ${id} changed after version ${versionOf(expected)} was read: it is now ${r.status}` +
        `${r.reviewer ? ` (set by ${shown(r.reviewer)}${r.updated_at ? ` at ${r.updated_at}` : ''})` : ''}, version ${versionOf(now)}. ` +
        `Your change (${o.status} by ${shown(o.reviewer)}) was NOT written; nothing was overwritten. ` +
        `Look at the item with \`review list\` and run \`review set\` again if it still applies.\n`
    );
    print(JSON.stringify({ id, result: 'conflict', status: r.status, version: versionOf(now) }));
    process.exitCode = EXIT_CONFLICT;
    return;
  }
  const after = await getItem(config, id);
  print(JSON.stringify({ id, result: 'updated', status: o.status, version: after ? versionOf(after) : undefined }));
}

async function runReport(o: { quarter: Quarter; satellite?: string; format: string }, cmd: Command) {
  const config = es(cmd);
  const quarters: [Quarter, Quarter] = [o.quarter, previousQuarter(o.quarter)];
  const filter = { satellite: o.satellite };
  const [invocations, feedback, titles, applied, runs] = await Promise.all([
    invocationsByProcedure(config, quarters, filter),
    feedbackByProcedure(config, quarters, filter),
    catalogTitles(config, filter),
    appliedItems(config, [quarters[1], quarters[0]], filter),
    taskRuns(config, quarters, filter),
  ]);
  // One query per change, however many items it answered.
  const figures = new Map<string, Awaited<ReturnType<typeof beforeAfter>>>();
  const effects = [];
  for (const item of applied) {
    const sha = item.review.applied_content_sha ?? '';
    const key = JSON.stringify([item.procedure.id, sha]);
    if (!figures.has(key)) {
      figures.set(key, await beforeAfter(config, item.procedure.id, sha));
    }
    effects.push({ item, effect: figures.get(key)! });
  }
  const report = buildReport({
    quarter: o.quarter,
    invocations: [invocations[0], invocations[1]],
    feedback: [feedback[0], feedback[1]],
    titles,
    applied: effects,
    taskRuns: runs,
  });
  print(o.format === 'json' ? JSON.stringify(report, null, 2) : reportMarkdown(report));
}

/** Adds `review` and its subcommands to the CLI. */
export function registerReview(program: Command): void {
  const review = program
    .command('review')
    .description('move feedback through the quarterly review; write the review report');
  review
    .command('list')
    .description('list the items of a review quarter (default: the open ones: new, triaged, accepted)')
    .requiredOption('-q, --quarter <yyyy-Qn>', 'review quarter, e.g. 2026-Q4', quarterOption)
    .option('--satellite <id>', 'only this satellite')
    .option('-p, --procedure <id>', 'only this procedure')
    .option('--status <status...>', `only these statuses (${REVIEW_STATUSES.join(', ')})`)
    .option('--json', 'print the items as JSON')
    .action(async (o, cmd: Command) => runList(o, cmd));
  review
    .command('set')
    .description('record a reviewer decision on one item; refused with exit 3 if someone changed it first')
    .argument('<id>', 'item id (the feedback event id) from `review list`')
    .addOption(
      new Option('-s, --status <status>', 'the decision').choices([...REVIEWER_STATUSES]).makeOptionMandatory()
    )
    .requiredOption('-r, --reviewer <name>', 'who decides')
    .option('-m, --note <text>', 'why (secrets are masked)')
    .option('--content-sha <sha256>', "with applied: the sha256 of the procedure's new text (from `catalog --json`)")
    .option('--expect-version <seq:term>', 'the version `review list` showed; refused if the item changed since')
    .action(async (id: string, o, cmd: Command) => runSet(id, o, cmd));
  review
    .command('report')
    .description('the quarterly review per satellite and procedure')
    .requiredOption('-q, --quarter <yyyy-Qn>', 'review quarter, e.g. 2026-Q4', quarterOption)
    .option('--satellite <id>', 'only this satellite')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action(async (o, cmd: Command) => runReport(o, cmd));
}
