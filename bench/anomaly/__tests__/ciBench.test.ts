// The benchmark at CI size: a regression gate on the engine's calibrated detector, not the figures
// (those come from `npm run bench:anomaly`).
import { windowedGaussian } from '../baselines';
import { PER_DAY } from '../builder';
import { engineAfter } from '../engineAfter';
import { CI_SIZE, generateBench } from '../generator';
import { DEFAULT_PROTOCOL } from '../protocol';
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

  // A 2-day range (or a series' first days): no daily profile to learn. The engine raised 7.5 false
  // alerts per series per week here on the full set when the recent level was all it had.
  it('with only two days behind each refit, the engine still stays under one false alert per series per week', async () => {
    const shortRange = { ...DEFAULT_PROTOCOL, trainPoints: 2 * PER_DAY };
    const engine = summarise((await evaluate(engineAfter(), set, shortRange)).scores);
    const baseline = summarise((await evaluate(windowedGaussian(), set, shortRange)).scores);
    console.log(
      `CI size, 2-day refits: engine ${engine.score.toFixed(1)} (${engine.falseAlertsPerWeek.toFixed(2)} false alerts per series per week), windowed Gaussian ${baseline.score.toFixed(1)}`
    );
    expect(engine.falseAlertsPerWeek).toBeLessThanOrEqual(1);
    expect(engine.score).toBeGreaterThan(baseline.score);
  }, 120_000);
});
