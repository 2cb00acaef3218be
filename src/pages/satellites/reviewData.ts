// The quarterly review as the page shows it: this quarter's queue by status and last quarter's
// applied items, read from the feedback documents (Grafana's raw_data frame flattens their fields to
// columns named like `review.status`). Pure: frames in, plain objects out.
import { type DataFrame } from '@grafana/data';

import { groupAppliedItems } from '../../analytics';
import { COUNT_COLUMN, FIELDS, REVIEW_STATUSES } from '../../queries/elasticsearch/satellites';

export const OPEN_STATUSES: readonly string[] = ['new', 'triaged', 'accepted'];

export interface ReviewQuarters {
  current: string;
  previous: string;
  /** Start of the previous quarter, UTC ms: the review runner's time range starts here. */
  fromMs: number;
}

/** The quarter of `now` and the one before, as `2026-Q4` labels (feedback is reviewed quarterly). */
export function reviewQuarters(now: Date): ReviewQuarters {
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3) + 1;
  const [py, pq] = q === 1 ? [y - 1, 4] : [y, q - 1];
  return { current: `${y}-Q${q}`, previous: `${py}-Q${pq}`, fromMs: Date.UTC(py, (pq - 1) * 3, 1) };
}

export interface ReviewRow {
  id: string;
  procedure: string;
  quarter: string;
  status: string;
  reviewer?: string;
  note?: string;
  comment?: string;
  appliedContentSha?: string;
  clarity?: number;
}

function column(frame: DataFrame, name: string) {
  return frame.fields.find((f) => f.name === name);
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Feedback documents (raw_data frame) → review rows; a frame without the needed columns gives none. */
export function readReviewRows(frame: DataFrame | undefined): ReviewRow[] {
  const id = frame && (column(frame, 'event.id') ?? column(frame, '_id'));
  const procedure = frame && column(frame, FIELDS.procedure);
  const quarter = frame && column(frame, FIELDS.quarter);
  const status = frame && column(frame, FIELDS.reviewStatus);
  if (!frame || !id || !procedure || !quarter || !status) {
    return [];
  }
  const get = (name: string, i: number) => column(frame, name)?.values[i];
  return procedure.values.map((p, i) => {
    const clarity = Number(get(FIELDS.clarity, i));
    return {
      id: String(id.values[i]),
      procedure: String(p),
      quarter: String(quarter.values[i]),
      status: String(status.values[i]),
      reviewer: text(get('review.reviewer', i)),
      note: text(get('review.note', i)),
      comment: text(get(FIELDS.comment, i)),
      appliedContentSha: text(get('review.applied_content_sha', i)),
      clarity: Number.isFinite(clarity) ? clarity : undefined,
    };
  });
}

/**
 * Items per status of one quarter from the review-status aggregation (a table frame with
 * `review.quarter`, `review.status` and `Count` columns); undefined without those columns.
 */
export function readStatusCounts(frame: DataFrame | undefined, quarter: string): Map<string, number> | undefined {
  const quarters = frame && column(frame, FIELDS.quarter);
  const statuses = frame && column(frame, FIELDS.reviewStatus);
  const counts = frame && column(frame, COUNT_COLUMN);
  if (!quarters || !statuses || !counts) {
    return undefined;
  }
  const out = new Map<string, number>();
  quarters.values.forEach((q, i) => {
    const n = Number(counts.values[i]);
    if (q === quarter && Number.isFinite(n)) {
      out.set(String(statuses.values[i]), (out.get(String(statuses.values[i])) ?? 0) + n);
    }
  });
  return out;
}

export interface ReviewSummary {
  quarters: ReviewQuarters;
  /** This quarter's items per status, every status listed (0 included). */
  counts: Array<{ status: string; count: number }>;
  /** This quarter's open items (new, triaged, accepted), procedure by procedure: the newest ones read. */
  open: ReviewRow[];
  /** All of this quarter's open items, also those past the documents read. */
  openTotal: number;
  /** Last quarter's applied changes: one per procedure and new content hash, with its items. */
  appliedLastQuarter: ReturnType<typeof groupAppliedItems>;
}

/**
 * The queue's figures. The documents read are the newest MAX_REVIEW_ITEMS only, so the counts per
 * status come from the aggregation (`statusCounts`) when there is one: a busy quarter's 790 items
 * read as 500 when counted from the documents.
 */
export function summarizeReview(
  rows: ReviewRow[],
  quarters: ReviewQuarters,
  statusCounts?: Map<string, number>
): ReviewSummary {
  const current = rows.filter((r) => r.quarter === quarters.current);
  const applied = rows
    .filter((r) => r.quarter === quarters.previous && r.status === 'applied')
    .map((r) => ({ ...r, appliedContentSha: r.appliedContentSha ?? '' }));
  const counts = REVIEW_STATUSES.map((status) => ({
    status,
    count: statusCounts ? (statusCounts.get(status) ?? 0) : current.filter((r) => r.status === status).length,
  }));
  const open = current
    .filter((r) => OPEN_STATUSES.includes(r.status))
    .sort((a, b) => a.procedure.localeCompare(b.procedure) || a.id.localeCompare(b.id));
  return {
    quarters,
    counts,
    open,
    openTotal: Math.max(
      open.length,
      counts.filter((c) => OPEN_STATUSES.includes(c.status)).reduce((sum, c) => sum + c.count, 0)
    ),
    appliedLastQuarter: groupAppliedItems(applied).sort((a, b) => a.procedure.localeCompare(b.procedure)),
  };
}
