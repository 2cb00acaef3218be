// Seeded draws for the generator, on top of the engine tests' mulberry32 (one generator in the tree).
import { gaussian, seededRandom } from '../../tests/support/analytics/synthetic';

export interface Draws {
  uniform(): number;
  between(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  normal(): number;
  pick<T>(items: readonly T[]): T;
  poisson(lambda: number): number;
  /** Negative binomial as a gamma–Poisson mixture: mean `mean`, overdispersion 1/shape. */
  negBin(mean: number, shape: number): number;
}

export function draws(seed: number): Draws {
  const random = seededRandom(seed);
  const normal = () => gaussian(random);
  const gamma = (shape: number): number => {
    // Marsaglia–Tsang; shapes below 1 via the boost u^(1/shape).
    if (shape < 1) {
      return gamma(shape + 1) * Math.pow(1 - random(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = Math.pow(1 + c * x, 3);
      if (v > 0 && Math.log(1 - random()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  };
  const poisson = (lambda: number): number => {
    if (!(lambda > 0)) {
      return 0;
    }
    if (lambda > 50) {
      return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
    }
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = random();
    while (p > limit) {
      k++;
      p *= random();
    }
    return k;
  };
  return {
    uniform: random,
    between: (min, max) => min + random() * (max - min),
    int: (min, max) => min + Math.floor(random() * (max - min + 1)),
    normal,
    pick: (items) => items[Math.floor(random() * items.length)],
    poisson,
    negBin: (mean, shape) => poisson((mean * gamma(shape)) / shape),
  };
}
