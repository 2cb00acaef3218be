import { LoadingState } from '@grafana/data';

import { classifyPresence } from '../DataStatusBanner';

test.each([
  [LoadingState.Loading, 0, undefined, { kind: 'loading' }],
  [undefined, 0, undefined, { kind: 'loading' }],
  [LoadingState.Done, 0, undefined, { kind: 'no-series' }],
  [LoadingState.Done, 3, undefined, { kind: 'ok' }],
  [LoadingState.Error, 0, 'bad_data: parse error', { kind: 'error', message: 'bad_data: parse error' }],
  [LoadingState.Error, 0, undefined, { kind: 'error', message: 'The data source returned an error.' }],
])('state %s with %d series -> %j', (state, count, message, expected) => {
  expect(classifyPresence(state, count, message)).toEqual(expected);
});
