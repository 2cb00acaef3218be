// Reuse across refreshes. Two levels:
// - results, keyed by series id + options + a hash of the data: an unchanged series costs nothing;
// - model memory (periods, model choice, band scale), keyed by series id + options only: when a
//   refresh brings new points, period detection and the holdout fit are skipped and only the final
//   fit runs. The memory is dropped after MEMORY_REFITS reuses so a changed pattern is noticed.
import type { ForecastMemory } from '../models/forecast';
import type { AnalysisRequest, AnalysisResult } from '../types';

const MAX_ENTRIES = 500;
export const MEMORY_REFITS = 10;

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      this.map.delete(this.map.keys().next().value as string);
    }
  }
  clear(): void {
    this.map.clear();
  }
}

const results = new Lru<AnalysisResult>(MAX_ENTRIES);
const memories = new Lru<{ memory: ForecastMemory; uses: number }>(MAX_ENTRIES);

/** FNV-1a over the IEEE bytes of timestamps and values (null/undefined hashed as NaN). */
export function hashSeries(request: AnalysisRequest): string {
  let h = 0x811c9dc5;
  const buffer = new Float64Array(1);
  const bytes = new Uint8Array(buffer.buffer);
  const mix = (x: number) => {
    buffer[0] = x;
    for (let i = 0; i < 8; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193);
    }
  };
  const { timestamps, values } = request.series;
  for (let i = 0; i < timestamps.length; i++) {
    mix(Number(timestamps[i]));
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    mix(typeof v === 'number' ? v : NaN);
  }
  return `${(h >>> 0).toString(16)}:${timestamps.length}:${values.length}`;
}

function optionsKey(request: AnalysisRequest): string {
  return JSON.stringify([request.id, request.forecast, request.anomalies ?? null, request.capacityThreshold ?? null]);
}

export function cachedResult(request: AnalysisRequest, hash: string): AnalysisResult | undefined {
  return results.get(`${optionsKey(request)}#${hash}`);
}

export function storeResult(request: AnalysisRequest, hash: string, result: AnalysisResult): void {
  results.set(`${optionsKey(request)}#${hash}`, result);
}

export function recallMemory(request: AnalysisRequest): ForecastMemory | undefined {
  const key = JSON.stringify([request.id, request.forecast]);
  const entry = memories.get(key);
  if (!entry || entry.uses >= MEMORY_REFITS) {
    return undefined;
  }
  entry.uses++;
  return entry.memory;
}

/**
 * Stores what a fit learned. A fit that reused the memory (`reused`) keeps its count of uses, so
 * the choice is still re-decided after MEMORY_REFITS refreshes; a fresh decision starts at 0.
 */
export function rememberModel(request: AnalysisRequest, memory: ForecastMemory, reused: boolean): void {
  const key = JSON.stringify([request.id, request.forecast]);
  const uses = reused ? (memories.get(key)?.uses ?? 0) : 0;
  memories.set(key, { memory, uses });
}

export function clearAnalysisCache(): void {
  results.clear();
  memories.clear();
}
