// The backtest's own machinery: the truth it scores against and the scores it prints.
import fc from 'fast-check';

import { DEMO_EPOCH_SECONDS, WEEK } from '../../../demo/load';
import { createModel, volumeShape } from '../../../demo/model';
import { demoCases, demoVolumeTruth } from '../demoCases';
import { BACKTEST_HORIZON_MS, DAY, FAMILIES, NO_CROSSING_MARGIN, NOW_MS, firstCrossingDays, syntheticCases } from '../families';
import { type CapacityAnswer, covers, falseCrossing, relativeError, scoreGroup } from '../score';

describe('firstCrossingDays', () => {
  test('a line crosses where algebra says', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.8, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (level, slope) => {
        const days = firstCrossingDays((t) => level + slope * t, 0.9, 100);
        return days !== undefined && Math.abs(days - (0.9 - level) / slope) < 1e-6;
      }),
      { numRuns: 50 }
    );
  });

  test('a falling series never crosses; one already over crosses now', () => {
    expect(firstCrossingDays((t) => 0.5 - 0.01 * t, 0.9, 30)).toBeUndefined();
    expect(firstCrossingDays(() => 0.95, 0.9, 30)).toBe(0);
  });
});

describe('synthetic cases', () => {
  const cases = syntheticCases(4);

  test('every family and noise level is there, with both crossing and non-crossing cases', () => {
    for (const [family] of FAMILIES) {
      const mine = cases.filter((c) => c.family === family);
      expect(mine).toHaveLength(12);
      expect(mine.some((c) => c.truthMs !== undefined)).toBe(true);
    }
    expect(cases.some((c) => c.truthMs === undefined)).toBe(true);
  });

  test('a week of history ending now; truths within the horizon and at least half a day away', () => {
    for (const c of cases) {
      expect(c.timestamps[c.timestamps.length - 1]).toBe(NOW_MS);
      expect(c.timestamps[c.timestamps.length - 1] - c.timestamps[0]).toBeGreaterThan(6.9 * DAY);
      if (c.truthMs !== undefined) {
        expect(c.truthMs - NOW_MS).toBeGreaterThanOrEqual(0.5 * DAY);
        expect(c.truthMs - NOW_MS).toBeLessThanOrEqual(BACKTEST_HORIZON_MS);
      }
    }
  });

  test('sawtooth and leak histories contain a reset that a straight fit would average away', () => {
    for (const c of cases.filter((x) => x.family === 'sawtooth' && x.noise === 'low')) {
      let biggestDrop = 0;
      for (let i = 1; i < c.values.length; i++) {
        biggestDrop = Math.max(biggestDrop, c.values[i - 1] - c.values[i]);
      }
      expect(biggestDrop).toBeGreaterThan(0.05);
    }
  });
});

describe('demo truth', () => {
  const model = createModel(42);
  const search = model.services.find((s) => s.name === 'search')!;

  test('the search volume reaches 90 % 6.06 days after its compaction (45 % → 97 % over a week)', () => {
    const shape = volumeShape(42, search);
    // The moment of a compaction, then a day later.
    const compaction = DEMO_EPOCH_SECONDS + 700 * 86_400 - ((DEMO_EPOCH_SECONDS + 700 * 86_400 - DEMO_EPOCH_SECONDS + shape.phaseSeconds) % WEEK);
    const expected = ((0.9 - 0.45) / 0.52) * 7;
    expect(demoVolumeTruth('search', compaction, 0.9, 14).days).toBeCloseTo(expected, 3);
    expect(demoVolumeTruth('search', compaction + 86_400, 0.9, 14).days).toBeCloseTo(expected - 1, 3);
  });

  test('the truth matches the series the demo serves (noise is ±0.05 % of capacity)', () => {
    const now = DEMO_EPOCH_SECONDS + 700 * 86_400;
    const truth = demoVolumeTruth('search', now, 0.9, 14);
    const v = model.volumeAt(search, now);
    expect(Math.abs(v.usedBytes / v.capacityBytes - truth.current)).toBeLessThan(0.001);
  });

  test('demo cases: no truth under half a day, none between one and 1.5 horizons', () => {
    const cases = demoCases(3);
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) {
      if (c.truthMs !== undefined) {
        expect(c.truthMs - c.nowMs).toBeGreaterThanOrEqual(0.5 * DAY);
        expect(c.truthMs - c.nowMs).toBeLessThanOrEqual(c.horizonMs);
      }
    }
    expect(NO_CROSSING_MARGIN).toBeGreaterThan(1);
  });
});

describe('scores', () => {
  const base = { family: 'f', noise: 'low', timestamps: [], values: [], nowMs: 0, threshold: 0.9, horizonMs: 10 * DAY };
  const crossing = { ...base, id: 'a', truthMs: 4 * DAY };
  const none = { ...base, id: 'b' };
  const answer = (a: Partial<CapacityAnswer>): CapacityAnswer => ({ status: 'crosses', reason: '', ...a });

  test('error is relative to the true remaining time; no likely crossing is a miss', () => {
    expect(relativeError(crossing, answer({ likelyMs: 5 * DAY }))).toBeCloseTo(0.25);
    expect(relativeError(crossing, answer({ likelyMs: 3 * DAY }))).toBeCloseTo(0.25);
    expect(relativeError(crossing, answer({ status: 'not-within-horizon' }))).toBe(Infinity);
    expect(() => relativeError(none, answer({}))).toThrow(/no crossing/);
  });

  test('coverage: earliest ≤ truth ≤ latest, an open latest reaches past the horizon', () => {
    expect(covers(crossing, answer({ earliestMs: 3 * DAY, likelyMs: 4 * DAY, latestMs: 5 * DAY }))).toBe(true);
    expect(covers(crossing, answer({ earliestMs: 3 * DAY, likelyMs: 3.5 * DAY }))).toBe(true);
    expect(covers(crossing, answer({ earliestMs: 4.5 * DAY, likelyMs: 5 * DAY }))).toBe(false);
    expect(covers(crossing, answer({ status: 'not-within-horizon', earliestMs: 2 * DAY }))).toBe(true);
    expect(covers(crossing, answer({ status: 'not-within-horizon' }))).toBe(false);
    expect(covers(crossing, answer({ status: 'already-over' }))).toBe(false);
  });

  test('false crossings: claimed crossing or "already over" where the truth has none', () => {
    expect(falseCrossing(none, answer({ likelyMs: DAY }))).toBe(true);
    expect(falseCrossing(none, answer({ status: 'already-over' }))).toBe(true);
    expect(falseCrossing(none, answer({ status: 'not-within-horizon', earliestMs: DAY }))).toBe(false);
  });

  test('a group reports the median error, coverage and false-crossing share', () => {
    const g = scoreGroup('f', [
      { case: crossing, answer: answer({ earliestMs: 3 * DAY, likelyMs: 4.4 * DAY, latestMs: 5 * DAY }) },
      { case: { ...crossing, id: 'c' }, answer: answer({ earliestMs: 4.5 * DAY, likelyMs: 4.8 * DAY, latestMs: 5 * DAY }) },
      { case: { ...crossing, id: 'd' }, answer: answer({ status: 'not-within-horizon' }) },
      { case: none, answer: answer({ likelyMs: DAY }) },
      { case: { ...none, id: 'e' }, answer: answer({ status: 'not-within-horizon' }) },
    ]);
    expect(g.crossing).toBe(3);
    expect(g.medianError).toBeCloseTo(0.2);
    expect(g.p90Error).toBe(Infinity);
    expect(g.coverage).toBeCloseTo(1 / 3);
    expect(g.falseCrossings).toBeCloseTo(0.5);
  });
});
