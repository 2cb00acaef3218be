import fc from 'fast-check';

import {
  appliedEffect,
  describeAppliedEffect,
  effectVerdict,
  formatDurationMs,
  groupAppliedItems,
  taskSpeedAfterChange,
  wilsonRate,
  type SideFigures,
} from '../models/appliedEffect';
import { tasksFromRuns } from '../models/taskTimes';

const side = (runs: number, failures: number, medianDurationMs: number | null): SideFigures => ({
  runs,
  failures,
  aborts: 0,
  medianDurationMs,
  feedback: 0,
  clarity: null,
});

test('applied items group into one change per procedure and new hash, reviewers and notes once each', () => {
  const groups = groupAppliedItems([
    { id: 'f1', procedure: 'a/PROC-1', appliedContentSha: 'x', reviewer: 'maria', note: 'rewrote' },
    { id: 'f2', procedure: 'a/PROC-1', appliedContentSha: 'x', reviewer: 'maria', note: 'rewrote' },
    { id: 'f3', procedure: 'a/PROC-1', appliedContentSha: 'y', reviewer: 'bob' },
    { id: 'f4', procedure: 'b/PROC-1', appliedContentSha: 'x' },
  ]);
  expect(groups).toEqual([
    { procedure: 'a/PROC-1', appliedContentSha: 'x', items: ['f1', 'f2'], reviewers: ['maria'], notes: ['rewrote'] },
    { procedure: 'a/PROC-1', appliedContentSha: 'y', items: ['f3'], reviewers: ['bob'], notes: [] },
    { procedure: 'b/PROC-1', appliedContentSha: 'x', items: ['f4'], reviewers: [], notes: [] },
  ]);
});

test('the PROC-2 rewrite: fails less when the 99 % intervals part, with durations and task time in the sentence', () => {
  const [change] = groupAppliedItems([{ id: 'f1', procedure: 'tools/PROC-2', appliedContentSha: 'new' }]);
  const tasks = tasksFromRuns([
    { taskId: 't1', startMs: 0, durationMs: 600_000 },
    { taskId: 't2', startMs: 1000, durationMs: 700_000 },
    { taskId: 't3', startMs: 10_000, durationMs: 300_000 },
    { taskId: 'other', startMs: 10_000, durationMs: 1 },
  ]);
  const effect = appliedEffect(
    change,
    { before: side(1000, 218, 515_000), after: side(1000, 98, 310_000) },
    taskSpeedAfterChange(tasks, new Set(['t1', 't2', 't3']), 10_000)
  );
  expect(effect.verdict).toBe('fails less');
  expect(effect.taskSpeed).toMatchObject({ before: { tasks: 2, medianMs: 650_000 }, after: { tasks: 1 } });
  expect(describeAppliedEffect(effect)).toBe(
    'fails less: failure rate 21.8 % [18.6 %–25.3 %] of 1000 runs → 9.8 % [7.64 %–12.5 %] of 1000 runs; ' +
      'median run 8.6 min → 5.2 min; median task 10.8 min → 5.0 min (−53.8 %)'
  );
});

test('no runs after the change, or overlapping intervals, never claim an effect', () => {
  expect(effectVerdict(wilsonRate(5, 20), null)).toBe('no runs after the change yet');
  expect(effectVerdict(wilsonRate(5, 20), wilsonRate(3, 20))).toBe('no clear change');
  expect(effectVerdict(wilsonRate(2, 1000), wilsonRate(300, 1000))).toBe('fails more');
  expect(taskSpeedAfterChange([], new Set(), null)).toBeNull();
  expect(formatDurationMs(null)).toBe('–');
  expect(formatDurationMs(9_999)).toBe('9999 ms');
  expect(formatDurationMs(45_000)).toBe('45.0 s');
});

test('property: a verdict of change implies disjoint intervals on the right side', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 5000 }),
      fc.integer({ min: 1, max: 5000 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (n1, n2, p1, p2) => {
        const before = wilsonRate(Math.round(p1 * n1), n1)!;
        const after = wilsonRate(Math.round(p2 * n2), n2)!;
        const v = effectVerdict(before, after);
        if (v === 'fails less') {
          return after.upper < before.lower && after.estimate < before.estimate;
        }
        if (v === 'fails more') {
          return after.lower > before.upper && after.estimate > before.estimate;
        }
        return v === 'no clear change' && !(after.upper < before.lower) && !(after.lower > before.upper);
      }
    )
  );
});
