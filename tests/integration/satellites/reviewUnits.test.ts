// The review workflow's pure parts: quarters, the rules of a reviewer's step, the report's
// arithmetic and its Markdown escaping. No Elasticsearch (reviewWorkflow.ts has the real one).
import fc from 'fast-check';

import { wilsonInterval } from '../../../src/analytics/stats/wilson';
import { buildFeedback } from '../../../telemetry/events';
import { escapeMarkdown, reportMarkdown } from '../../../telemetry/review/markdown';
import { parseQuarter, previousQuarter, type Quarter } from '../../../telemetry/review/quarter';
import { buildReport } from '../../../telemetry/review/report';
import type { FeedbackFigures } from '../../../telemetry/review/reportData';
import { planTransition } from '../../../telemetry/review/transition';
import { quarterOf } from '../../../telemetry/schema';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);
const AT = new Date('2026-12-01T10:00:00Z');

describe('quarters', () => {
  test('every instant lies in the quarter quarterOf names, and the previous quarter ends where it starts', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), (t) => {
        const q = parseQuarter(quarterOf(new Date(t))) as Quarter;
        expect(t >= q.from && t < q.to).toBe(true);
        expect(previousQuarter(q).to).toBe(q.from);
      })
    );
  });

  test('Q1 follows the last year’s Q4', () => {
    expect(previousQuarter(parseQuarter('2027-Q1') as Quarter).label).toBe('2026-Q4');
  });

  test.each(['2026-Q5', '2026-Q0', '26-Q1', '2026Q1', '', '2026-q1'])('%j is refused with a sentence', (text) => {
    expect(parseQuarter(text)).toMatch(/^--quarter must look like 2026-Q4/);
  });
});

describe('a reviewer step', () => {
  const item = () =>
    buildFeedback({
      procedureId: 'github/PROC-1',
      clarity: 2,
      usefulness: 3,
      source: 'agent',
      contentSha: SHA_A,
      timestamp: AT,
    });

  test('accepting records who, why and when, and starts the history', () => {
    const plan = planTransition(item(), { status: 'accepted', reviewer: 'alice', note: 'rewrite step 3', at: AT });
    expect(plan).toEqual({
      kind: 'update',
      review: {
        quarter: '2026-Q4',
        status: 'accepted',
        reviewer: 'alice',
        note: 'rewrite step 3',
        updated_at: AT.toISOString(),
        history: [{ status: 'accepted', reviewer: 'alice', note: 'rewrite step 3', at: AT.toISOString() }],
      },
    });
  });

  test('the same step again changes nothing; a different note is a new step', () => {
    const doc = item();
    const first = planTransition(doc, { status: 'applied', reviewer: 'alice', contentSha: SHA_B, at: AT });
    expect(first.kind).toBe('update');
    doc.review = (first as { review: typeof doc.review }).review;
    expect(planTransition(doc, { status: 'applied', reviewer: 'alice', contentSha: SHA_B, at: new Date() })).toEqual({
      kind: 'unchanged',
    });
    const second = planTransition(doc, {
      status: 'applied',
      reviewer: 'alice',
      contentSha: SHA_B,
      note: 'done',
      at: AT,
    });
    expect(second.kind === 'update' && second.review.history).toHaveLength(2);
  });

  test('notes are cleaned and secrets masked', () => {
    const plan = planTransition(item(), {
      status: 'rejected',
      reviewer: 'bob',
      note: 'token ghp_0123456789abcdefghijABCDEFGHIJ012345 \u202e here',
      at: AT,
    });
    expect(plan.kind === 'update' && plan.review.note).not.toContain('ghp_0123456789');
    expect(plan.kind === 'update' && plan.review.note).not.toContain('\u202e');
  });

  test.each([
    [{ status: 'new' }, '--status must be one of triaged, accepted, rejected, applied'],
    [{ status: 'applied' }, '--content-sha is required'],
    [{ status: 'applied', contentSha: 'XYZ' }, '--content-sha must be a lowercase hex sha256'],
    [{ status: 'applied', contentSha: SHA_A }, 'the hash of the text this feedback was given on'],
    [{ status: 'triaged', contentSha: SHA_B }, '--content-sha only goes with --status applied'],
    [{ status: 'triaged', reviewer: ' ' }, '--reviewer must name who decides'],
    [{ status: 'triaged', reviewer: 'al\u200bice' }, 'U+200B'],
  ])('%j is refused: %s', (request, message) => {
    const plan = planTransition(item(), { reviewer: 'alice', at: AT, ...request });
    expect(plan.kind).toBe('invalid');
    expect(plan.kind === 'invalid' && plan.problems.join('\n')).toContain(message);
  });
});

describe('report arithmetic', () => {
  const quarter = parseQuarter('2026-Q4') as Quarter;
  const report = buildReport({
    quarter,
    invocations: [
      new Map([
        ['s/PROC-1', { runs: 30, failures: 3, aborts: 1 }],
        ['s/PROC-2', { runs: 10, failures: 5, aborts: 0 }],
      ]),
      new Map([['s/PROC-1', { runs: 20, failures: 1, aborts: 0 }]]),
    ],
    feedback: [
      new Map<string, FeedbackFigures>([
        ['s/PROC-1', { count: 3, clarity: 4, usefulness: 3, statuses: { new: 2, applied: 1 } }],
        ['s/PROC-2', { count: 1, clarity: 2, usefulness: 5, statuses: { triaged: 1 } }],
      ]),
      new Map<string, FeedbackFigures>([['s/PROC-1', { count: 2, clarity: 2.5, usefulness: 3, statuses: {} }]]),
    ],
    titles: new Map([['s/PROC-3', 'Never run | <b>bold</b>']]),
    applied: [],
    taskRuns: [],
  });

  test('a satellite adds its procedures up; averages are weighted by feedback count', () => {
    const s = report.satellites[0];
    expect(s).toMatchObject({
      satellite: 's',
      runs: 40,
      failures: 8,
      aborts: 1,
      previousRuns: 20,
      feedback: 4,
      openItems: 3,
      appliedItems: 1,
    });
    expect(s.clarity).toBeCloseTo((3 * 4 + 1 * 2) / 4, 12);
    expect(s.clarityChange).toBeCloseTo((3 * 4 + 2) / 4 - 2.5, 12);
    const w = wilsonInterval(8, 40) as { lower: number; upper: number };
    expect(s.failureRate).toEqual({ estimate: 0.2, lower: w.lower, upper: w.upper });
  });

  test('a catalogued procedure that never ran is listed with no rate rather than 0 %', () => {
    const p3 = report.satellites[0].procedures.find((p) => p.procedure === 's/PROC-3')!;
    expect(p3).toMatchObject({
      runs: 0,
      failureRate: null,
      clarity: null,
      clarityChange: null,
      title: 'Never run | <b>bold</b>',
    });
    expect(reportMarkdown(report)).toContain('s/PROC\\-3 Never run \\| \\<b\\>bold\\</b\\> | 0 (0) | – | – |');
  });

  test('Markdown escaping leaves nothing a renderer would act on', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = escapeMarkdown(text);
        expect(out).not.toMatch(/(^|[^\\])[|<>[\]`*_]/);
        expect(out).not.toMatch(/[\n\r]/);
      })
    );
  });
});
