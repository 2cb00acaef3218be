// The demo year the long-term store holds, checked on the model itself (no server): the holiday
// dip, the seasonal peak and the growth are there and of the documented size, the load never
// reaches zero over the years the demo runs, and the import's series keys parse back exactly.
import fc from 'fast-check';

import { evaluate } from '../../../demo/cosineSeries';
import { DAY, DEMO_EPOCH_SECONDS, HOUR, loadShape } from '../../../demo/load';
import { historyTimes, labelsOption, parseSeriesKey } from '../../../demo/longTermHistory';
import { createModel } from '../../../demo/model';

const model = createModel(42);
const at = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 1000;

/** Requests per second over [from, to), all services, from the counters (what a store query sees). */
function meanRate(from: number, to: number): number {
  const total = (t: number) => model.series.reduce((n, s) => n + model.histogramAt(s, t).count, 0);
  return (total(to) - total(from)) / (to - from);
}

test('holiday dip: 23 Dec - 2 Jan carries about a third less traffic than 1-14 December', () => {
  const ratio = meanRate(at('2025-12-23'), at('2026-01-02')) / meanRate(at('2025-12-01'), at('2025-12-15'));
  expect(ratio).toBeGreaterThan(0.6);
  expect(ratio).toBeLessThan(0.72);
});

test('seasonal peak: the second half of November is busier than the second half of May', () => {
  expect(meanRate(at('2026-11-15'), at('2026-11-29')) / meanRate(at('2026-05-15'), at('2026-05-29'))).toBeGreaterThan(
    1.1
  );
});

test('growth: March 2026 carries 10-25 % more than March 2025 (same season)', () => {
  const yoy = meanRate(at('2026-03-02'), at('2026-03-30')) / meanRate(at('2025-03-03'), at('2025-03-31'));
  expect(yoy).toBeGreaterThan(1.1);
  expect(yoy).toBeLessThan(1.25);
});

test('the load stays well above zero every hour from 2025 to 2029 (counters never decrease)', () => {
  const load = loadShape(42);
  let min = Infinity;
  for (let t = 0; t < 5 * 365 * DAY; t += HOUR) {
    min = Math.min(min, evaluate(load, t));
  }
  expect(min).toBeGreaterThan(0.05);
  expect(DEMO_EPOCH_SECONDS).toBe(at('2025-01-06'));
});

test('series keys as the exposition renders them parse back to the same labels', () => {
  const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  fc.assert(
    fc.property(fc.dictionary(fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/), fc.string(), { maxKeys: 4 }), (labels) => {
      delete labels.__name__;
      const body = Object.entries(labels)
        .map(([k, v]) => `${k}="${escape(v)}"`)
        .join(',');
      expect(parseSeriesKey(`m_total{${body}}`)).toEqual({ __name__: 'm_total', ...labels });
    })
  );
});

test('bad options get a clear message', () => {
  expect(() => labelsOption('cluster')).toThrow('--label takes name=value pairs');
  expect(() => labelsOption('1x=y')).toThrow('--label takes name=value pairs');
  expect(labelsOption('cluster=demo, region=eu')).toEqual({ cluster: 'demo', region: 'eu' });
  expect(historyTimes({ days: 1, stepSeconds: 900, endSeconds: at('2026-01-01') + 100 })).toEqual({
    start: at('2025-12-31'),
    end: at('2026-01-01'),
  });
});
