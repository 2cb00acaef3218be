// The capacity backtest at CI size, through the Trends page's own requests and rows: the targets of
// `npm run bench:capacity` must hold on every family (the full-size run prints the figures).
import { demoCases } from '../demoCases';
import { runBacktest } from '../engine';
import { syntheticCases } from '../families';
import { TARGETS, formatTable, scoreByFamily } from '../score';

jest.setTimeout(120_000);

test('median error, coverage and false crossings meet the targets per family', async () => {
  const scored = await runBacktest([...syntheticCases(4, 2), ...demoCases(3)]);
  const groups = scoreByFamily(scored);
  const table = formatTable(groups);
  for (const g of groups) {
    // The table in the failure message says which family missed what.
    expect({ family: g.label, medianErrorOk: g.medianError <= TARGETS.medianError, table }).toEqual({ family: g.label, medianErrorOk: true, table });
    expect({ family: g.label, falseCrossingsOk: !(g.falseCrossings > TARGETS.falseCrossings), table }).toEqual({
      family: g.label,
      falseCrossingsOk: true,
      table,
    });
  }
  const all = groups[groups.length - 1];
  expect(all.label).toBe('all');
  expect(all.crossing).toBeGreaterThan(30);
  expect(all.none).toBeGreaterThan(30);
  expect({ coverage: all.coverage >= TARGETS.coverage, table }).toEqual({ coverage: true, table });
});
