// The "Why" of each capacity row in words and times people read: the engine's own sentence carries
// ISO timestamps and the threshold as a share ("reach 0.9"), which suits logs, not a table.
import { dateTimeFormat } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { formatPercent } from '../../analytics';

import type { CapacityRow } from './capacityRows';
import { formatTimeUntil } from './horizon';

// The view and its tests read every capacity text from this module.

export interface CapacityTextContext {
  /** Threshold as a share (0.9 = 90 %). */
  threshold: number;
  /** End of the data the estimates start from. */
  asOfMs: number;
  horizonMs: number;
  /** Prediction-band level, e.g. 0.95. */
  confidence: number;
  timeZone?: TimeZone;
}

/** "Mon 30 Nov 13:29" in the dashboard's time zone. */
export function formatMoment(ms: number, timeZone?: TimeZone): string {
  return dateTimeFormat(ms, { format: 'ddd D MMM HH:mm', timeZone });
}

/** "Fri 27 Nov 13:40 (in 2 d, top of the 95 % band)" */
function when(ms: number, ctx: CapacityTextContext, note?: string): string {
  return `${formatMoment(ms, ctx.timeZone)} (${formatTimeUntil(ms, ctx.asOfMs)}${note ? `, ${note}` : ''})`;
}

/** What a drop or a jump in this kind of resource usually is. */
function eventName(r: CapacityRow, direction: 'drop' | 'rise'): string {
  if (direction === 'rise') {
    return 'jump';
  }
  switch (r.target.kind) {
    case 'volume':
      return 'compaction';
    case 'memory':
      return 'restart';
    case 'cpu-limit':
    case 'cpu-request':
    case 'cpu-throttled':
      return 'scale-out';
    default:
      return 'drop';
  }
}

/** " Fitted since the compaction on Sun 29 Nov 13:05 (96 % → 45 %)." or "". */
function regimeNote(r: CapacityRow, ctx: CapacityTextContext): string {
  const change = r.regime?.change;
  if (!change) {
    return '';
  }
  return ` Fitted since the ${eventName(r, change.direction)} on ${formatMoment(change.atMs, ctx.timeZone)} (${formatPercent(change.before)} → ${formatPercent(change.after)}).`;
}

/** A reset so recent that there is nothing to fit yet: say what happened and when to look again. */
function tooShort(r: CapacityRow, ctx: CapacityTextContext): string | undefined {
  const change = r.regime?.change;
  if (r.code !== 'regime-too-short' || !change) {
    return undefined;
  }
  const event = eventName(r, change.direction);
  const wait = /try again in (\S+)\.$/.exec(r.reason)?.[1];
  return (
    `${event[0].toUpperCase()}${event.slice(1)} on ${formatMoment(change.atMs, ctx.timeZone)} (${formatPercent(change.before)} → ${formatPercent(change.after)}): ` +
    `too little data since to fit a trend, and the level before it says nothing about now.${wait ? ` Try again in ${wait}.` : ''}`
  );
}

/**
 * One or two sentences per row. Rows the engine could not model, flat series and pending rows keep
 * their own reason: it names the problem and carries no timestamps.
 */
export function capacityExplanation(r: CapacityRow, ctx: CapacityTextContext): string {
  const threshold = formatPercent(ctx.threshold);
  const band = `the ${formatPercent(ctx.confidence)} band`;
  const horizonEnd = formatMoment(ctx.asOfMs + ctx.horizonMs, ctx.timeZone);
  const model = (r.model ? ` Model: ${r.model}.` : '') + regimeNote(r, ctx);
  const short = tooShort(r, ctx);
  if (short) {
    return short;
  }
  if (r.code !== undefined || r.status === 'pending' || r.status === 'cannot-model') {
    return `${r.reason}${model}`;
  }
  switch (r.status) {
    case 'already-over':
      return r.current === undefined
        ? `Already at or over ${threshold}.${model}`
        : `At ${formatPercent(r.current)} now, already at or over ${threshold}.${model}`;
    case 'not-within-horizon':
      return r.earliestMs === undefined
        ? `Not expected to reach ${threshold} before ${horizonEnd}, even at the top of ${band}.${model}`
        : `Not expected to reach ${threshold} before ${horizonEnd}; only the top of ${band} does, on ${when(r.earliestMs, ctx)}.${model}`;
    case 'crosses': {
      const likely = r.likelyMs ?? r.earliestMs;
      if (likely === undefined) {
        return `Expected to reach ${threshold} before ${horizonEnd}.${model}`;
      }
      const earliest =
        r.earliestMs !== undefined && r.earliestMs !== likely
          ? `; earliest ${when(r.earliestMs, ctx, `top of ${band}`)}`
          : '';
      const latest =
        r.latestMs !== undefined
          ? `; latest ${when(r.latestMs, ctx, 'bottom of the band')}`
          : `; the bottom of the band stays below ${threshold} until ${horizonEnd}`;
      return `Likely to reach ${threshold} on ${when(likely, ctx)}${earliest}${latest}.${model}`;
    }
  }
}
