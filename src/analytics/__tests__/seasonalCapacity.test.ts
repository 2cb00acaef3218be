// Capacity of a resource with a daily cycle on a trend (CPU): the answer is when the daily *peak*
// crosses, and at 3 % noise it must not be a whole day early (the fit used to chase the last noisy
// points; the highest of 72 noisy slot medians also sat above the true peak).
import fc from 'fast-check';

import { gaussian, seededRandom } from '../../../tests/support/analytics/synthetic';
import { smoothProfile } from '../capacity/regimeProfile';
import { runAnalysisInThread } from '../runtime/analyse';

const STEP = 20 * 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 29, 12);
const SLOTS = 72;

/** A week of CPU share: `peakNow − amplitude` + trend + a daily cosine peaking at 14:00, plus noise. */
function cpuWeek(seed: number, peakNow: number, slopePerDay: number, amplitude: number, noise: number) {
  const random = seededRandom(seed);
  const shape = (tDays: number) =>
    peakNow - amplitude + slopePerDay * tDays + amplitude * Math.cos(2 * Math.PI * (tDays - 2 / 24));
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 503; i >= 0; i--) {
    const ms = NOW - i * STEP;
    timestamps.push(ms);
    values.push(shape((ms - NOW) / DAY) + noise * gaussian(random));
  }
  // The noise-free crossing of 0.9, searched by the minute.
  let truth = Infinity;
  for (let t = 0; t <= 14; t += 1 / 1440) {
    if (shape(t) >= 0.9) {
      truth = t;
      break;
    }
  }
  return { timestamps, values, truthDays: truth };
}

describe('smoothProfile', () => {
  test('a noise-free daily harmonic comes back as it was (mean removed)', () => {
    const slots = Array.from(
      { length: SLOTS },
      (_, s) => 0.3 + 0.1 * Math.cos((2 * Math.PI * s) / SLOTS) + 0.04 * Math.sin((4 * Math.PI * s) / SLOTS)
    );
    const smooth = smoothProfile(slots);
    slots.forEach((v, s) => expect(smooth[s]).toBeCloseTo(v - 0.3, 9));
  });

  test('pure noise leaves (almost) nothing: no harmonic stands out', () => {
    const random = seededRandom(3);
    const smooth = smoothProfile(Array.from({ length: SLOTS }, () => gaussian(random)));
    expect(Math.max(...smooth.map(Math.abs))).toBeLessThan(0.5);
  });

  test("the smoothed peak is far nearer the true peak than the highest noisy slot (the winner's curse)", () => {
    // Slot medians of 7 days at 3 % noise: about 0.03 · 1.25 / √7 ≈ 0.014 each.
    for (const amplitude of [0.05, 0.1, 0.2]) {
      const random = seededRandom(Math.round(amplitude * 1000));
      let smoothError = 0;
      let rawError = 0;
      for (let run = 0; run < 200; run++) {
        const noisy = Array.from(
          { length: SLOTS },
          (_, s) => amplitude * Math.cos((2 * Math.PI * s) / SLOTS) + 0.014 * gaussian(random)
        );
        const mean = noisy.reduce((a, b) => a + b, 0) / SLOTS;
        smoothError += Math.abs(Math.max(...smoothProfile(noisy)) - amplitude) / 200;
        rawError += Math.abs(Math.max(...noisy) - mean - amplitude) / 200;
      }
      expect({ amplitude, better: smoothError < rawError / 3, smoothError, rawError }).toEqual({
        amplitude,
        better: true,
        smoothError,
        rawError,
      });
    }
  });

  test('a constant added to every slot changes nothing (the profile has mean zero)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: SLOTS, maxLength: SLOTS }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (slots, shift) => {
          const a = smoothProfile(slots);
          const b = smoothProfile(slots.map((v) => v + shift));
          return a.every((v, i) => Math.abs(v - b[i]) < 1e-9) && Math.abs(a.reduce((x, y) => x + y, 0)) < 1e-9;
        }
      ),
      { numRuns: 50 }
    );
  });
});

describe('capacity of a daily cycle on a trend (seasonal CPU)', () => {
  // Peaks cross 0.9 between two days' peaks (not tangent to it at one), as most real crossings do.
  test.each([
    [1, 0.8, 0.022],
    [2, 0.78, 0.035],
    [3, 0.82, 0.015],
    [4, 0.75, 0.06],
    [5, 0.84, 0.024],
  ])('seed %i: "likely" within 15 %% of the true peak crossing at 3 %% noise', async (seed, peakNow, slope) => {
    const week = cpuWeek(seed, peakNow, slope, 0.15, 0.03);
    expect(week.truthDays).toBeLessThan(7);
    const result = await runAnalysisInThread({
      id: `cpu-${seed}`,
      series: { timestamps: week.timestamps, values: week.values },
      forecast: {
        model: 'auto',
        horizon: 7 * 72,
        confidence: 0.95,
        trainingWindowMs: 14 * DAY,
        currentRegimeOnly: true,
      },
      capacityThreshold: 0.9,
    });
    if (!result.ok) {
      throw new Error(result.error.reason);
    }
    const estimate = result.capacity!;
    expect(estimate.status).toBe('crosses');
    const likelyDays = (estimate.likelyMs! - NOW) / DAY;
    expect({
      likelyDays,
      truthDays: week.truthDays,
      error: Math.abs(likelyDays - week.truthDays) / week.truthDays < 0.15,
    }).toEqual({
      likelyDays,
      truthDays: week.truthDays,
      error: true,
    });
    // The truth lies between earliest and latest.
    expect(estimate.earliestMs! - NOW).toBeLessThanOrEqual(week.truthDays * DAY);
    expect((estimate.latestMs ?? Infinity) - NOW).toBeGreaterThanOrEqual(week.truthDays * DAY);
  });
});
