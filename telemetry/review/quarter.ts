// Review quarters (`2026-Q4`) as UTC time ranges: feedback is reviewed quarterly, and the report
// compares a quarter with the one before it.
import { QUARTER_PATTERN, shown } from '../schema';

export interface Quarter {
  label: string;
  year: number;
  /** 1–4. */
  q: number;
  /** Inclusive start, UTC ms. */
  from: number;
  /** Exclusive end, UTC ms. */
  to: number;
}

function make(year: number, q: number): Quarter {
  return {
    label: `${year}-Q${q}`,
    year,
    q,
    from: Date.UTC(year, (q - 1) * 3, 1),
    to: Date.UTC(year, q * 3, 1),
  };
}

/** `2026-Q4` → its time range, or a sentence saying what is wrong. */
export function parseQuarter(text: string): Quarter | string {
  if (!QUARTER_PATTERN.test(text)) {
    return `--quarter must look like 2026-Q4 (a year, -Q and 1 to 4), got ${shown(text.slice(0, 40))}`;
  }
  return make(Number(text.slice(0, 4)), Number(text.slice(6)));
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.q === 1 ? make(quarter.year - 1, 4) : make(quarter.year, quarter.q - 1);
}
