// The answer under test is the Trends page's own: its engine requests (model, horizon, training
// window, threshold) through the analytics front door, and its row building on the result.
// Node has no fetch for file URLs: the augurs WASM is read from node_modules (jest installs the same).
import '../../tests/support/analytics/nodeWasm';
import { analyse } from '../../src/analytics';
import { type CapacitySeries, capacityRequests, capacityRows } from '../../src/pages/trends/capacityModel';
import { CAPACITY_TRAINING_WINDOW_MS } from '../../src/pages/trends/horizon';

import { BACKTEST_CONFIDENCE, type BacktestCase } from './families';
import type { CapacityAnswer, Scored } from './score';

export async function trendsPageAnswer(c: BacktestCase): Promise<CapacityAnswer> {
  const series: CapacitySeries = {
    key: c.id,
    target: { kind: 'volume', namespace: 'backtest', claim: c.id },
    resource: c.id,
    timestamps: c.timestamps,
    values: c.values,
  };
  const [request] = capacityRequests([series], {
    threshold: c.threshold,
    horizonMs: c.horizonMs,
    trainingWindowMs: CAPACITY_TRAINING_WINDOW_MS,
    confidence: BACKTEST_CONFIDENCE,
  });
  const result = await analyse(request);
  const [row] = capacityRows([series], new Map([[c.id, result]]), c.threshold);
  return row;
}

/** Every case through the page's path, one after another (the engine is single-threaded here). */
export async function runBacktest(cases: readonly BacktestCase[], answer = trendsPageAnswer): Promise<Scored[]> {
  const out: Scored[] = [];
  for (const c of cases) {
    out.push({ case: c, answer: await answer(c) });
  }
  return out;
}
