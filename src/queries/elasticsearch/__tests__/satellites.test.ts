import {
  catalogProcedures,
  durationPercentilesOverTime,
  feedbackByProcedure,
  filterQuery,
  latestComments,
  outcomesOverTime,
  reviewByQuarter,
  appliedItems,
  reviewItems,
  reviewStatus,
  statusByProcedure,
  taskSpeedOverTime,
  termsVariableQuery,
  usageByProcedure,
} from '../satellites';

test.each([
  [{}, 'event.dataset:"codesentinel.invocation"'],
  [
    { satellite: 'tools/codesentinel' },
    '(event.dataset:"codesentinel.invocation") AND (satellite.id:"tools/codesentinel")',
  ],
  [{ procedure: 'OR/PROC-1' }, '(event.dataset:"codesentinel.invocation") AND (procedure.id:"OR/PROC-1")'],
  [
    { satellite: '<x>', procedure: '<x>/PROC-1' },
    '(event.dataset:"codesentinel.invocation") AND (satellite.id:"<x>") AND (procedure.id:"<x>/PROC-1")',
  ],
  [{ satellite: '$satellite' }, '(event.dataset:"codesentinel.invocation") AND (satellite.id:"\\u0024satellite")'],
])('filterQuery(invocation, %j) = %s', (filter, query) => {
  expect(filterQuery('invocation', filter)).toBe(query);
});

test('every page query reads @timestamp and escapes the hostile procedure id', () => {
  const filter = { procedure: 'x) OR (y/PROC-1' };
  const queries = [
    usageByProcedure(filter),
    statusByProcedure(filter, 'failure'),
    statusByProcedure(filter, 'agent_aborted'),
    outcomesOverTime(filter),
    durationPercentilesOverTime(filter),
    taskSpeedOverTime(filter),
    feedbackByProcedure(filter),
    latestComments(filter),
    reviewByQuarter(filter),
    reviewStatus(filter, ['2026-Q4', '2026-Q3']),
    reviewItems(filter, ['2026-Q4']),
  ];
  for (const q of queries) {
    expect(q.timeField).toBe('@timestamp');
    expect(q.query).toContain('procedure.id:"x) OR (y/PROC-1"');
  }
  expect(new Set(queries.map((q) => q.refId)).size).toBe(queries.length);
});

test.each([
  ['usage', usageByProcedure({}), ['terms'], ['count']],
  ['failures', statusByProcedure({}, 'failure'), ['terms'], ['count']],
  ['outcomes', outcomesOverTime({}), ['filters', 'date_histogram'], ['count']],
  ['duration', durationPercentilesOverTime({}), ['date_histogram'], ['percentiles']],
  ['speed', taskSpeedOverTime({}), ['date_histogram'], ['avg']],
  ['feedback', feedbackByProcedure({}), ['terms'], ['count', 'avg', 'avg']],
  ['comments', latestComments({}), [], ['raw_data']],
  ['catalog', catalogProcedures({}), ['terms'], ['count']],
  ['review', reviewByQuarter({}), ['terms'], ['count', 'avg', 'avg']],
  ['reviewStatus', reviewStatus({}, ['2026-Q4', '2026-Q3']), ['terms', 'terms'], ['count']],
  ['reviewItems', reviewItems({}, ['2026-Q4']), [], ['raw_data']],
  ['appliedItems', appliedItems({}, '2026-Q3'), [], ['raw_data']],
])('%s query shape', (_name, q, buckets, metrics) => {
  expect(q.bucketAggs?.map((b) => b.type)).toEqual(buckets);
  expect(q.metrics?.map((m) => m.type)).toEqual(metrics);
});

test('review status: the named quarters only, escaped like any value', () => {
  expect(reviewStatus({ procedure: 'a" OR *' }, ['2026-Q4', '2026-Q3']).query).toBe(
    '(event.dataset:"codesentinel.feedback") AND (procedure.id:"a\\" OR *") AND (review.quarter:("2026-Q4" OR "2026-Q3"))'
  );
});

test('review items: feedback of the named quarters only, the quarters escaped like any value', () => {
  expect(reviewItems({ satellite: 'a b' }, ['2026-Q4', '2026-Q3']).query).toBe(
    '(event.dataset:"codesentinel.feedback") AND (satellite.id:"a b") AND (review.quarter:("2026-Q4" OR "2026-Q3"))'
  );
});

test("applied items: the quarter's applied feedback on its own, the values escaped like any value", () => {
  expect(appliedItems({ satellite: 'a" OR *' }, '2026-Q3').query).toBe(
    '(event.dataset:"codesentinel.feedback") AND (satellite.id:"a\\" OR *") AND ((review.quarter:"2026-Q3") AND (review.status:"applied"))'
  );
});

test('task speed counts successful runs only; failures and aborts are status-filtered terms tables', () => {
  expect(taskSpeedOverTime({}).query).toBe('(event.dataset:"codesentinel.invocation") AND (status:"success")');
  expect(statusByProcedure({}, 'failure')).toMatchObject({
    refId: 'failures',
    query: '(event.dataset:"codesentinel.invocation") AND (status:"failure")',
  });
  expect(statusByProcedure({}, 'agent_aborted')).toMatchObject({
    refId: 'aborts',
    query: '(event.dataset:"codesentinel.invocation") AND (status:"agent_aborted")',
  });
  const filters = (outcomesOverTime({}).bucketAggs![0].settings as { filters: Array<{ label: string; query: string }> })
    .filters;
  expect(filters).toEqual([
    { label: 'success', query: 'status:"success"' },
    { label: 'failure', query: 'status:"failure"' },
    { label: 'agent_aborted', query: 'status:"agent_aborted"' },
  ]);
});

test('variable queries use the ES terms syntax and escape the satellite', () => {
  expect(JSON.parse(termsVariableQuery('procedure.id', { satellite: 'tools/x' }))).toEqual({
    find: 'terms',
    field: 'procedure.id',
    query: '(event.dataset:("codesentinel.invocation" OR "codesentinel.catalog")) AND (satellite.id:"tools/x")',
    size: 500,
  });
});
