import { PER_DAY } from '../builder';
import { CI_SIZE, FAMILY_NAMES, generateBench } from '../generator';

describe('anomaly benchmark generator', () => {
  const set = generateBench(CI_SIZE);

  it('is deterministic for a seed and changes with it', () => {
    expect(generateBench(CI_SIZE)).toEqual(set);
    const other = generateBench({ ...CI_SIZE, seed: CI_SIZE.seed + 1 });
    expect(other[0].values).not.toEqual(set[0].values);
  });

  it('makes every family, with labels inside the series', () => {
    expect(new Set(set.map((s) => s.family))).toEqual(new Set(FAMILY_NAMES));
    for (const s of set) {
      expect(s.values).toHaveLength((CI_SIZE.historyDays + CI_SIZE.judgedDays) * PER_DAY);
      expect(s.judgeFrom).toBe(CI_SIZE.historyDays * PER_DAY);
      for (const label of s.labels) {
        expect(label.start).toBeGreaterThanOrEqual(0);
        expect(label.end).toBeGreaterThanOrEqual(label.start);
        expect(label.end).toBeLessThan(s.values.length);
      }
    }
  });

  it.each(FAMILY_NAMES.filter((f) => f !== 'quiet' && f !== 'demo'))(
    '%s has incidents to find in the judged part',
    (family) => {
      const series = generateBench({ ...CI_SIZE, seriesPerFamily: 3 }, [family]);
      for (const s of series) {
        expect(s.labels.filter((l) => l.kind !== 'ignore' && l.start >= s.judgeFrom).length).toBeGreaterThan(0);
      }
    }
  );

  it('the quiet family has no incident at all', () => {
    const quiet = generateBench({ ...CI_SIZE, seriesPerFamily: 4 }, ['quiet']);
    expect(quiet.flatMap((s) => s.labels.filter((l) => l.kind !== 'ignore'))).toEqual([]);
  });

  it('shapes values like the data they stand for', () => {
    const by = (family: string) => generateBench({ ...CI_SIZE, seriesPerFamily: 4 }, [family]);
    const counts = by('bursty-counts')
      .flatMap((s) => s.values)
      .filter((v): v is number => v !== null);
    expect(counts.every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
    const quantised = by('quantised')
      .flatMap((s) => s.values)
      .filter((v): v is number => v !== null);
    expect(quantised.every((v) => Number.isInteger(v))).toBe(true);
    const missing = by('missing-data').flatMap((s) => s.values);
    expect(missing.filter((v) => v === null).length).toBeGreaterThan(10);
  });

  it('puts the demo incidents at their periods: error bursts every 2 days, latency spikes every 3', () => {
    const demo = generateBench({ ...CI_SIZE, seriesPerFamily: 6 }, ['demo']);
    const gaps = (what: string) =>
      demo.flatMap((s) => {
        const starts = s.labels.filter((l) => l.what === what).map((l) => l.start);
        return starts.slice(1).map((x, k) => x - starts[k]);
      });
    expect(new Set(gaps('error burst'))).toEqual(new Set([2 * PER_DAY]));
    expect(new Set(gaps('latency spike'))).toEqual(new Set([3 * PER_DAY]));
  });
});
