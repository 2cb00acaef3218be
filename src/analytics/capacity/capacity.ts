// Time to a threshold (disk 90 %, a memory limit) from a forecast band: the upper edge crosses first
// (earliest), the mean next (likely), the lower edge last (latest).
import { formatPercent } from '../stats/format';
import type { Band, CapacityEstimate, ForecastResult } from '../types';

/** First time `series` reaches `threshold` (linear between steps), or undefined within the band's span. */
function firstCrossing(
  timestamps: Float64Array,
  series: Float64Array,
  threshold: number,
  previous: number
): number | undefined {
  let prevT = timestamps[0] - (timestamps.length > 1 ? timestamps[1] - timestamps[0] : 0);
  let prevV = previous;
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (v >= threshold) {
      if (prevV >= threshold || v === prevV) {
        return timestamps[i];
      }
      return prevT + ((threshold - prevV) / (v - prevV)) * (timestamps[i] - prevT);
    }
    prevT = timestamps[i];
    prevV = v;
  }
  return undefined;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * `currentValue` is the latest observed value (defaults to the fitted value at the end of history).
 * Thresholds are upper limits: a series at or above it is "already over".
 */
export function estimateCapacity(result: ForecastResult, threshold: number, currentValue?: number): CapacityEstimate {
  const estimate = estimateUnchecked(result, threshold, currentValue);
  const change = result.regime?.change;
  if (!change || estimate.status === 'cannot-model') {
    return estimate;
  }
  const earlier = result.regime?.earlierChanges ? ` (${result.regime.earlierChanges} earlier one${result.regime.earlierChanges === 1 ? '' : 's'} too)` : '';
  return {
    ...estimate,
    regime: result.regime,
    reason: `${estimate.reason} Fitted since the ${change.direction} from ${change.before.toPrecision(3)} to ${change.after.toPrecision(3)} at ${iso(change.atMs)}; the regime before it is left out${earlier}.`,
  };
}

function estimateUnchecked(result: ForecastResult, threshold: number, currentValue?: number): CapacityEstimate {
  if (!Number.isFinite(threshold)) {
    return { threshold, status: 'cannot-model', reason: 'The threshold must be a finite number.' };
  }
  const fitted: Band = result.fitted;
  const last = fitted.mean.length - 1;
  const current = currentValue ?? (last >= 0 ? fitted.mean[last] : NaN);
  if (!Number.isFinite(current)) {
    return { threshold, status: 'cannot-model', reason: 'There is no current value to start from.' };
  }
  if (current >= threshold) {
    return {
      threshold,
      status: 'already-over',
      reason: `The current value ${current.toPrecision(4)} is already at or over the threshold ${threshold}.`,
    };
  }
  const f = result.forecast;
  const earliestMs = firstCrossing(f.timestamps, f.upper, threshold, current);
  const likelyMs = firstCrossing(f.timestamps, f.mean, threshold, current);
  const latestMs = firstCrossing(f.timestamps, f.lower, threshold, current);
  const level = formatPercent(result.model.confidence);
  const horizonEnd = f.timestamps.length ? iso(f.timestamps[f.timestamps.length - 1]) : 'the horizon';
  if (likelyMs === undefined) {
    const estimate: CapacityEstimate = {
      threshold,
      status: 'not-within-horizon',
      reason:
        earliestMs === undefined
          ? `Not expected to reach ${threshold} before ${horizonEnd}, even at the top of the ${level} band.`
          : `Not expected to reach ${threshold} before ${horizonEnd}; the top of the ${level} band reaches it at ${iso(earliestMs)}.`,
    };
    if (earliestMs !== undefined) {
      estimate.earliestMs = earliestMs;
    }
    return estimate;
  }
  const estimate: CapacityEstimate = {
    threshold,
    status: 'crosses',
    earliestMs: earliestMs ?? likelyMs,
    likelyMs,
    reason:
      latestMs === undefined
        ? `Likely to reach ${threshold} at ${iso(likelyMs)} (earliest ${iso(earliestMs ?? likelyMs)}; the bottom of the ${level} band stays below it until ${horizonEnd}).`
        : `Likely to reach ${threshold} at ${iso(likelyMs)}, between ${iso(earliestMs ?? likelyMs)} and ${iso(latestMs)} (${level} band).`,
  };
  if (latestMs !== undefined) {
    estimate.latestMs = latestMs;
  }
  return estimate;
}
