import { FieldType, toDataFrame } from '@grafana/data';

import { readReviewRows, readStatusCounts, reviewQuarters, summarizeReview } from '../reviewData';

// Shaped like Grafana's Elasticsearch raw_data frame: one column per flattened source field.
const frame = toDataFrame({
  refId: 'reviewItems',
  fields: [
    { name: 'event.id', type: FieldType.string, values: ['f1', 'f2', 'f3', 'f4', 'f5'] },
    {
      name: 'procedure.id',
      type: FieldType.string,
      values: ['b/PROC-1', 'a/PROC-2', 'a/PROC-2', 'c/PROC-1', 'c/PROC-1'],
    },
    { name: 'review.quarter', type: FieldType.string, values: ['2026-Q4', '2026-Q4', '2026-Q4', '2026-Q3', '2026-Q3'] },
    { name: 'review.status', type: FieldType.string, values: ['new', 'accepted', 'rejected', 'applied', 'applied'] },
    { name: 'review.reviewer', type: FieldType.string, values: [null, 'alice', 'bob', 'maria', 'maria'] },
    {
      name: 'review.note',
      type: FieldType.string,
      values: [null, 'rewrite step 3', 'as designed', 'steps reordered', 'steps reordered'],
    },
    {
      name: 'review.applied_content_sha',
      type: FieldType.string,
      values: [null, null, null, 'f'.repeat(64), 'f'.repeat(64)],
    },
    { name: 'comment', type: FieldType.string, values: ['<b>unclear</b>', null, null, null, null] },
    { name: 'clarity', type: FieldType.number, values: [2, 3, 4, 1, 2] },
  ],
});

test('quarters: the current one and the one before, across a year boundary', () => {
  expect(reviewQuarters(new Date('2026-12-07T10:00:00Z'))).toEqual({
    current: '2026-Q4',
    previous: '2026-Q3',
    fromMs: Date.UTC(2026, 6, 1),
  });
  expect(reviewQuarters(new Date('2027-02-01T00:00:00Z'))).toMatchObject({ current: '2027-Q1', previous: '2026-Q4' });
});

test('the queue counts every status of this quarter and lists the open items; applied changes are grouped', () => {
  const s = summarizeReview(readReviewRows(frame), reviewQuarters(new Date('2026-12-07T10:00:00Z')));
  expect(s.counts).toEqual([
    { status: 'new', count: 1 },
    { status: 'triaged', count: 0 },
    { status: 'accepted', count: 1 },
    { status: 'rejected', count: 1 },
    { status: 'applied', count: 0 },
  ]);
  expect(s.open.map((r) => [r.procedure, r.status, r.reviewer ?? r.comment])).toEqual([
    ['a/PROC-2', 'accepted', 'alice'],
    ['b/PROC-1', 'new', '<b>unclear</b>'],
  ]);
  expect(s.appliedLastQuarter).toEqual([
    {
      procedure: 'c/PROC-1',
      appliedContentSha: 'f'.repeat(64),
      items: ['f4', 'f5'],
      reviewers: ['maria'],
      notes: ['steps reordered'],
    },
  ]);
});

test('the counts come from the status aggregation when there is one: the documents read are capped', () => {
  // The review-status aggregation as the Elasticsearch data source returns it: one row per quarter × status.
  const aggregation = toDataFrame({
    refId: 'reviewStatus',
    fields: [
      { name: 'review.quarter', type: FieldType.string, values: ['2026-Q4', '2026-Q4', '2026-Q4', '2026-Q3'] },
      { name: 'review.status', type: FieldType.string, values: ['triaged', 'new', 'applied', 'triaged'] },
      { name: 'Count', type: FieldType.number, values: [505, 212, 73, 237] },
    ],
  });
  const quarters = reviewQuarters(new Date('2026-12-07T10:00:00Z'));
  const counts = readStatusCounts(aggregation, quarters.current);
  expect(counts).toEqual(
    new Map([
      ['triaged', 505],
      ['new', 212],
      ['applied', 73],
    ])
  );
  const s = summarizeReview(readReviewRows(frame), quarters, counts);
  expect(s.counts).toEqual([
    { status: 'new', count: 212 },
    { status: 'triaged', count: 505 },
    { status: 'accepted', count: 0 },
    { status: 'rejected', count: 0 },
    { status: 'applied', count: 73 },
  ]);
  // Two open items were read; 717 are open in all ("and 715 more").
  expect([s.open.length, s.openTotal]).toEqual([2, 717]);
  // Without the aggregation's columns there are no counts to trust, and the documents are counted.
  expect(readStatusCounts(frame, quarters.current)).toBeUndefined();
  expect(summarizeReview(readReviewRows(frame), quarters).openTotal).toBe(2);
});

test('a frame without the review columns gives no rows rather than an error', () => {
  expect(readReviewRows(undefined)).toEqual([]);
  expect(
    readReviewRows(toDataFrame({ fields: [{ name: 'procedure.id', type: FieldType.string, values: ['a/PROC-1'] }] }))
  ).toEqual([]);
});
