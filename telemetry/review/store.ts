// Reads and writes review items (feedback documents) in Elasticsearch. Writes are optimistic: a
// document is replaced only if it is still at the sequence number and primary term it was read at
// (`if_seq_no` / `if_primary_term`), so two reviewers acting on one item cannot overwrite each other.
import { errorSummary, esRequest, type EsConfig } from '../es/bulk';
import { DATASETS, type FeedbackEvent, type ReviewState, type ReviewStatus } from '../schema';
import { INDEX_PREFIX, REVIEW_PROPERTIES } from '../template';

export const FEEDBACK_PATTERN = `${INDEX_PREFIX}-feedback-*`;
const MAX_ITEMS = 10_000;

export interface ReviewItem {
  id: string;
  index: string;
  seqNo: number;
  primaryTerm: number;
  doc: FeedbackEvent;
}

/** `seq_no:primary_term`, what `review list` prints and `review set --expect-version` takes. */
export function versionOf(item: Pick<ReviewItem, 'seqNo' | 'primaryTerm'>): string {
  return `${item.seqNo}:${item.primaryTerm}`;
}

export async function esJson<T>(config: EsConfig, method: string, path: string, body?: object): Promise<T> {
  const res = await esRequest(config, method, path, body === undefined ? undefined : JSON.stringify(body));
  const text = await res.text();
  if (!res.ok) {
    throw new Error(`${method} ${path.split('?')[0]} failed (${res.status}): ${errorSummary(text)}`);
  }
  return JSON.parse(text) as T;
}

interface Hit {
  _id: string;
  _index: string;
  _seq_no: number;
  _primary_term: number;
  _source: FeedbackEvent;
}

function toItem(h: Hit): ReviewItem {
  return { id: h._id, index: h._index, seqNo: h._seq_no, primaryTerm: h._primary_term, doc: h._source };
}

export interface ItemFilter {
  quarter: string;
  statuses: readonly ReviewStatus[];
  satellite?: string;
  procedure?: string;
}

export async function listItems(config: EsConfig, filter: ItemFilter): Promise<ReviewItem[]> {
  const must: object[] = [
    { term: { 'event.dataset': DATASETS.feedback } },
    { term: { 'review.quarter': filter.quarter } },
    { terms: { 'review.status': filter.statuses } },
  ];
  if (filter.satellite !== undefined) {
    must.push({ term: { 'satellite.id': filter.satellite } });
  }
  if (filter.procedure !== undefined) {
    must.push({ term: { 'procedure.id': filter.procedure } });
  }
  const r = await esJson<{ hits: { hits: Hit[] } }>(
    config,
    'POST',
    `/${FEEDBACK_PATTERN}/_search?allow_no_indices=true&ignore_unavailable=true`,
    {
      size: MAX_ITEMS,
      seq_no_primary_term: true,
      query: { bool: { filter: must } },
      sort: [{ 'procedure.id': 'asc' }, { '@timestamp': 'asc' }, { 'event.id': 'asc' }],
    }
  );
  return r.hits.hits.map(toItem);
}

/**
 * The item as it is now. The search only finds its monthly index; the realtime GET then sees a
 * write another reviewer made a moment ago, which a search shows only after the next refresh.
 */
export async function getItem(config: EsConfig, id: string): Promise<ReviewItem | undefined> {
  const r = await esJson<{ hits: { hits: Hit[] } }>(
    config,
    'POST',
    `/${FEEDBACK_PATTERN}/_search?allow_no_indices=true&ignore_unavailable=true`,
    { size: 2, _source: false, query: { ids: { values: [id] } } }
  );
  if (r.hits.hits.length !== 1) {
    return undefined;
  }
  const index = r.hits.hits[0]._index;
  const doc = await esJson<Hit & { found: boolean }>(
    config,
    'GET',
    `/${encodeURIComponent(index)}/_doc/${encodeURIComponent(id)}`
  );
  return doc.found ? toItem(doc) : undefined;
}

/** Feedback indices created before the review fields existed get them (adding fields is allowed). */
export async function ensureReviewMapping(config: EsConfig): Promise<void> {
  await esJson(config, 'PUT', `/${FEEDBACK_PATTERN}/_mapping?allow_no_indices=true`, {
    properties: { review: { properties: REVIEW_PROPERTIES } },
  });
}

/**
 * Replaces the item's review if the document is still at `expected`; 'conflict' when another
 * write came first (Elasticsearch answers 409 version_conflict_engine_exception).
 */
export async function writeReview(
  config: EsConfig,
  item: ReviewItem,
  review: ReviewState,
  expected: { seqNo: number; primaryTerm: number }
): Promise<'written' | 'conflict'> {
  const path =
    `/${encodeURIComponent(item.index)}/_doc/${encodeURIComponent(item.id)}` +
    `?if_seq_no=${expected.seqNo}&if_primary_term=${expected.primaryTerm}&refresh=wait_for`;
  const res = await esRequest(config, 'PUT', path, JSON.stringify({ ...item.doc, review }));
  if (res.status === 409) {
    return 'conflict';
  }
  if (!res.ok) {
    throw new Error(`updating review item ${item.id} failed (${res.status}): ${errorSummary(await res.text())}`);
  }
  return 'written';
}
