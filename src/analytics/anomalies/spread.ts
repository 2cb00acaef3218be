// Per-phase spread of a predictor's errors: the errors at 3 a.m. and at the morning ramp differ.
import { medianOf } from './expected';

/** Per-phase spread pooled over ±2 neighbouring phases, never below `floor`. */
export function phaseSpread(index: number[], error: number[], period: number, floor: number): Float64Array {
  const buckets: number[][] = Array.from({ length: period }, () => []);
  index.forEach((i, k) => buckets[i % period].push(Math.abs(error[k])));
  const spread = new Float64Array(period);
  for (let phase = 0; phase < period; phase++) {
    const pooled: number[] = [];
    for (let d = -2; d <= 2; d++) {
      pooled.push(...buckets[(phase + d + period) % period]);
    }
    const s = 1.4826 * medianOf(pooled);
    spread[phase] = Number.isFinite(s) ? Math.max(floor, s) : floor;
  }
  return spread;
}
