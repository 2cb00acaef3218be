// The demo workload's own saturation series as backtest cases: every volume (filling until the weekly
// compaction) and every container's working set against its limit (a leak reset by restarts), sampled
// as the Trends page sees them, with the true crossing time from the demo model's parameters.
import { evaluate } from '../../demo/cosineSeries';
import { DEMO_EPOCH_SECONDS, WEEK, loadShape } from '../../demo/load';
import { MEMORY_WOBBLE, createModel, memoryShape, volumeShape } from '../../demo/model';

import {
  BACKTEST_HISTORY_MS,
  BACKTEST_HORIZON_MS,
  BACKTEST_STEP_MS,
  BACKTEST_THRESHOLD,
  type BacktestCase,
  DAY,
  NO_CROSSING_MARGIN,
  firstCrossingDays,
} from './families';

export const DEMO_SEED = 42;

function mod(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

export interface DemoTruth {
  /** Share of capacity used now, noise-free. */
  current: number;
  /** Days until the current regime reaches the threshold, undefined if not within `limitDays`. */
  days?: number;
}

/** When the search volume (or any volume) fills to `threshold` if it is not compacted first. */
export function demoVolumeTruth(service: string, nowSeconds: number, threshold: number, limitDays: number, seed = DEMO_SEED): DemoTruth {
  const model = createModel(seed);
  const s = model.services.find((x) => x.name === service);
  if (!s) {
    throw new Error(`The demo has no service "${service}".`);
  }
  const shape = volumeShape(seed, s);
  const sinceSeconds = mod(nowSeconds - DEMO_EPOCH_SECONDS + shape.phaseSeconds, WEEK);
  const regime = (tDays: number) => shape.start + ((shape.end - shape.start) * (sinceSeconds + tDays * 86_400)) / WEEK;
  return { current: regime(0), days: firstCrossingDays(regime, threshold, limitDays) };
}

/**
 * Cases at `count` "now" times 29 hours apart (so compaction and restart phases vary), ending about
 * 700 days after the demo's epoch. Cases whose truth is under half a day or between one and 1.5
 * horizons are left out, as in the synthetic families.
 */
export function demoCases(count: number, seed = DEMO_SEED): BacktestCase[] {
  const model = createModel(seed);
  const load = loadShape(seed);
  const n = Math.round(BACKTEST_HISTORY_MS / BACKTEST_STEP_MS);
  const horizonDays = BACKTEST_HORIZON_MS / DAY;
  const out: BacktestCase[] = [];
  for (let k = 0; k < count; k++) {
    const nowSeconds = DEMO_EPOCH_SECONDS + 700 * 86_400 + k * 29 * 3600;
    const timestamps: number[] = [];
    for (let i = n - 1; i >= 0; i--) {
      timestamps.push(nowSeconds * 1000 - i * BACKTEST_STEP_MS);
    }
    const push = (noise: string, id: string, values: number[], regime: (tDays: number) => number) => {
      const days = firstCrossingDays(regime, BACKTEST_THRESHOLD, NO_CROSSING_MARGIN * horizonDays);
      if (days !== undefined && (days < 0.5 || days > horizonDays)) {
        return;
      }
      out.push({
        family: 'demo',
        noise,
        id: `${id}@${k}`,
        timestamps,
        values,
        nowMs: nowSeconds * 1000,
        threshold: BACKTEST_THRESHOLD,
        horizonMs: BACKTEST_HORIZON_MS,
        ...(days !== undefined ? { truthMs: nowSeconds * 1000 + days * DAY } : {}),
      });
    };
    for (const service of model.services) {
      const shape = volumeShape(seed, service);
      const since = mod(nowSeconds - DEMO_EPOCH_SECONDS + shape.phaseSeconds, WEEK);
      const values = timestamps.map((ms) => {
        const v = model.volumeAt(service, ms / 1000);
        return v.usedBytes / v.capacityBytes;
      });
      push('volume', `volume/${service.name}`, values, (t) => shape.start + ((shape.end - shape.start) * (since + t * 86_400)) / WEEK);
    }
    for (const { service, instance } of model.pods) {
      const shape = memoryShape(seed, service, instance);
      const since = mod(nowSeconds - DEMO_EPOCH_SECONDS + shape.phaseSeconds, shape.restartEverySeconds);
      const values = timestamps.map((ms) => {
        const p = model.podAt(service, instance, ms / 1000);
        return p.memoryWorkingSetBytes / p.memoryLimitBytes;
      });
      const regime = (t: number) =>
        shape.base +
        (shape.leak * (since + t * 86_400)) / shape.restartEverySeconds +
        MEMORY_WOBBLE * (evaluate(load, nowSeconds + t * 86_400 - DEMO_EPOCH_SECONDS) - 1);
      push('memory', `memory/${instance.name}`, values, regime);
    }
  }
  return out;
}
