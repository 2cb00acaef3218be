import { FieldType, toDataFrame } from '@grafana/data';

import {
  combineOutcomes,
  needsReview,
  neverUsed,
  rankFailureRates,
  readCounts,
  readFeedback,
  readProcedureIds,
  readTaskSpeed,
} from '../satelliteData';

// Shaped like Grafana's Elasticsearch response parser output for a single-level terms → count.
const counts = (refId: string, ids: string[], values: number[]) =>
  toDataFrame({
    refId,
    fields: [
      { name: 'procedure.id', type: FieldType.string, values: ids },
      { name: 'Count', type: FieldType.number, values },
    ],
  });

test('usage, failures and aborts tables → Wilson ranking: 40 of 400 outranks 1 of 2', () => {
  const rows = combineOutcomes(
    counts('usage', ['steady/PROC-1', 'lucky/PROC-1', 'clean/PROC-1'], [400, 2, 7]),
    counts('failures', ['steady/PROC-1', 'lucky/PROC-1'], [40, 1]),
    counts('aborts', ['steady/PROC-1'], [12])
  );
  expect(rows).toEqual([
    { procedure: 'steady/PROC-1', runs: 400, failures: 40, aborts: 12 },
    { procedure: 'lucky/PROC-1', runs: 2, failures: 1, aborts: 0 },
    { procedure: 'clean/PROC-1', runs: 7, failures: 0, aborts: 0 },
  ]);
  const ranked = rankFailureRates(rows);
  expect(ranked.map((r) => r.procedure)).toEqual(['steady/PROC-1', 'lucky/PROC-1', 'clean/PROC-1']);
  expect(ranked[0].abort.estimate).toBeCloseTo(0.03, 9);
});

test('a failure count above the run count (queries seconds apart) is clamped, not an impossible rate', () => {
  const rows = combineOutcomes(counts('usage', ['a/PROC-1'], [3]), counts('failures', ['a/PROC-1'], [4]), undefined);
  expect(rows[0].failures).toBe(3);
  expect(rankFailureRates(rows)).toHaveLength(1);
});

test('empty or unexpected frames give empty results, not errors', () => {
  expect(readCounts(undefined).size).toBe(0);
  expect(readCounts(toDataFrame({ fields: [] })).size).toBe(0);
  expect(combineOutcomes(undefined, undefined, undefined)).toEqual([]);
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
