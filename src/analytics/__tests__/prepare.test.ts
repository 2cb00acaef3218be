import { aggregate, isConstant, prepareSeries } from '../prepare/prepare';
import type { CannotModel, PreparedSeries } from '../types';

const T0 = 1_700_000_000_000;
const STEP = 60_000;

function ok(result: PreparedSeries | CannotModel): PreparedSeries {
  if (!('values' in result)) {
    throw new Error(result.reason);
  }
  return result;
}

describe('prepareSeries', () => {
  test('drops non-finite and huge values, sorts, merges duplicates, imputes a short gap and reports it all', () => {
    const steps = [3, 0, 1, 1, 2, 6, 7, 4, 8, 9, 10, 11, 12, 13];
    const values = [4, 1, 2, 4, NaN, 7, null, 1e305, 8, 9, 10, 11, 12, 13];
    const prepared = ok(prepareSeries({ timestamps: steps.map((i) => T0 + i * STEP), values }));
    expect(prepared.stepMs).toBe(STEP);
    expect(prepared.startMs).toBe(T0);
    // steps 0..13: 1, 3 (mean of 2 and 4), [gap], 4, [gap], [gap], 7, [gap], 8 … 13
    expect(Array.from(prepared.values)).toEqual([1, 3, 3.5, 4, 5, 6, 7, 7.5, 8, 9, 10, 11, 12, 13]);
    expect(Array.from(prepared.imputed)).toEqual([0, 0, 1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(prepared.report).toMatchObject({
      inputPoints: 14,
      outputPoints: 14,
      droppedNonFinite: 2,
      droppedTooLarge: 1,
      mergedDuplicates: 1,
      reordered: true,
      imputed: 4,
    });
    expect(prepared.report.notes?.join(' ')).toMatch(/1 value beyond ±1e300/);
  });

  test('irregular timestamps snap to the median step', () => {
    const timestamps = [0, 59_000, 121_000, 180_000, 240_500, 299_000].map((t) => T0 + t);
    const prepared = ok(prepareSeries({ timestamps, values: [1, 2, 3, 4, 5, 6] }));
    expect(prepared.stepMs).toBe(60_000);
    expect(prepared.values.length).toBe(6);
  });

  test('a long gap is not bridged: only the points after it are used, and that is reported', () => {
    const timestamps = [0, 1, 2, 100, 101, 102, 103, 104].map((i) => T0 + i * STEP);
    const prepared = ok(prepareSeries({ timestamps, values: [9, 9, 9, 1, 2, 3, 4, 5] }));
    expect(Array.from(prepared.values)).toEqual([1, 2, 3, 4, 5]);
    expect(prepared.report.droppedBeforeGap).toBe(3);
  });

  test('the training window keeps only the most recent history', () => {
    const timestamps = Array.from({ length: 100 }, (_, i) => T0 + i * STEP);
    const prepared = ok(
      prepareSeries({ timestamps, values: timestamps.map((_, i) => i) }, { trainingWindowMs: 9 * STEP })
    );
    expect(Array.from(prepared.values)).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(prepared.report.downsampledFrom).toBe(100);
  });

  test.each([
    ['empty', { timestamps: [], values: [] }, 'empty'],
    ['all null', { timestamps: [1, 2, 3], values: [null, null, undefined] }, 'all-missing'],
    ['all NaN/Infinity', { timestamps: [1, 2, 3], values: [NaN, Infinity, -Infinity] }, 'all-missing'],
    ['two points', { timestamps: [1, 2], values: [1, 2] }, 'too-short'],
    ['one timestamp repeated', { timestamps: [5, 5, 5, 5], values: [1, 2, 3, 4] }, 'too-short'],
  ])('%s → %s with a reason', (_name, input, code) => {
    const result = prepareSeries(input as never);
    expect(result).toMatchObject({ ok: false, code });
    expect((result as CannotModel).reason).toMatch(/\w+ \w+ \w+/);
  });

  test('aggregate averages whole buckets aligned to the end, timestamps at bucket centres', () => {
    const prepared = ok(
      prepareSeries({ timestamps: [0, 1, 2, 3, 4, 5, 6].map((i) => T0 + i * STEP), values: [100, 1, 2, 3, 4, 5, 6] })
    );
    const coarse = aggregate(prepared, 3);
    expect(Array.from(coarse.values)).toEqual([2, 5]);
    expect(coarse.stepMs).toBe(3 * STEP);
    expect(coarse.startMs).toBe(T0 + 2 * STEP);
  });

  test('isConstant tolerates rounding only', () => {
    expect(isConstant([5, 5, 5 + 1e-14])).toBe(true);
    expect(isConstant([5, 5, 5.001])).toBe(false);
  });
});
