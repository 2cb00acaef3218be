import fc from 'fast-check';

import { gaussian, seededRandom } from '../../../../tests/support/analytics/synthetic';
import { EVENT_RUN, declustered, surprise, tailModel, tailProbability } from '../likelihood';
import { fitAnomalyModel, judgePoint } from '../model';
import { THRESHOLD, THRESHOLD_STEP_MS, advance, newState, slowThresholdFor, thresholdFor } from '../streaming';

const reference = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 300 });
const z = fc.double({ min: -1e4, max: 1e4, noNaN: true });

describe('calibrated tail probability', () => {
  it('is a probability in (0, 1]', () => {
    fc.assert(
      fc.property(reference, z, (ref, x) => {
        const p = tailProbability(tailModel(ref), x);
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300, seed: 16 }
    );
  });

  it('never rises as the error grows', () => {
    fc.assert(
      fc.property(reference, z, z, (ref, a, b) => {
        const model = tailModel(ref);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(tailProbability(model, hi)).toBeLessThanOrEqual(tailProbability(model, lo));
      }),
      { numRuns: 300, seed: 17 }
    );
  });

  it('is the conformal rank inside the reference', () => {
    const model = tailModel(Array.from({ length: 99 }, (_, i) => i + 1));
    // 50 of the 99 reference errors are at or above 50: (1 + 50) / 100.
    expect(tailProbability(model, 50)).toBeCloseTo(0.51, 12);
    expect(tailProbability(model, -5)).toBe(1);
  });

  it('keeps falling past the largest error seen', () => {
    const model = tailModel(Array.from({ length: 999 }, (_, i) => i / 100));
    const largest = tailProbability(model, 9.98);
    expect(tailProbability(model, 12)).toBeLessThan(largest / 10);
  });

  const flaggedShare = (draw: () => number, alpha: number) => {
    const model = tailModel(Array.from({ length: 2000 }, draw));
    const trials = 20_000;
    let flagged = 0;
    for (let k = 0; k < trials; k++) {
      flagged += tailProbability(model, draw()) <= alpha ? 1 : 0;
    }
    return flagged / trials;
  };

  it('on exchangeable continuous noise, a threshold α on p flags about α of new points', () => {
    const random = seededRandom(42);
    for (const draw of [() => gaussian(random), () => -Math.log(1 - random())]) {
      const share = flaggedShare(draw, 0.05);
      expect(share).toBeGreaterThan(0.04);
      expect(share).toBeLessThan(0.06);
    }
  });

  it('on quantised noise (ties), it flags no more than α: ties make it conservative, never loose', () => {
    const random = seededRandom(43);
    const share = flaggedShare(() => Math.round(3 * gaussian(random)), 0.05);
    expect(share).toBeLessThan(0.055);
    expect(share).toBeGreaterThan(0.02);
  });

  it('on a reference that is mostly one value (a ratio of a few errors an hour), a value seen three times is as rare as its rank', () => {
    // 237 zero errors and three small ones, in σ: the top 10 were seven 0s and the three, so the
    // median excess was 0 and the largest read as 1 in 10^20 (an "anomaly" the Overview listed on a
    // quiet error ratio several times an hour).
    const model = tailModel([...Array(237).fill(0), 4, 3.5, 4.2]);
    expect(tailProbability(model, 4.2)).toBeCloseTo(2 / 241, 9);
    expect(tailProbability(model, 4)).toBeCloseTo(3 / 241, 9);
    // Past everything seen it still falls, never faster than the three values' own spread says.
    expect(tailProbability(model, 8)).toBeGreaterThan(1e-3);
    expect(tailProbability(model, 40)).toBeLessThan(tailProbability(model, 8));
    // One value far past a tied edge is no scale: a spike in a quantised series stays extreme.
    const spiked = tailModel([...Array(420).fill(0), ...Array(12).fill(2), 16]);
    expect(tailProbability(spiked, 16)).toBeLessThan(1e-6);
  });

  it('surprise is −log10 p, finite even for p = 0', () => {
    expect(surprise(0.001)).toBeCloseTo(3, 12);
    expect(surprise(1)).toBe(0);
    expect(Number.isFinite(surprise(0))).toBe(true);
  });
});

describe('runs declustering of the tail reference', () => {
  const positions = (n: number) => Array.from({ length: n }, (_, i) => i);

  it('cuts a run of EVENT_RUN or more tail values to its largest and keeps shorter runs whole', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i % 7) / 10);
    // A 6-point incident and, far from it, a 2-point burst, both past the top 2 %.
    [50, 51, 52, 53, 54, 55].forEach((i, k) => (values[i] = 10 + k));
    values[300] = 9;
    values[301] = 9.5;
    const out = declustered(values, positions(values.length));
    expect(out.filter((v) => v >= 10)).toEqual([15]);
    expect(out.filter((v) => v === 9 || v === 9.5)).toEqual([9, 9.5]);
    expect(out).toHaveLength(values.length - (EVENT_RUN + 1) + 1);
  });

  it('never joins values apart in time into one run', () => {
    const values = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 7, 8, 9, 10];
    const index = values.map((_, i) => (i >= 20 ? 100 + 3 * i : i));
    expect(declustered(values, index)).toEqual(values);
  });

  it('keeps every value of a series with no tail run', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 200 }), (ref) => {
        const out = declustered(ref, positions(ref.length));
        expect(out.length).toBeLessThanOrEqual(ref.length);
        // Declustering only drops tail values: everything up to the median is kept.
        const sorted = [...ref].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)];
        expect(out.filter((v) => v <= median).length).toBe(ref.filter((v) => v <= median).length);
      }),
      { numRuns: 200, seed: 18 }
    );
  });

  it('an incident last week does not hide the same incident now: one point of it alerts alone', () => {
    // A week at 10 min of noise with one 10-point +8σ incident; then the same incident starts again.
    const random = seededRandom(44);
    const x = Float64Array.from({ length: 1009 }, () => 100 + gaussian(random));
    for (let i = 300; i < 310; i++) {
      x[i] += 8;
    }
    x[1008] = 108;
    const model = fitAnomalyModel(x, 0, 1008, 600_000)!;
    // At the panel's default sensitivity one point alerts alone past surprise 3 (threshold 2 +
    // allowance 1); with the incident's ten points in the reference's tail it read about 2.
    expect(surprise(judgePoint(model, x, 1008)!.pAbove)).toBeGreaterThan(3);
  });

  it('at hourly steps, three past error bursts in a week do not make the next one ordinary', () => {
    // An error ratio at 1-hour steps (a month-long panel): ~1 % with noise, one burst to 10 % on each
    // of three earlier days. With a tail of 5 values (3 of them bursts) the new burst read about 1 in 45.
    const random = seededRandom(45);
    const x = Float64Array.from({ length: 169 }, () => 0.01 + 0.002 * gaussian(random));
    for (const at of [40, 88, 136]) {
      x[at] = 0.1;
    }
    x[168] = 0.1;
    const model = fitAnomalyModel(x, 0, 168, 3_600_000)!;
    expect(surprise(judgePoint(model, x, 168)!.pAbove)).toBeGreaterThan(3);
  });
});

describe('streaming rules on calibrated probabilities', () => {
  const judgement = (pAbove: number, pBelow = 1) => ({ pAbove, pBelow, expected: 0, z: 0 });

  it('an extreme point alerts at once', () => {
    const state = newState();
    expect(advance(state, judgement(1e-6), 'both', 3).flagged).toBe(true);
  });

  it('a run of moderately rare points alerts after a few; ordinary points never do', () => {
    const state = newState();
    const flags = [0.003, 0.003, 0.003, 0.003].map((p) => advance(state, judgement(p), 'both', 3).flagged);
    expect(flags[0]).toBe(false);
    expect(flags[flags.length - 1]).toBe(true);
    const calm = newState();
    expect(
      Array.from({ length: 1000 }, () => advance(calm, judgement(0.3, 0.7), 'both', 3).flagged).some(Boolean)
    ).toBe(false);
  });

  it('the alert ends soon after the incident does', () => {
    const state = newState();
    advance(state, judgement(1e-12), 'both', 3);
    expect(advance(state, judgement(0.5, 0.5), 'both', 3).flagged).toBe(false);
  });

  it('a drift alerts: points each ordinary (1 in 10) but all leaning one way', () => {
    // Each point is rare enough to lean (1 in 10 > SLOW_ALLOWANCE) but not to move the point sum.
    const state = newState();
    const verdicts = Array.from({ length: 12 }, () => advance(state, judgement(0.1), 'both', 3));
    expect(state.above).toBe(0);
    const first = verdicts.findIndex((v) => v.flagged);
    // 0.4 per point towards SLOW_FACTOR × 3 = 4.05: on at the 11th point, and as a drift.
    expect(first).toBe(10);
    expect(verdicts[first]).toMatchObject({ direction: 'above', drift: true });
  });

  it('the slow sums ignore ordinary noise and an incident the point sums already raised', () => {
    const calm = newState();
    const random = seededRandom(3);
    // Uniform p is exchangeable noise: its surprise averages 0.43, under the 0.6 a point must lean by.
    const drifts = Array.from({ length: 5000 }, () => advance(calm, judgement(random(), random()), 'both', 3));
    expect(drifts.filter((v) => v.drift).length).toBeLessThan(5);
    const state = newState();
    for (let k = 0; k < 10; k++) {
      advance(state, judgement(1e-6), 'both', 3);
    }
    expect(state.slowAbove).toBe(0);
    expect(advance(state, judgement(0.5, 0.5), 'both', 3).flagged).toBe(false);
  });

  it('respects the direction asked for', () => {
    expect(advance(newState(), judgement(1e-9), 'below', 3).flagged).toBe(false);
    expect(advance(newState(), judgement(1, 1e-9), 'below', 3)).toMatchObject({ flagged: true, direction: 'below' });
  });

  const falseAlertRate = (threshold: number, seed: number, points = 50_000) => {
    const random = seededRandom(seed);
    const model = tailModel(Array.from({ length: 1000 }, () => gaussian(random)));
    const state = newState();
    let alerts = 0;
    let wasOn = false;
    for (let k = 0; k < points; k++) {
      const x = gaussian(random);
      const on = advance(
        state,
        { pAbove: tailProbability(model, x), pBelow: 1, expected: 0, z: x },
        'above',
        threshold
      ).flagged;
      alerts += on && !wasOn ? 1 : 0;
      wasOn = on;
    }
    return alerts / points;
  };

  it('on exchangeable noise, false alerts fall as the threshold rises, and are rare at 4', () => {
    const rates = [2, 3, 4].map((h) => falseAlertRate(h, 7));
    expect(rates[1]).toBeLessThan(rates[0]);
    expect(rates[2]).toBeLessThan(rates[1]);
    expect(rates[2]).toBeLessThan(5e-4);
  });

  it('at the panel default, a week of noise raises about as many false alerts at every step', () => {
    // Points per week at 1 min, 10 min and 30 min; one threshold for all gave 10 times the alerts per
    // week at 1 min as at 10 min, and a third at 30 min.
    const weeks = [60_000, THRESHOLD_STEP_MS, 1_800_000].map((step) => {
      const perWeek = (7 * 86_400_000) / step;
      return falseAlertRate(thresholdFor(0.75, step), 11, 400_000) * perWeek;
    });
    expect(Math.max(...weeks) / Math.min(...weeks)).toBeLessThan(2.5);
    expect(Math.max(...weeks)).toBeLessThan(1);
  });

  it('thresholds: higher sensitivity or a coarser step never raise them, nor take them under 0.5', () => {
    expect(thresholdFor(1)).toBe(THRESHOLD);
    expect(thresholdFor(1, 60_000)).toBeCloseTo(THRESHOLD + 1);
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 1_000, max: 86_400_000, noNaN: true }),
        fc.double({ min: 1_000, max: 86_400_000, noNaN: true }),
        (s1, s2, step1, step2) => {
          const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
          const [fine, coarse] = step1 <= step2 ? [step1, step2] : [step2, step1];
          expect(thresholdFor(hi, fine)).toBeLessThanOrEqual(thresholdFor(lo, fine));
          expect(thresholdFor(lo, coarse)).toBeLessThanOrEqual(thresholdFor(lo, fine));
          expect(thresholdFor(hi, coarse)).toBeGreaterThanOrEqual(0.5);
          expect(slowThresholdFor(hi)).toBeLessThanOrEqual(slowThresholdFor(lo));
        }
      ),
      { seed: 16 }
    );
    // Nonsense in, the defaults out: never NaN, never zero.
    for (const bad of [NaN, -1, 0, Infinity]) {
      expect(thresholdFor(bad, bad)).toBe(THRESHOLD);
    }
  });
});
