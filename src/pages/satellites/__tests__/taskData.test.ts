import { FieldType, toDataFrame } from '@grafana/data';

import { groupAppliedItems, taskSpeedByType } from '../../../analytics';
import { UNTYPED_TASK } from '../../../queries/elasticsearch/satellites';
import { readAppliedEffects, readTasks } from '../taskData';

const MIN = 60_000;

// Shaped like Grafana's tables for terms(task.type) → terms(task.id) → count, min @timestamp and
// terms(task.id) → terms(@timestamp, newest 1) → max duration_ms.
const tasksFrame = toDataFrame({
  refId: 'tasks',
  fields: [
    { name: 'task.type', type: FieldType.string, values: ['bugfix', 'bugfix', UNTYPED_TASK, 'bugfix', 'bugfix'] },
    { name: 'task.id', type: FieldType.string, values: ['t1', 't2', 't3', 'broken', 'no-end'] },
    { name: 'Count', type: FieldType.number, values: [2, 1, 1, 1, 1] },
    { name: 'Min @timestamp', type: FieldType.number, values: [0, 8 * 86_400_000, 0, 5, 0] },
  ],
});
const endsFrame = toDataFrame({
  refId: 'taskEnds',
  fields: [
    { name: 'task.id', type: FieldType.string, values: ['t1', 't2', 't3', 'broken'] },
    // Epoch ms as text or as an ISO date (key_as_string): both are read.
    {
      name: '@timestamp',
      type: FieldType.string,
      values: [String(6 * MIN), new Date(8 * 86_400_000 + MIN).toISOString(), '0', '-10'],
    },
    { name: 'Max duration_ms', type: FieldType.number, values: [4 * MIN, 3 * MIN, 3 * MIN, 1] },
  ],
});

test('tasks: one row per task, duration from first start to last end; a task ending before it starts is left out', () => {
  const tasks = readTasks(tasksFrame, endsFrame);
  expect(tasks.map((t) => [t.id, t.type, t.durationMs, t.runs])).toEqual([
    ['t1', 'bugfix', 10 * MIN, 2],
    ['t3', UNTYPED_TASK, 3 * MIN, 1],
    ['t2', 'bugfix', 4 * MIN, 1],
  ]);
  const bugfix = taskSpeedByType(tasks).find((s) => s.type === 'bugfix')!;
  expect(bugfix.weeks.map((w) => w.medianMs)).toEqual([10 * MIN, 4 * MIN]);
  expect(readTasks(undefined, endsFrame)).toEqual([]);
  expect(readTasks(tasksFrame, undefined)).toEqual([]);
  expect(
    readTasks(toDataFrame({ fields: [{ name: 'task.id', type: FieldType.string, values: ['x'] }] }), endsFrame)
  ).toEqual([]);
});

const counts = (refId: string, keys: string[], ...metrics: Array<Array<number | null>>) =>
  toDataFrame({
    refId,
    fields: [
      { name: 'key', type: FieldType.string, values: keys },
      ...metrics.map((values, i) => ({ name: `m${i}`, type: FieldType.number, values })),
    ],
  });

test('applied effects: before/after figures from the effect tables, task time split at the first new run', () => {
  const changes = groupAppliedItems([
    { id: 'f1', procedure: 'tools/PROC-2', appliedContentSha: 'new', reviewer: 'maria' },
  ]);
  const series = [
    counts('effect0:before-status', ['success', 'failure', 'agent_aborted'], [700, 250, 50]),
    counts('effect0:before-runs', ['tools/PROC-2'], [1000], [480_000], [0]),
    counts('effect0:before-feedback', ['tools/PROC-2'], [8], [1.5]),
    counts('effect0:after-status', ['success', 'failure'], [900, 100]),
    counts('effect0:after-runs', ['tools/PROC-2'], [1000], [300_000], [8 * 86_400_000]),
    // No feedback on the new text yet: an empty table.
    counts('effect0:after-feedback', []),
    counts('effect0:tasks', ['t1', 't2']),
  ];
  const [effect] = readAppliedEffects(series, changes, readTasks(tasksFrame, endsFrame));
  expect(effect.before).toMatchObject({
    runs: 1000,
    failures: 250,
    aborts: 50,
    medianDurationMs: 480_000,
    feedback: 8,
  });
  expect(effect.after).toMatchObject({ runs: 1000, failures: 100, aborts: 0, medianDurationMs: 300_000, feedback: 0 });
  expect(effect.after.clarity).toBeNull();
  expect(effect.verdict).toBe('fails less');
  expect(effect.taskSpeed).toMatchObject({
    before: { tasks: 1, medianMs: 10 * MIN },
    after: { tasks: 1, medianMs: 4 * MIN },
  });
});

test('applied effects without their tables (query failed or still loading) say there were no runs after', () => {
  const changes = groupAppliedItems([{ id: 'f1', procedure: 'a/PROC-1', appliedContentSha: 'x' }]);
  const [effect] = readAppliedEffects([], changes, []);
  expect(effect.verdict).toBe('no runs after the change yet');
  expect(effect.taskSpeed).toBeNull();
});
