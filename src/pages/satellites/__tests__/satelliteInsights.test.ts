import { FieldType, toDataFrame } from '@grafana/data';

import {
  needsReview,
  neverUsed,
  rankFailureRates,
  readFeedback,
  readOutcomes,
  readProcedureIds,
  readTaskSpeed,
} from '../satelliteInsights';

// Shaped like Grafana's Elasticsearch response parser output for terms → filters → count.
const outcomes = toDataFrame({
  refId: 'outcomes',
  fields: [
    {
      name: 'procedure.id',
      type: FieldType.string,
      values: ['lucky/PROC-1', 'lucky/PROC-1', 'lucky/PROC-1', 'steady/PROC-1', 'steady/PROC-1', 'steady/PROC-1'],
    },
    {
      name: 'Filters',
      type: FieldType.string,
      values: ['runs', 'failure', 'agent_aborted', 'runs', 'failure', 'agent_aborted'],
    },
    { name: 'Count', type: FieldType.number, values: [2, 1, 0, 400, 40, 12] },
  ],
});

test('outcomes frame → Wilson ranking: 40 of 400 outranks 1 of 2', () => {
  const rows = readOutcomes(outcomes);
  expect(rows).toEqual([
    { procedure: 'lucky/PROC-1', runs: 2, failures: 1, aborts: 0 },
    { procedure: 'steady/PROC-1', runs: 400, failures: 40, aborts: 12 },
  ]);
  const ranked = rankFailureRates(rows);
  expect(ranked.map((r) => r.procedure)).toEqual(['steady/PROC-1', 'lucky/PROC-1']);
  expect(ranked[0].abort.estimate).toBeCloseTo(0.03, 9);
});

test('empty or unexpected frames give empty results, not errors', () => {
  expect(readOutcomes(undefined)).toEqual([]);
  expect(readOutcomes(toDataFrame({ fields: [] }))).toEqual([]);
  expect(
    readFeedback(toDataFrame({ fields: [{ name: 'procedure.id', type: FieldType.string, values: ['a/PROC-1'] }] }))
  ).toEqual([]);
  expect(readTaskSpeed(undefined)).toMatch(/no successful runs/);
});

test('never used = catalog minus usage, sorted', () => {
  const catalog = toDataFrame({
    fields: [
      { name: 'procedure.id', type: FieldType.string, values: ['b/PROC-2', 'a/PROC-1', 'c/PROC-3'] },
      { name: 'Count', type: FieldType.number, values: [1, 1, 1] },
    ],
  });
  expect(neverUsed(readProcedureIds(catalog), ['a/PROC-1'])).toEqual(['b/PROC-2', 'c/PROC-3']);
});

test('needs review: frequent failure (by lower bound), low clarity, unused', () => {
  const rates = rankFailureRates([
    { procedure: 'flaky/PROC-1', runs: 100, failures: 45, aborts: 0 },
    { procedure: 'lucky/PROC-1', runs: 2, failures: 1, aborts: 0 },
  ]);
  const feedback = readFeedback(
    toDataFrame({
      fields: [
        { name: 'procedure.id', type: FieldType.string, values: ['unclear/PROC-2', 'flaky/PROC-1'] },
        { name: 'Count', type: FieldType.number, values: [4, 3] },
        { name: 'Average clarity', type: FieldType.number, values: [2.25, 2] },
        { name: 'Average usefulness', type: FieldType.number, values: [4, 3] },
      ],
    })
  );
  const review = needsReview(rates, feedback, ['dusty/PROC-9']);
  expect(review.map((r) => r.procedure)).toEqual(['flaky/PROC-1', 'dusty/PROC-9', 'unclear/PROC-2']);
  expect(review[0].reasons).toHaveLength(2);
  expect(review.find((r) => r.procedure === 'lucky/PROC-1')).toBeUndefined();
});

test('task speed from the date histogram frame', () => {
  const day = 86_400_000;
  const frame = toDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: [0, day, 2 * day, 3 * day] },
      { name: 'Average duration_ms', type: FieldType.number, values: [1000, 900, null, 700] },
    ],
  });
  const trend = readTaskSpeed(frame);
  expect(typeof trend === 'string' ? trend : trend.verdict).toBe('faster');
});
