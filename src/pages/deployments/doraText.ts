// Words and numbers of the DORA cards: values in units a reader knows, the trend over the range's
// two halves, and the tooltip that explains the band with the published thresholds.
import { formattedValueToString, getValueFormat } from '@grafana/data';

import { DORA_BANDS, DORA_SOURCE, type DoraBand, type DoraMeasure } from '../../analytics';

export function formatSeconds(seconds: number): string {
  return Number.isFinite(seconds) ? formattedValueToString(getValueFormat('s')(seconds, 1)) : '–';
}

export function formatPerDay(perDay: number): string {
  if (!Number.isFinite(perDay)) {
    return '–';
  }
  return perDay >= 1 ? `${perDay.toFixed(1)} / day` : `${(perDay * 7).toFixed(1)} / week`;
}

export function formatShare(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : '–';
}

export type Direction = 'better' | 'worse' | 'same' | 'unknown';

/** Whether the second half of the range is better than the first, for this measure. */
export function trendDirection(measure: DoraMeasure, first: number, second: number): Direction {
  if (!Number.isFinite(first) || !Number.isFinite(second)) {
    return 'unknown';
  }
  if (Math.abs(second - first) <= 1e-9 * Math.max(1, Math.abs(first))) {
    return 'same';
  }
  const up = second > first;
  return up === DORA_BANDS[measure].higherIsBetter ? 'better' : 'worse';
}

export const BAND_TEXT: Readonly<Record<DoraBand, string>> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** The card's tooltip: the band's published range, and every band's, with the source. */
export function bandTooltip(measure: DoraMeasure, band: DoraBand | undefined): string {
  const words = DORA_BANDS[measure].words;
  const lines = (['elite', 'high', 'medium', 'low'] as const).map((b) => `${BAND_TEXT[b]}: ${words[b]}`);
  const head = band ? `${BAND_TEXT[band]} band (${words[band]}).` : 'No band: not enough runs in the range.';
  return `${head} DORA bands from the ${DORA_SOURCE}: ${lines.join('; ')}.`;
}
