/**
 * Deterministic randomness: every "random" number in the demo is a hash of (seed, key, index), so
 * any value can be recomputed at any time without keeping state. That is what lets the live server
 * and the history generator agree sample for sample.
 */

/** 32-bit FNV-1a of a string; a good-enough mixer for keys, not for cryptography. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Uniform in [0, 1) for (key, index); `key` already folds in the seed. */
export function unit(key: number, index: number): number {
  // splitmix32-style finaliser over the combined words.
  let z = (key ^ Math.imul(index | 0, 0x9e3779b9) ^ Math.floor(index / 4294967296)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 0) / 4294967296;
}

/** A named stream of draws for one seed: `draw('checkout.rate')` is stable across runs. */
export function seededDraws(seed: number) {
  return (name: string, index = 0) => unit(hashString(`${seed}:${name}`), index);
}

/** Linear map of a unit draw onto [min, max]. */
export function between(u: number, min: number, max: number): number {
  return min + u * (max - min);
}
