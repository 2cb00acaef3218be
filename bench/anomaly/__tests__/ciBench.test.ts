// The benchmark at CI size: a regression gate on the engine's calibrated detector, not the figures
// (those come from `npm run bench:anomaly`).
import { windowedGaussian } from '../baselines';
import { engineAfter } from '../engineAfter';
import { CI_SIZE, generateBench } from '../generator';
import { evaluate } from '../report';
import { summarise } from '../scoring';

const FAMILIES = ['seasonal', 'bursty-counts', 'periodic-job', 'level-shift', 'quiet'];

describe('anomaly benchmark, CI size', () => {
  const set = generateBench(CI_SIZE, FAMILIES);

  it('the engine beats the windowed Gaussian and stays under one false alert per series per week', async () => {
    const engine = summarise((await evaluate(engineAfter(), set)).scores);
    const baseline = summarise((await evaluate(windowedGaussian(), set)).scores);
    expect(engine.score).toBeGreaterThan(baseline.score + 10);
    expect(engine.falseAlertsPerWeek).toBeLessThanOrEqual(1);
    expect(engine.recall).toBeGreaterThan(0.6);
  }, 120_000);
});
