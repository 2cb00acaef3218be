// The quarterly review as Markdown. Ids, titles and notes come from agents and reviewers: every
// character Markdown would act on is escaped, so a title can neither break the table nor add a link.
import {
  describeAppliedEffect,
  formatDurationMs as ms,
  formatRate as rateText,
} from '../../src/analytics/models/appliedEffect';
import { formatPercent, formatSignedPercent as signedPercent } from '../../src/analytics/stats/format';
import { oneLine } from '../es/bulk';

import type { AppliedEffect, Figures, ReviewReport } from './report';

export function escapeMarkdown(text: string): string {
  return oneLine(text, 200).replace(/[\\`*_{}[\]()<>#+\-.!|~&]/g, (c) => `\\${c}`);
}

function score(v: number | null): string {
  return v === null ? '–' : v.toFixed(2);
}

function delta(v: number | null): string {
  return v === null ? '' : ` (${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)})`;
}

function cells(f: Figures): string[] {
  return [
    `${f.runs} (${f.previousRuns})`,
    rateText(f.failureRate),
    rateText(f.abortRate),
    `${score(f.clarity)}${delta(f.clarityChange)}`,
    `${score(f.usefulness)}${delta(f.usefulnessChange)}`,
    String(f.feedback),
    String(f.openItems),
    String(f.appliedItems),
  ];
}

function table(head: string[], rows: string[][]): string {
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

const HEAD = [
  'Runs (last quarter)',
  'Failure rate [interval]',
  'Abort rate [interval]',
  'Clarity (change)',
  'Usefulness (change)',
  'Feedback',
  'Open items',
  'Applied',
];

function effectRow(a: AppliedEffect): string[] {
  return [
    escapeMarkdown(a.procedure),
    String(a.items.length),
    `${escapeMarkdown(a.reviewers.join(', ') || '–')}${a.notes.length ? `: ${escapeMarkdown(a.notes.join('; '))}` : ''}`,
    `\`${a.appliedContentSha.slice(0, 12)}\``,
    `${rateText(a.before.failureRate)} of ${a.before.runs}`,
    `${rateText(a.after.failureRate)} of ${a.after.runs}`,
    `${ms(a.before.medianDurationMs)} → ${ms(a.after.medianDurationMs)}`,
    `${score(a.before.clarity)} → ${score(a.after.clarity)}`,
    a.verdict,
    a.taskSpeed?.relative == null
      ? '–'
      : `${ms(a.taskSpeed.before.medianMs)} → ${ms(a.taskSpeed.after.medianMs)} (${signedPercent(a.taskSpeed.relative)})`,
  ];
}

export function reportMarkdown(r: ReviewReport): string {
  const conf = formatPercent(r.confidence);
  const out = [
    `# Satellite review ${r.quarter}`,
    '',
    `${r.from.slice(0, 10)} to ${r.to.slice(0, 10)} (end excluded), compared with ${r.previousQuarter}. ` +
      `Rates are shown with their ${conf} Wilson interval; clarity and usefulness are averages from 1 (poor) to 5 ` +
      `over the feedback of each review quarter. Open items are new, triaged or accepted.`,
    '',
    '## Satellites',
    '',
    table(
      ['Satellite', ...HEAD],
      r.satellites.map((s) => [escapeMarkdown(s.satellite), ...cells(s)])
    ),
  ];
  for (const s of r.satellites) {
    out.push(
      '',
      `## ${escapeMarkdown(s.satellite)}`,
      '',
      table(
        ['Procedure', ...HEAD],
        s.procedures.map((p) => [
          `${escapeMarkdown(p.procedure)}${p.title ? ` ${escapeMarkdown(p.title)}` : ''}`,
          ...cells(p),
        ])
      )
    );
  }
  out.push('', `## Applied changes (${r.previousQuarter} and ${r.quarter}) and their effect`, '');
  if (r.applied.length === 0) {
    out.push(
      'No applied items yet: mark one with `codesentinel-telemetry review set <id> --status applied --content-sha <sha>`.'
    );
  } else {
    out.push(
      `Before and after are told apart by the procedure's content hash; "fails less" or "fails more" only when the ${conf} intervals do not overlap.`,
      '',
      table(
        [
          'Procedure',
          'Items',
          'Reviewers: notes',
          'New content',
          'Failure rate before',
          'Failure rate after',
          'Median duration',
          'Clarity',
          'Effect',
          'Median task time',
        ],
        r.applied.map(effectRow)
      ),
      '',
      ...r.applied.map((a) => `- ${escapeMarkdown(a.procedure)}: ${describeAppliedEffect(a)}`)
    );
  }
  out.push('', `## Task speed by task type (${r.previousQuarter} and ${r.quarter})`, '');
  if (r.taskSpeed.length === 0) {
    out.push('No invocations with a task id in this quarter: record them with `--task-id` and `--task-type`.');
  } else {
    out.push(
      'A task is every invocation sharing a task id, from the first start to the last end. The trend is a regression over the weekly medians.',
      ''
    );
    for (const t of r.taskSpeed) {
      out.push(`- ${escapeMarkdown(t.summary)}`);
    }
    out.push(
      '',
      table(
        ['Task type', 'Week', 'Tasks', 'Median', 'p90'],
        r.taskSpeed.flatMap((t) =>
          t.weeks.map((w) => [
            escapeMarkdown(t.type),
            new Date(w.weekStartMs).toISOString().slice(0, 10),
            String(w.tasks),
            ms(w.medianMs),
            ms(w.p90Ms),
          ])
        )
      )
    );
  }
  return out.join('\n') + '\n';
}
