// The demo and the Trends page agree with the truth: the search volume (45 % → 97 % over a week,
// compacted weekly) reads "in N d" with N within the backtest's error of the demo model's crossing.
import { DEMO_EPOCH_SECONDS, WEEK } from '../../../demo/load';
import { createModel, volumeShape } from '../../../demo/model';
import { analyse } from '../../../src/analytics';
import { type CapacitySeries, capacityRequests, capacityRows } from '../../../src/pages/trends/capacityModel';
import { CAPACITY_TRAINING_WINDOW_MS, capacityHorizonMs, formatTimeUntil } from '../../../src/pages/trends/horizon';
import { DEMO_SEED, demoVolumeTruth } from '../demoCases';
import { BACKTEST_STEP_MS, DAY } from '../families';
import { TARGETS } from '../score';

const model = createModel(DEMO_SEED);
const search = model.services.find((s) => s.name === 'search')!;
const shape = volumeShape(DEMO_SEED, search);
const someDay = DEMO_EPOCH_SECONDS + 700 * 86_400;
/** A compaction of the search volume (Unix seconds). */
const compaction = someDay - ((someDay - DEMO_EPOCH_SECONDS + shape.phaseSeconds) % WEEK);

async function searchRow(nowSeconds: number) {
  const nowMs = Math.floor((nowSeconds * 1000) / BACKTEST_STEP_MS) * BACKTEST_STEP_MS;
  const timestamps: number[] = [];
  for (let ms = nowMs - 7 * DAY; ms <= nowMs; ms += BACKTEST_STEP_MS) {
    timestamps.push(ms);
  }
  const values = timestamps.map((ms) => {
    const v = model.volumeAt(search, ms / 1000);
    return v.usedBytes / v.capacityBytes;
  });
  const series: CapacitySeries = { key: 'volume:demo/search-data', target: { kind: 'volume', namespace: 'demo', claim: 'search-data' }, resource: 'demo/search-data', timestamps, values };
  const [request] = capacityRequests([series], { threshold: 0.9, horizonMs: capacityHorizonMs(7 * DAY), trainingWindowMs: CAPACITY_TRAINING_WINDOW_MS, confidence: 0.95 });
  const result = await analyse(request);
  const [row] = capacityRows([series], new Map([[series.key, result]]), 0.9);
  return { row, nowMs };
}

test.each([0.5, 1, 2, 4])('%p d after the compaction: "likely in ~N d" within the backtest error of the model', async (daysAfter) => {
  const now = compaction + daysAfter * 86_400;
  const { row, nowMs } = await searchRow(now);
  const truth = demoVolumeTruth('search', nowMs / 1000, 0.9, 14).days!;
  expect(truth).toBeCloseTo(6.06 - daysAfter, 1);
  expect(row.status).toBe('crosses');
  const likelyDays = (row.likelyMs! - nowMs) / DAY;
  expect(Math.abs(likelyDays - truth) / truth).toBeLessThanOrEqual(TARGETS.medianError);
  expect(formatTimeUntil(row.likelyMs!, nowMs)).toMatch(new RegExp(`^in ${Math.floor(likelyDays)} d`));
  expect(row.earliestMs!).toBeLessThanOrEqual(row.likelyMs!);
  expect(row.reason).toMatch(/Fitted since the drop/);
});
