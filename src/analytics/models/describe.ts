// Human-readable labels for models and periods ("seasonal MSTL, periods 1d+1w, 95 %").
import { formatPercent } from '../stats/format';
import type { FittedModelKind } from '../types';

const UNITS: Array<[number, string]> = [
  [7 * 86_400_000, 'w'],
  [86_400_000, 'd'],
  [3_600_000, 'h'],
  [60_000, 'm'],
  [1000, 's'],
];

export function formatDuration(ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size}${unit}`;
    }
  }
  return `${Math.round(ms)}ms`;
}

/** "1d+1w" for periods of 24 and 168 one-hour steps. */
export function formatPeriods(periods: number[], stepMs: number): string {
  return periods.map((p) => formatDuration(p * stepMs)).join('+');
}

export function modelLabel(kind: FittedModelKind, periods: number[], stepMs: number, confidence: number): string {
  const level = formatPercent(confidence);
  if (kind === 'mstl-ets') {
    return `seasonal MSTL, period${periods.length === 1 ? '' : 's'} ${formatPeriods(periods, stepMs)}, ${level}`;
  }
  return kind === 'theil-sen' ? `robust linear (Theil–Sen), ${level}` : `linear (OLS), ${level}`;
}
