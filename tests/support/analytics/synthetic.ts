// Seeded synthetic series shared by tests and the benchmark (kept out of src/ so it never ships, and
// out of __tests__ so jest does not treat it as a suite).
import type { SeriesInput } from '../../../src/analytics/types';

import { gaussian, seededRandom } from './random';

export { gaussian, seededRandom };

export interface SeasonalSpec {
  points: number;
  stepMs: number;
  period: number;
  seed: number;
  noise?: number;
  amplitude?: number;
  /** Trend per step. */
  trend?: number;
  level?: number;
  startMs?: number;
}

/** level + trend·i + amplitude·(sin + ⅓ second harmonic) + N(0, noise²). */
export function seasonalSeries(spec: SeasonalSpec): { timestamps: number[]; values: number[] } {
  const random = seededRandom(spec.seed);
  const { points, stepMs, period } = spec;
  const noise = spec.noise ?? 2;
  const amplitude = spec.amplitude ?? 10;
  const trend = spec.trend ?? 0.002;
  const level = spec.level ?? 100;
  const start = spec.startMs ?? Date.UTC(2026, 0, 5);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < points; i++) {
    const phase = (2 * Math.PI * i) / period;
    timestamps.push(start + i * stepMs);
    values.push(
      level + trend * i + amplitude * (Math.sin(phase) + Math.sin(2 * phase + 1) / 3) + noise * gaussian(random)
    );
  }
  return { timestamps, values };
}

export function slice(series: { timestamps: number[]; values: number[] }, from: number, to: number): SeriesInput {
  return { timestamps: series.timestamps.slice(from, to), values: series.values.slice(from, to) };
}
