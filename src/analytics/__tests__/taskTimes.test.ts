import fc from 'fast-check';

import {
  describeTaskSpeed,
  speedChangeAt,
  taskSpeedByType,
  tasksFromRuns,
  weekStart,
  type TaskRun,
} from '../models/taskTimes';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 8, 7); // Monday 2026-09-07

describe('tasks from invocations', () => {
  test('a task runs from its first start to its last end, whatever the order of its runs', () => {
    const runs: TaskRun[] = [
      { taskId: 't1', taskType: 'bugfix', startMs: 5_000, durationMs: 1_000 },
      { taskId: 't1', startMs: 1_000, durationMs: 500 },
      { taskId: 't1', startMs: 2_000, durationMs: 10_000 },
      { taskId: 't2', startMs: 0, durationMs: 7 },
    ];
    expect(tasksFromRuns(runs)).toEqual([
      { id: 't2', type: '(no type)', startMs: 0, endMs: 7, durationMs: 7, runs: 1 },
      { id: 't1', type: 'bugfix', startMs: 1_000, endMs: 12_000, durationMs: 11_000, runs: 3 },
    ]);
  });

  test('a task lasts as long as the span of its runs, at least as long as each run', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: fc.integer({ min: 0, max: 1e9 }), d: fc.integer({ min: 0, max: 1e7 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        (rs) => {
          const [task] = tasksFromRuns(rs.map((r) => ({ taskId: 'x', startMs: r.start, durationMs: r.d })));
          rs.forEach((r) => expect(task.durationMs).toBeGreaterThanOrEqual(r.d));
          expect(task.durationMs).toBe(Math.max(...rs.map((r) => r.start + r.d)) - Math.min(...rs.map((r) => r.start)));
        }
      )
    );
  });

  test('runs with a negative or non-finite duration are left out', () => {
    expect(
      tasksFromRuns([
        { taskId: 'x', startMs: 0, durationMs: NaN },
        { taskId: 'y', startMs: 0, durationMs: -1 },
      ])
    ).toEqual([]);
  });
});

describe('task speed by type', () => {
  test('weeks start on Monday 00:00 UTC', () => {
    expect(weekStart(MONDAY + 3 * DAY + 5)).toBe(MONDAY);
    expect(weekStart(MONDAY - 1)).toBe(MONDAY - 7 * DAY);
  });

  test('weekly median and p90, and a steady 10 % fall per quarter is found within its interval', () => {
    const runs: TaskRun[] = [];
    // Eight weeks; per week three tasks at 0.9, 1 and 1.1 × a level that falls linearly.
    for (let w = 0; w < 8; w++) {
      const level = 100_000 * (1 - (0.1 * 7 * w) / 91.3125);
      [0.9, 1, 1.1].forEach((f, k) =>
        runs.push({
          taskId: `w${w}-${k}`,
          taskType: 'code-review',
          startMs: MONDAY + w * 7 * DAY + k * DAY,
          durationMs: level * f,
        })
      );
    }
    const [s] = taskSpeedByType(tasksFromRuns(runs));
    expect(s.type).toBe('code-review');
    expect(s.weeks).toHaveLength(8);
    expect(s.weeks[0]).toEqual({ weekStartMs: MONDAY, tasks: 3, medianMs: 100_000, p90Ms: 108_000 });
    expect(typeof s.trend).not.toBe('string');
    // Exactly linear medians: slope is exact and the interval collapses onto it.
    const meanLevel = s.weeks.reduce((a, w) => a + w.medianMs, 0) / 8;
    expect(s.perQuarter!.estimate).toBeCloseTo((-0.1 * 100_000) / meanLevel, 9);
    expect(describeTaskSpeed(s)).toMatch(/^code-review tasks: −10\.\d %? per quarter, 95 % CI −10\.\d % … −10\.\d %$/);
  });

  test('fewer than three weeks: the trend says why there is none', () => {
    const [s] = taskSpeedByType(tasksFromRuns([{ taskId: 'a', taskType: 'bugfix', startMs: MONDAY, durationMs: 5 }]));
    expect(describeTaskSpeed(s)).toBe(
      'bugfix tasks: no trend (a trend needs at least 3 intervals with successful runs, found 1: widen the time range)'
    );
  });
});

test('speed change at a content change compares medians of tasks started before and after', () => {
  const tasks = tasksFromRuns([
    { taskId: 'a', startMs: 0, durationMs: 100 },
    { taskId: 'b', startMs: 10, durationMs: 300 },
    { taskId: 'c', startMs: 1000, durationMs: 50 },
  ]);
  expect(speedChangeAt(tasks, 1000)).toEqual({
    atMs: 1000,
    before: { tasks: 2, medianMs: 200 },
    after: { tasks: 1, medianMs: 50 },
    relative: -0.75,
  });
  expect(speedChangeAt(tasks, 5000).relative).toBeNull();
});
