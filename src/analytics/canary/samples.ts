import type { NanPolicy } from './types';

export interface CleanedSamples {
  ok: true;
  values: Float64Array;
  /** Samples dropped (or, for 'zero', replaced). */
  changed: number;
}

export interface RejectedSamples {
  ok: false;
  reason: string;
  changed: number;
}

/**
 * Applies a metric's NaN policy to raw samples. 'drop' removes null/NaN/±Infinity (a step with no
 * data says nothing about the distribution); 'zero' counts null/NaN as 0 (for rates where an empty
 * step really means "no events") and still drops ±Infinity, which is always a data error;
 * 'reject' refuses the whole metric if anything is missing.
 */
export function cleanSamples(
  raw: ArrayLike<number | null | undefined>,
  policy: NanPolicy
): CleanedSamples | RejectedSamples {
  const out = new Float64Array(raw.length);
  let kept = 0;
  let changed = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      out[kept++] = v;
      continue;
    }
    changed++;
    if (policy === 'zero' && (v === null || v === undefined || Number.isNaN(v))) {
      out[kept++] = 0;
    }
  }
  if (policy === 'reject' && changed > 0) {
    return {
      ok: false,
      reason: `${changed} of ${raw.length} samples are missing or not finite, and this metric rejects gaps`,
      changed,
    };
  }
  const values = kept === out.length ? out : out.slice(0, kept);
  values.sort();
  return { ok: true, values, changed };
}

/** How many samples are real (finite) values: a side with none is no data under every policy. */
export function countReal(raw: ArrayLike<number | null | undefined>): number {
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      n++;
    }
  }
  return n;
}
