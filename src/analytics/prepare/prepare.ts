// Series preparation: from whatever a data frame holds to a regular series a model can use, with a
// report of every change so the UI can say what happened instead of silently smoothing it over.
import { median } from '../stats/robust';
import type { CannotModel, PreparationReport, PreparationWarning, PreparedSeries, SeriesInput } from '../types';

export interface PrepareOptions {
  /** Keep only the last `trainingWindowMs` of history. */
  trainingWindowMs?: number;
  /** Gaps up to this many missing steps are filled by linear interpolation (default 10). */
  maxImputedGap?: number;
  /** Fewest points a caller can use; shorter series return 'too-short'. Default 3. */
  minPoints?: number;
}

/**
 * Values beyond this magnitude are left out: preparation adds and subtracts raw values (duplicate
 * means, grid cells, interpolation), which overflows to ±Infinity near 1.8e308. Anything smaller is
 * kept; the models rescale the series before fitting (see models/scale.ts).
 */
export const MAX_ABS_VALUE = 1e300;
/**
 * Epoch seconds with 10 digits (2001-09-09 to 2286-11-20). Read as milliseconds they would all fall
 * between 1970-01-12 and 1970-04-26, which no monitored series does, so the reading is unambiguous.
 */
const SECONDS_MIN = 1e9;
const SECONDS_MAX = 1e10;
/** A grid larger than this means the timestamps are not a time series at this step. */
const MAX_GRID_POINTS = 5_000_000;

export function cannotModel(code: CannotModel['code'], reason: string, minPoints?: number): CannotModel {
  return minPoints === undefined ? { ok: false, code, reason } : { ok: false, code, reason, minPoints };
}

export function isCannotModel(x: unknown): x is CannotModel {
  return typeof x === 'object' && x !== null && (x as CannotModel).ok === false && 'code' in x;
}

export function prepareSeries(input: SeriesInput, options: PrepareOptions = {}): PreparedSeries | CannotModel {
  try {
    return prepareUnchecked(input, options);
  } catch (error) {
    return cannotModel('internal', `Preparing the series failed unexpectedly: ${String(error)}`);
  }
}

function prepareUnchecked(input: SeriesInput, options: PrepareOptions): PreparedSeries | CannotModel {
  const minPoints = Math.max(2, options.minPoints ?? 3);
  const count = Math.min(input?.timestamps?.length ?? 0, input?.values?.length ?? 0);
  if (count === 0) {
    return cannotModel('empty', 'The series has no points; widen the time range or check the query.');
  }
  const notes: string[] = [];

  // 1. keep finite (timestamp, value) pairs
  const warnings: PreparationWarning[] = [];
  const ts: number[] = [];
  const vs: number[] = [];
  let dropped = 0;
  let huge = 0;
  for (let i = 0; i < count; i++) {
    const t = Number(input.timestamps[i]);
    const raw = input.values[i];
    const v = typeof raw === 'number' ? raw : NaN;
    if (!Number.isFinite(t) || !Number.isFinite(v)) {
      dropped++;
    } else if (Math.abs(v) > MAX_ABS_VALUE) {
      dropped++;
      huge++;
    } else {
      ts.push(t);
      vs.push(v);
    }
  }
  if (ts.length === 0) {
    return huge === 0
      ? cannotModel('all-missing', `All ${count} points are missing or not finite (null, NaN or ±Infinity).`)
      : cannotModel(
          'unsupported',
          `${huge === count ? 'All' : `${huge} of the`} ${count} values are beyond ±1e300, too large to compute with${huge === count ? '' : ' (the rest are missing)'}; show the series in a larger unit.`
        );
  }
  const nonFinite = dropped - huge;
  if (nonFinite > 0) {
    notes.push(`Ignored ${nonFinite} missing or non-finite point${nonFinite === 1 ? '' : 's'}.`);
  }
  if (huge > 0) {
    const message = `Ignored ${huge} value${huge === 1 ? '' : 's'} beyond ±1e300 (too large to compute with).`;
    notes.push(message);
    warnings.push({ code: 'values-too-large', points: huge, message });
  }
  if (ts.every((t) => t >= SECONDS_MIN && t < SECONDS_MAX)) {
    // Converted rather than refused: the reading is unambiguous (see SECONDS_MIN), and the results
    // come back in milliseconds like every other series, with this warning saying so.
    for (let i = 0; i < ts.length; i++) {
      ts[i] *= 1000;
    }
    const message =
      'The timestamps look like epoch seconds (10 digits); they were read as seconds and converted to milliseconds.';
    notes.push(message);
    warnings.push({ code: 'timestamps-in-seconds', points: ts.length, message });
  }

  // 2. sort, then merge exact duplicate timestamps by their mean
  let reordered = false;
  for (let i = 1; i < ts.length; i++) {
    if (ts[i] < ts[i - 1]) {
      reordered = true;
      break;
    }
  }
  let order = ts.map((_, i) => i);
  if (reordered) {
    order = order.sort((a, b) => ts[a] - ts[b]);
    notes.push('Sorted timestamps that arrived out of order.');
  }
  const uniqT: number[] = [];
  const uniqV: number[] = [];
  let merged = 0;
  let runCount = 0;
  for (const i of order) {
    const last = uniqT.length - 1;
    if (last >= 0 && ts[i] === uniqT[last]) {
      runCount++;
      uniqV[last] += (vs[i] - uniqV[last]) / runCount;
      merged++;
    } else {
      uniqT.push(ts[i]);
      uniqV.push(vs[i]);
      runCount = 1;
    }
  }
  if (merged > 0) {
    notes.push(`Averaged ${merged} point${merged === 1 ? '' : 's'} that shared a timestamp.`);
  }
  if (uniqT.length < minPoints) {
    return cannotModel(
      'too-short',
      `Only ${uniqT.length} usable point${uniqT.length === 1 ? '' : 's'}; at least ${minPoints} are needed. Widen the time range.`,
      minPoints
    );
  }

  // 3. regular step = median spacing (robust to a few late or missing scrapes)
  const diffs = new Float64Array(uniqT.length - 1);
  for (let i = 1; i < uniqT.length; i++) {
    diffs[i - 1] = uniqT[i] - uniqT[i - 1];
  }
  const stepMs = niceStep(median(diffs));
  const maxGap = Math.max(0, Math.floor(options.maxImputedGap ?? 10));

  // 4. start after the last gap too long to impute, so imputation never invents long stretches
  let first = 0;
  for (let i = uniqT.length - 1; i > 0; i--) {
    if (Math.round((uniqT[i] - uniqT[i - 1]) / stepMs) - 1 > maxGap) {
      first = i;
      break;
    }
  }
  let droppedBeforeGap = 0;
  if (first > 0) {
    if (uniqT.length - first >= minPoints) {
      droppedBeforeGap = first;
      notes.push(`Used only the ${uniqT.length - first} points after the last gap longer than ${maxGap} steps.`);
    } else {
      first = 0;
      notes.push('The series has long gaps; they were bridged by straight lines and marked as imputed.');
    }
  }

  // 5. training window
  let startT = uniqT[first];
  const endT = uniqT[uniqT.length - 1];
  if (options.trainingWindowMs && options.trainingWindowMs > 0 && endT - startT > options.trainingWindowMs) {
    startT = endT - options.trainingWindowMs;
  }
  const gridSize = Math.round((endT - startT) / stepMs) + 1;
  if (gridSize > MAX_GRID_POINTS) {
    return cannotModel(
      'unsupported',
      `The timestamps span ${gridSize} steps of ${stepMs} ms; use a shorter time range.`
    );
  }

  // 6. snap to the grid (averaging points that land in one cell), then impute linearly
  const sums = new Float64Array(gridSize);
  const hits = new Uint32Array(gridSize);
  let usedInput = 0;
  for (let i = first; i < uniqT.length; i++) {
    if (uniqT[i] < startT - stepMs / 2) {
      continue;
    }
    const k = Math.min(gridSize - 1, Math.max(0, Math.round((uniqT[i] - startT) / stepMs)));
    sums[k] += uniqV[i];
    hits[k]++;
    usedInput++;
  }
  const values = new Float64Array(gridSize);
  const imputed = new Uint8Array(gridSize);
  let observed = 0;
  for (let k = 0; k < gridSize; k++) {
    if (hits[k] > 0) {
      values[k] = sums[k] / hits[k];
      observed++;
    } else {
      values[k] = NaN;
    }
  }
  if (observed < minPoints) {
    return cannotModel(
      'too-short',
      `Only ${observed} usable points in the training window; at least ${minPoints} are needed.`,
      minPoints
    );
  }
  const imputedCount = fillGaps(values, imputed);
  if (imputedCount > 0) {
    notes.push(`Filled ${imputedCount} missing step${imputedCount === 1 ? '' : 's'} by linear interpolation.`);
  }

  const report: PreparationReport = {
    inputPoints: count,
    outputPoints: gridSize,
    stepMs,
    droppedNonFinite: nonFinite,
    mergedDuplicates: merged,
    reordered,
    imputed: imputedCount,
    notes,
  };
  if (huge > 0) {
    report.droppedTooLarge = huge;
  }
  if (warnings.length > 0) {
    report.warnings = warnings;
  }
  if (droppedBeforeGap > 0) {
    report.droppedBeforeGap = droppedBeforeGap;
  }
  if (usedInput < uniqT.length - droppedBeforeGap) {
    report.downsampledFrom = uniqT.length - droppedBeforeGap;
    notes.push(`Used the last ${usedInput} points inside the training window.`);
  }
  return { startMs: startT, stepMs, values, imputed, report };
}

/** Scrape intervals people configure; a median within 5 % of one is jitter around it. */
const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map(
  (s) => s * 1000
);

function niceStep(medianDiff: number): number {
  for (const nice of NICE_STEPS_MS) {
    if (Math.abs(medianDiff - nice) <= 0.05 * nice) {
      return nice;
    }
  }
  return Math.max(1, Math.round(medianDiff));
}

/** Linear interpolation of NaN runs; leading/trailing runs take the nearest observed value. */
function fillGaps(values: Float64Array, imputed: Uint8Array): number {
  const n = values.length;
  let filled = 0;
  let prev = -1;
  for (let i = 0; i <= n; i++) {
    if (i < n && Number.isNaN(values[i])) {
      continue;
    }
    if (i - prev > 1) {
      for (let k = prev + 1; k < i; k++) {
        if (prev < 0) {
          values[k] = values[i];
        } else if (i >= n) {
          values[k] = values[prev];
        } else {
          values[k] = values[prev] + ((values[i] - values[prev]) * (k - prev)) / (i - prev);
        }
        imputed[k] = 1;
        filled++;
      }
    }
    prev = i;
  }
  return filled;
}

/**
 * True when every value equals the first (within a relative 1e-12), so no model can be fitted.
 * Relative to the largest magnitude, not to 1: a series of values near 1e-20 still has a shape.
 */
export function isConstant(values: ArrayLike<number>): boolean {
  const first = values[0];
  let largest = 0;
  for (let i = 0; i < values.length; i++) {
    largest = Math.max(largest, Math.abs(values[i]));
  }
  const tolerance = 1e-12 * largest;
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(values[i] - first) > tolerance) {
      return false;
    }
  }
  return true;
}

/** Mean of each block of `factor` consecutive steps, aligned to the end so the latest data is whole. */
export function aggregate(series: PreparedSeries, factor: number): PreparedSeries {
  if (factor <= 1) {
    return series;
  }
  const n = series.values.length;
  const buckets = Math.floor(n / factor);
  const offset = n - buckets * factor;
  const values = new Float64Array(buckets);
  const imputed = new Uint8Array(buckets);
  for (let b = 0; b < buckets; b++) {
    let sum = 0;
    let imp = 0;
    for (let j = 0; j < factor; j++) {
      const i = offset + b * factor + j;
      sum += series.values[i];
      imp += series.imputed[i];
    }
    values[b] = sum / factor;
    imputed[b] = imp * 2 > factor ? 1 : 0;
  }
  const stepMs = series.stepMs * factor;
  return {
    // A bucket's timestamp is its centre, so the aggregated curve lines up with the raw one.
    startMs: series.startMs + (offset + (factor - 1) / 2) * series.stepMs,
    stepMs,
    values,
    imputed,
    report: { ...series.report, outputPoints: buckets, downsampledFrom: n, stepMs },
  };
}
