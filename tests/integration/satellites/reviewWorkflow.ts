// The quarterly review workflow on the real Elasticsearch of elasticsearch.test.ts (it shares that
// node rather than starting its own): `review list / set / report` through the real CLI, two
// reviewers racing on one item, and the report's figures against direct aggregations of the documents.
import { describeTaskSpeed, taskSpeedAfterChange, taskSpeedByType, type Task } from '../../../src/analytics';
import {
  appliedEffectQueries,
  appliedItems,
  reviewItems,
  taskQueries,
} from '../../../src/queries/elasticsearch/satellites';
import type { BulkDoc } from '../../../telemetry/es/bulk';
import { buildFeedback, buildInvocation, toBulkDoc } from '../../../telemetry/events';
import { INDEX_PATTERN } from '../../../telemetry/template';
import { es, refreshAndCount } from '../support/elasticsearch';

import { runCli } from './cliRunner';
import { toSearchBody } from './grafanaQuery';

const SAT = 'review-sat';
const P1 = `${SAT}/PROC-1`;
const P2 = `${SAT}/PROC-2`;
export const OLD_SHA = 'a'.repeat(64);
export const NEW_SHA = 'b'.repeat(64);
const Q3 = Date.UTC(2026, 6, 6);
const Q4 = Date.UTC(2026, 9, 5);
const HOUR = 3_600_000;

/** PROC-1 fails 14 of 40 runs in Q3 (old text), 2 of 80 in Q4 (new text); PROC-2 1 of 20 in Q4. */
export function reviewDataset(): BulkDoc[] {
  const docs: BulkDoc[] = [];
  const runs = (
    id: string,
    start: number,
    n: number,
    failEvery: number,
    abortEvery: number,
    sha: string,
    tag: string
  ) => {
    for (let j = 0; j < n; j++) {
      const status =
        j % failEvery === 0 ? 'failure' : abortEvery > 0 && j % abortEvery === 1 ? 'agent_aborted' : 'success';
      docs.push(
        toBulkDoc(
          buildInvocation({
            procedureId: id,
            status,
            durationMs: (sha === OLD_SHA ? 9000 : 6000) + 10 * j,
            timestamp: new Date(start + j * HOUR),
            eventId: `rv-inv-${tag}-${j}`,
            contentSha: sha,
            abortReason: status === 'agent_aborted' ? 'user_cancel' : undefined,
            // Two runs a task: PROC-1 serves code reviews, PROC-2 bug fixes.
            taskId: `task-${tag}-${Math.floor(j / 2)}`,
            taskType: id === P1 ? 'code-review' : 'bugfix',
          })
        )
      );
    }
  };
  // Run j fails when j % failEvery = 0: PROC-1 fails 14 of 40 runs before its rewrite, 2 of 80 after.
  runs(P1, Q3, 40, 3, 13, OLD_SHA, 'p1-q3');
  runs(P1, Q4, 80, 40, 0, NEW_SHA, 'p1-q4');
  runs(P2, Q4, 20, 20, 7, OLD_SHA, 'p2-q4');
  const fb = (id: string, at: number, clarity: number, usefulness: number, sha: string, tag: string) =>
    docs.push(
      toBulkDoc(
        buildFeedback({
          procedureId: id,
          clarity,
          usefulness,
          source: 'agent',
          comment: `feedback ${tag}: step 3 | is *unclear*`,
          timestamp: new Date(at),
          eventId: `rv-fb-${tag}`,
          contentSha: sha,
        })
      )
    );
  fb(P1, Q3 + HOUR, 2, 3, OLD_SHA, 'q3-a');
  fb(P1, Q3 + 2 * HOUR, 1, 3, OLD_SHA, 'q3-b');
  fb(P1, Q3 + 3 * HOUR, 3, 4, OLD_SHA, 'q3-c');
  fb(P1, Q4 + HOUR, 4, 4, NEW_SHA, 'q4-a');
  fb(P1, Q4 + 2 * HOUR, 5, 4, NEW_SHA, 'q4-b');
  fb(P2, Q4 + 3 * HOUR, 3, 2, OLD_SHA, 'q4-c');
  fb(P2, Q4 + 4 * HOUR, 2, 2, OLD_SHA, 'q4-d');
  return docs;
}

async function source(id: string): Promise<any> {
  const r = await es('POST', `/${INDEX_PATTERN}/_search`, {
    seq_no_primary_term: true,
    query: { ids: { values: [id] } },
  });
  return { ...r.hits.hits[0]._source, _seq_no: r.hits.hits[0]._seq_no };
}

function count(query: object): Promise<number> {
  return refreshAndCount(INDEX_PATTERN, query);
}

const term = (field: string, value: string | number) => ({ term: { [field]: value } });
const inQuarter = (from: number, to: number) => ({ range: { '@timestamp': { gte: from, lt: to } } });
const all = (...f: object[]) => ({ bool: { filter: f } });

/** Registers the review tests; `env` is read when they run (after the suite's beforeAll). */
export function describeReviewWorkflow(env: () => Record<string, string>): void {
  describe('quarterly review workflow (review list / set / report)', () => {
    const cli = (args: string[]) => runCli(args, env());

    beforeAll(async () => {
      const docs = reviewDataset();
      const bulk = docs.flatMap((d) => [
        JSON.stringify({ create: { _index: d.index, _id: d.id } }),
        JSON.stringify(d.source),
      ]);
      const r = await es('POST', '/_bulk?refresh=true', bulk.join('\n') + '\n');
      expect(r.errors).toBe(false);
    });

    test('list shows the open items of a quarter, each with its version', async () => {
      const r = await cli(['review', 'list', '--quarter', '2026-Q4', '--satellite', SAT, '--json']);
      expect(r.code).toBe(0);
      const items = JSON.parse(r.stdout);
      expect(items.map((i: any) => i.id).sort()).toEqual(['rv-fb-q4-a', 'rv-fb-q4-b', 'rv-fb-q4-c', 'rv-fb-q4-d']);
      expect(items.every((i: any) => /^\d+:\d+$/.test(i.version) && i.review.status === 'new')).toBe(true);
      const text = await cli(['review', 'list', '--quarter', '2026-Q4', '--satellite', SAT]);
      expect(text.stdout).toContain('rv-fb-q4-a');
      expect(text.stdout).toContain('"feedback q4-a: step 3 | is *unclear*"');
    });

    test('two reviewers on one item: one wins, the other gets the conflict message, nothing is lost', async () => {
      const listed = JSON.parse((await cli(['review', 'list', '-q', '2026-Q4', '-p', P2, '--json'])).stdout);
      const item = listed.find((i: any) => i.id === 'rv-fb-q4-c');
      // Both reviewers read the list (same version), then act at the same moment.
      const [alice, bob] = await Promise.all([
        cli([
          'review',
          'set',
          item.id,
          '-s',
          'accepted',
          '-r',
          'alice',
          '-m',
          'rewrite step 3',
          '--expect-version',
          item.version,
        ]),
        cli([
          'review',
          'set',
          item.id,
          '-s',
          'rejected',
          '-r',
          'bob',
          '-m',
          'works as written',
          '--expect-version',
          item.version,
        ]),
      ]);
      const codes = [alice.code, bob.code].sort();
      expect(codes).toEqual([0, 3]);
      const [winner, loser] = alice.code === 0 ? [alice, bob] : [bob, alice];
      const winnerName = winner === alice ? 'alice' : 'bob';
      expect(loser.stderr).toMatch(
        /^conflict: item rv-fb-q4-c changed after version \d+:\d+ was read: it is now (accepted|rejected) \(set by "(alice|bob)"/
      );
      expect(loser.stderr).toContain('was NOT written; nothing was overwritten');
      let doc = await source(item.id);
      expect(doc.review.reviewer).toBe(winnerName);
      expect(doc.review.history).toHaveLength(1);
      // The loser looks again and repeats the decision: both steps are kept.
      const loserName = winnerName === 'alice' ? 'bob' : 'alice';
      const retry = await cli([
        'review',
        'set',
        item.id,
        '-s',
        loserName === 'alice' ? 'accepted' : 'rejected',
        '-r',
        loserName,
      ]);
      expect(retry.code).toBe(0);
      doc = await source(item.id);
      expect(doc.review.history.map((h: any) => h.reviewer)).toEqual([winnerName, loserName]);
      expect(doc.review.reviewer).toBe(loserName);
      // The feedback itself is untouched.
      expect(doc.clarity).toBe(3);
      expect(doc.comment).toBe('feedback q4-c: step 3 | is *unclear*');
    });

    test('racing without --expect-version: every decision that reports success is in the history', async () => {
      const id = 'rv-fb-q4-d';
      const results = await Promise.all(
        ['carol', 'dave', 'erin'].map((r) => cli(['review', 'set', id, '-s', 'triaged', '-r', r]))
      );
      const ok = results.filter((r) => r.code === 0).length;
      const conflicts = results.filter((r) => r.code === 3);
      expect(ok + conflicts.length).toBe(3);
      expect(ok).toBeGreaterThanOrEqual(1);
      conflicts.forEach((c) => expect(c.stderr).toContain('was NOT written'));
      const doc = await source(id);
      expect(doc.review.history).toHaveLength(ok);
    });

    test('the same decision twice is written once (safe to retry)', async () => {
      const first = await cli(['review', 'set', 'rv-fb-q4-a', '-s', 'triaged', '-r', 'alice', '-m', 'look at step 3']);
      expect(first.code).toBe(0);
      const before = await source('rv-fb-q4-a');
      const again = await cli(['review', 'set', 'rv-fb-q4-a', '-s', 'triaged', '-r', 'alice', '-m', 'look at step 3']);
      expect(again.code).toBe(0);
      expect(JSON.parse(again.stdout).result).toBe('unchanged');
      const after = await source('rv-fb-q4-a');
      expect(after._seq_no).toBe(before._seq_no);
      expect(after.review.history).toHaveLength(1);
    });

    // The rules themselves are unit-tested (reviewUnits.test.ts); these check the CLI's wiring.
    test.each([
      [['-s', 'applied', '-r', 'alice'], '--content-sha is required with --status applied'],
      [
        ['-s', 'accepted', '-r', 'alice', '--expect-version', 'latest'],
        '--expect-version must be <seq_no>:<primary_term>',
      ],
    ])('bad input %j is refused with exit 2: %s', async (args, message) => {
      const r = await cli(['review', 'set', 'rv-fb-q3-a', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect((await source('rv-fb-q3-a')).review.status).toBe('new');
    });

    test('an unknown item or quarter is a clear message, exit 2', async () => {
      const r = await cli(['review', 'set', 'no-such-item', '-s', 'accepted', '-r', 'alice']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no feedback item with id "no-such-item"');
      const q = await cli(['review', 'report', '--quarter', '2026-Q5']);
      expect(q.code).toBe(2);
      expect(q.stderr).toContain('--quarter must look like 2026-Q4');
    });

    describe('report', () => {
      let report: any;

      beforeAll(async () => {
        // Last quarter's item about PROC-1 was applied: the procedure was rewritten (new content hash).
        const applied = await cli([
          'review',
          'set',
          'rv-fb-q3-a',
          '-s',
          'applied',
          '-r',
          'alice',
          '-m',
          'step 3 rewritten',
          '--content-sha',
          NEW_SHA,
        ]);
        expect(applied.code).toBe(0);
        const r = await cli(['review', 'report', '--quarter', '2026-Q4', '--format', 'json']);
        expect(r.code).toBe(0);
        report = JSON.parse(r.stdout);
      });

      test('runs, failures and aborts per procedure equal a direct count of the documents', async () => {
        const procedures = report.satellites.flatMap((s: any) => s.procedures);
        expect(procedures.map((p: any) => p.procedure)).toEqual(expect.arrayContaining([P1, P2, 'github/PROC-3']));
        const [from, to] = [Date.UTC(2026, 9, 1), Date.UTC(2027, 0, 1)];
        const [pFrom, pTo] = [Date.UTC(2026, 6, 1), Date.UTC(2026, 9, 1)];
        for (const p of procedures) {
          const inv = (...f: object[]) =>
            count(all(term('event.dataset', 'codesentinel.invocation'), term('procedure.id', p.procedure), ...f));
          expect([p.procedure, p.runs]).toEqual([p.procedure, await inv(inQuarter(from, to))]);
          expect(p.failures).toBe(await inv(inQuarter(from, to), term('status', 'failure')));
          expect(p.aborts).toBe(await inv(inQuarter(from, to), term('status', 'agent_aborted')));
          expect(p.previousRuns).toBe(await inv(inQuarter(pFrom, pTo)));
          const fb = (...f: object[]) =>
            count(all(term('event.dataset', 'codesentinel.feedback'), term('procedure.id', p.procedure), ...f));
          expect(p.feedback).toBe(await fb(term('review.quarter', '2026-Q4')));
          expect(p.openItems).toBe(
            await fb(term('review.quarter', '2026-Q4'), { terms: { 'review.status': ['new', 'triaged', 'accepted'] } })
          );
          expect(p.appliedItems).toBe(await fb(term('review.quarter', '2026-Q4'), term('review.status', 'applied')));
        }
        const p1 = procedures.find((p: any) => p.procedure === P1);
        expect(p1).toMatchObject({ runs: 80, failures: 2, aborts: 0, previousRuns: 40 });
        expect(p1.failureRate.estimate).toBeCloseTo(2 / 80, 12);
        expect(p1.failureRate.lower).toBeLessThan(0.025);
        expect(p1.failureRate.upper).toBeGreaterThan(0.025);
      });

      test('clarity and usefulness averages and their change equal Elasticsearch averages', async () => {
        const avg = async (procedure: string, quarter: string, field: string) => {
          const r = await es('POST', `/${INDEX_PATTERN}/_search`, {
            size: 0,
            query: all(term('procedure.id', procedure), term('review.quarter', quarter)),
            aggs: { a: { avg: { field } } },
          });
          return r.aggregations.a.value as number | null;
        };
        for (const s of report.satellites) {
          for (const p of s.procedures) {
            expect(p.clarity).toBe(await avg(p.procedure, '2026-Q4', 'clarity'));
            expect(p.usefulness).toBe(await avg(p.procedure, '2026-Q4', 'usefulness'));
            expect(p.previousClarity).toBe(await avg(p.procedure, '2026-Q3', 'clarity'));
          }
        }
        const p1 = report.satellites
          .find((s: any) => s.satellite === SAT)
          .procedures.find((p: any) => p.procedure === P1);
        expect(p1.clarity).toBe(4.5);
        expect(p1.previousClarity).toBe(2);
        expect(p1.clarityChange).toBe(2.5);
        const sat = report.satellites.find((s: any) => s.satellite === SAT);
        const satAvg = await es('POST', `/${INDEX_PATTERN}/_search`, {
          size: 0,
          query: all(term('satellite.id', SAT), term('review.quarter', '2026-Q4')),
          aggs: { a: { avg: { field: 'clarity' } } },
        });
        expect(sat.clarity).toBeCloseTo(satAvg.aggregations.a.value, 12);
      });

      test("the applied change's before/after figures equal counts by content hash, and it fails less", async () => {
        expect(report.applied).toHaveLength(1);
        const a = report.applied[0];
        expect(a).toMatchObject({
          items: ['rv-fb-q3-a'],
          procedure: P1,
          reviewers: ['alice'],
          appliedContentSha: NEW_SHA,
        });
        const inv = (...f: object[]) =>
          count(all(term('event.dataset', 'codesentinel.invocation'), term('procedure.id', P1), ...f));
        expect(a.after.runs).toBe(await inv(term('procedure.content_sha', NEW_SHA)));
        expect(a.after.failures).toBe(await inv(term('procedure.content_sha', NEW_SHA), term('status', 'failure')));
        expect(a.before.runs).toBe(await inv(term('procedure.content_sha', OLD_SHA)));
        expect(a.before.failures).toBe(await inv(term('procedure.content_sha', OLD_SHA), term('status', 'failure')));
        expect([a.before.runs, a.before.failures, a.after.runs, a.after.failures]).toEqual([40, 14, 80, 2]);
        expect(a.verdict).toBe('fails less');
        expect(a.before.medianDurationMs).toBeGreaterThan(a.after.medianDurationMs);
      });

      test('task speed: tasks per type equal the distinct task ids, and code reviews got faster after the rewrite', async () => {
        const [from, to] = [Date.UTC(2026, 6, 1), Date.UTC(2027, 0, 1)];
        for (const t of report.taskSpeed) {
          const r = await es('POST', `/${INDEX_PATTERN}/_search`, {
            size: 0,
            query: all(
              term('event.dataset', 'codesentinel.invocation'),
              term('task.type', t.type),
              inQuarter(from, to)
            ),
            aggs: { ids: { terms: { field: 'task.id', size: 10_000 } } },
          });
          expect([t.type, t.tasks]).toEqual([t.type, r.aggregations.ids.buckets.length]);
          expect(t.weeks.reduce((n: number, w: any) => n + w.tasks, 0)).toBe(t.tasks);
        }
        const review = report.taskSpeed.find((t: any) => t.type === 'code-review');
        expect(review.tasks).toBe(20 + 40);
        // A task is two runs an hour apart; the old text took 9.0–9.4 s a run, the new 6.0–6.8 s.
        const first = review.weeks[0].medianMs;
        const last = review.weeks[review.weeks.length - 1].medianMs;
        expect(first).toBeGreaterThan(HOUR + 9000);
        expect(first).toBeLessThan(HOUR + 9400);
        expect(last).toBeGreaterThan(HOUR + 6000);
        expect(last).toBeLessThan(HOUR + 6800);
        const a = report.applied[0];
        expect(a.taskSpeed.before.tasks).toBe(20);
        expect(a.taskSpeed.after.tasks).toBe(40);
        expect(a.taskSpeed.relative).toBeLessThan(0);
      });

      test("the page's review query returns exactly the satellite's items of both quarters, review state included", async () => {
        const body = toSearchBody(reviewItems({ satellite: SAT }, ['2026-Q4', '2026-Q3']), {
          from: Date.UTC(2026, 6, 1),
          to: Date.now(),
        });
        const r = await es('POST', `/${INDEX_PATTERN}/_search`, body);
        const ids = r.hits.hits.map((h: any) => h._id).sort();
        expect(ids).toEqual([
          'rv-fb-q3-a',
          'rv-fb-q3-b',
          'rv-fb-q3-c',
          'rv-fb-q4-a',
          'rv-fb-q4-b',
          'rv-fb-q4-c',
          'rv-fb-q4-d',
        ]);
        const applied = r.hits.hits.find((h: any) => h._id === 'rv-fb-q3-a')._source.review;
        expect(applied).toMatchObject({ status: 'applied', reviewer: 'alice', applied_content_sha: NEW_SHA });
      });

      test("the page's applied-items query returns last quarter's applied items only, however full this quarter is", async () => {
        const body = toSearchBody(appliedItems({ satellite: SAT }, '2026-Q3'), {
          from: Date.UTC(2026, 6, 1),
          to: Date.now(),
        });
        const r = await es('POST', `/${INDEX_PATTERN}/_search`, body);
        expect(r.hits.hits.map((h: any) => [h._id, h._source.review.status])).toEqual([['rv-fb-q3-a', 'applied']]);
      });

      test("the page's task and effect queries give the report's task speed and before/after figures", async () => {
        const range = { from: Date.UTC(2026, 6, 1), to: Date.UTC(2027, 0, 1) };
        const [tasksQuery, endsQuery] = taskQueries({ satellite: SAT });
        const t = await es('POST', `/${INDEX_PATTERN}/_search`, toSearchBody(tasksQuery, range));
        const e = await es('POST', `/${INDEX_PATTERN}/_search`, toSearchBody(endsQuery, range));
        // Grafana's tables: per task its type, first start (min) and the start and duration of its last run.
        const ends = new Map<string, number>(
          e.aggregations['2'].buckets.map((b: any) => [b.key, b['3'].buckets[0].key + b['3'].buckets[0]['4'].value])
        );
        const tasks: Task[] = t.aggregations['2'].buckets.flatMap((type: any) =>
          type['3'].buckets.map((b: any) => ({
            id: b.key,
            type: type.key,
            startMs: b['5'].value,
            endMs: ends.get(b.key)!,
            durationMs: ends.get(b.key)! - b['5'].value,
            runs: b.doc_count,
          }))
        );
        const page = taskSpeedByType(tasks);
        expect(page.map((p) => [p.type, p.tasks, p.weeks])).toEqual(
          report.taskSpeed.map((r: any) => [r.type, r.tasks, r.weeks])
        );
        expect(page.map(describeTaskSpeed)).toEqual(report.taskSpeed.map((r: any) => r.summary));

        const a = report.applied[0];
        const byRef = new Map(appliedEffectQueries(0, P1, NEW_SHA).map((q) => [q.refId, q]));
        const run = (refId: string) => es('POST', `/${INDEX_PATTERN}/_search`, toSearchBody(byRef.get(refId)!, range));
        for (const side of ['before', 'after'] as const) {
          const status = await run(`effect0:${side}-status`);
          const byStatus = new Map<string, number>(
            status.aggregations['2'].buckets.map((b: any) => [b.key, b.doc_count])
          );
          expect([...byStatus.values()].reduce((x, y) => x + y, 0)).toBe(a[side].runs);
          expect(byStatus.get('failure') ?? 0).toBe(a[side].failures);
          const runs = await run(`effect0:${side}-runs`);
          expect(runs.aggregations['2'].buckets[0]['3'].values['50.0']).toBe(a[side].medianDurationMs);
        }
        const touched = await run('effect0:tasks');
        const ids = new Set<string>(touched.aggregations['2'].buckets.map((b: any) => b.key));
        const first = (await run('effect0:after-runs')).aggregations['2'].buckets[0]['4'].value;
        expect(taskSpeedAfterChange(tasks, ids, first)).toEqual(a.taskSpeed);
      });

      test('the Markdown report has the satellite table, escaped ids and the applied change', async () => {
        const r = await cli(['review', 'report', '--quarter', '2026-Q4']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('# Satellite review 2026-Q4');
        expect(r.stdout).toMatch(/\| review\\-sat \| 100 \(40\) \| 3 % \[/);
        expect(r.stdout).toContain('| review\\-sat/PROC\\-1 | 80 (40) | 2.5 % [');
        expect(r.stdout).toContain('| github/PROC\\-3 Label and triage an issue | 0 (0) | – |');
        expect(r.stdout).toContain('alice: step 3 rewritten');
      });
    });
  });
}
