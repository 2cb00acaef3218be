import fc from 'fast-check';

import { DAY, HOUR } from '../bands';
import { type DeployRunRecord, alertOnsets, distinctRuns, doraBand, doraSummary } from '../index';

const run = (over: Partial<DeployRunRecord> & { finishedAt: number }): DeployRunRecord => ({
  service: 'checkout',
  environment: 'production',
  runId: String(over.finishedAt),
  status: 'success',
  ...over,
});

describe('doraBand (2021 report thresholds)', () => {
  test.each([
    ['deploymentFrequency', 3, 'elite'],
    ['deploymentFrequency', 1, 'elite'],
    ['deploymentFrequency', 1 / 7, 'high'],
    ['deploymentFrequency', 1 / 60, 'medium'],
    ['deploymentFrequency', 1 / 365, 'low'],
    ['leadTime', 59 * 60, 'elite'],
    ['leadTime', 2 * DAY, 'high'],
    ['leadTime', 60 * DAY, 'medium'],
    ['leadTime', 200 * DAY, 'low'],
    ['changeFailureRate', 0.15, 'elite'],
    ['changeFailureRate', 0.16, 'high'],
    ['changeFailureRate', 0.3, 'high'],
    ['changeFailureRate', 0.31, 'low'],
    ['timeToRestore', 30 * 60, 'elite'],
    ['timeToRestore', 5 * HOUR, 'high'],
    ['timeToRestore', 3 * DAY, 'medium'],
    ['timeToRestore', 8 * DAY, 'low'],
  ] as const)('%s %p → %s', (measure, value, band) => {
    expect(doraBand(measure, value)).toBe(band);
  });

  test('no data has no band', () => {
    expect(doraBand('leadTime', NaN)).toBeUndefined();
  });

  test('lower-is-better bands never improve as the value grows', () => {
    const rank = { elite: 0, high: 1, medium: 2, low: 3 };
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          for (const m of ['leadTime', 'timeToRestore', 'changeFailureRate'] as const) {
            expect(rank[doraBand(m, lo)!]).toBeLessThanOrEqual(rank[doraBand(m, hi)!]);
          }
          expect(rank[doraBand('deploymentFrequency', hi)!]).toBeLessThanOrEqual(
            rank[doraBand('deploymentFrequency', lo)!]
          );
        }
      )
    );
  });
});

describe('doraSummary', () => {
  const from = 1_800_000_000;
  const to = from + 2 * DAY;

  test('frequency, lead time, failure rate with an alert-linked failure, and time to restore', () => {
    const runs = [
      run({ finishedAt: from + HOUR, leadTimeSeconds: 1800 }),
      run({ finishedAt: from + 2 * HOUR, status: 'failure' }),
      run({ finishedAt: from + 3 * HOUR, status: 'rolled_back' }),
      run({ finishedAt: from + 5 * HOUR, leadTimeSeconds: 3600 }),
      run({ finishedAt: from + DAY + HOUR, leadTimeSeconds: 7200 }),
      run({ finishedAt: from + DAY + 2 * HOUR, leadTimeSeconds: 600, service: 'payments' }),
    ];
    const s = doraSummary({ runs, incidents: [{ service: 'checkout', at: from + DAY + HOUR + 600 }], from, to });
    // 4 successful deployments in 2 days; 2 in each half.
    expect(s.deploymentFrequency.value).toBe(2);
    expect(s.deploymentFrequency.trend).toEqual({ first: 2, second: 2 });
    expect(s.deploymentFrequency.band).toBe('elite');
    expect(s.leadTimeMedian.value).toBe(2700);
    expect(s.leadTimeMedian.n).toBe(4);
    // numpy linear p90 of [600, 1800, 3600, 7200]: 3600 + 0.7 * 3600.
    expect(s.leadTimeP90).toBeCloseTo(6120, 6);
    // failure + rollback by status, the success followed 10 min later by a checkout P1/P2: 3 of 6.
    expect(s.changeFailureRate.failed).toBe(2);
    expect(s.changeFailureRate.alertLinked).toBe(1);
    expect(s.changeFailureRate.value).toBe(0.5);
    expect(s.changeFailureRate.band).toBe('low');
    // The failure streak opens at +2 h and closes at the success at +5 h: one restore of 3 h.
    expect(s.timeToRestore.n).toBe(1);
    expect(s.timeToRestore.value).toBe(3 * HOUR);
    expect(s.timeToRestore.band).toBe('high');
  });

  test('an alert outside the window or of another service does not fail a deployment', () => {
    const runs = [run({ finishedAt: from + HOUR })];
    const incidents = [
      { service: 'checkout', at: from + 2 * HOUR + 1 },
      { service: 'payments', at: from + HOUR + 60 },
      { service: 'checkout', at: from + HOUR - 60 },
    ];
    expect(doraSummary({ runs, incidents, from, to }).changeFailureRate.value).toBe(0);
  });

  test('no runs: every value NaN with no band', () => {
    const s = doraSummary({ runs: [], incidents: [], from, to });
    expect(s.deploymentFrequency.value).toBe(0);
    expect(s.deploymentFrequency.band).toBe('low');
    expect(s.changeFailureRate.band).toBeUndefined();
    expect(s.leadTimeMedian.band).toBeUndefined();
    expect(s.timeToRestore.band).toBeUndefined();
  });

  test('a run reported twice (same run id) counts once', () => {
    const runs = [
      run({ finishedAt: from + 10, runId: 'a', status: 'failure' }),
      run({ finishedAt: from + 20, runId: 'a' }),
    ];
    expect(distinctRuns(runs)).toEqual([runs[1]]);
    expect(doraSummary({ runs, incidents: [], from, to }).changeFailureRate.n).toBe(1);
  });

  test('counted runs equal distinct run ids in the range, whatever the duplicates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 20 }), t: fc.integer({ min: 0, max: 4 * DAY }) })),
        (xs) => {
          const runs = xs.map((x) => run({ runId: String(x.id), finishedAt: from - DAY + x.t, status: 'failure' }));
          const latest = new Map<string, number>();
          xs.forEach((x) =>
            latest.set(String(x.id), Math.max(latest.get(String(x.id)) ?? -Infinity, from - DAY + x.t))
          );
          const expected = [...latest.values()].filter((t) => t >= from && t <= to).length;
          expect(doraSummary({ runs, incidents: [], from, to }).changeFailureRate.n).toBe(expected);
        }
      )
    );
  });
});

test('alertOnsets splits firing samples at gaps', () => {
  expect(alertOnsets('checkout', [0, 60, 120, 1000, 1060], 120)).toEqual([
    { service: 'checkout', at: 0 },
    { service: 'checkout', at: 1000 },
  ]);
});
