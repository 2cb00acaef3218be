import { FieldType, LoadingState, type PanelData, dateTime, toDataFrame } from '@grafana/data';

import { classifyPresence } from '../DataStatusBanner';

const timeRange = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };
const count = (value: number) => toDataFrame({ fields: [{ name: 'Value', type: FieldType.number, values: [value] }] });
const data = (state: LoadingState, values: number[], message?: string): PanelData => ({
  state,
  series: values.map(count),
  timeRange,
  ...(message ? { errors: [{ message }] } : {}),
});

test.each<[string, PanelData | undefined, unknown]>([
  ['loading', data(LoadingState.Loading, []), { kind: 'loading' }],
  ['no result yet', undefined, { kind: 'loading' }],
  ['a count of 0', data(LoadingState.Done, [0]), { kind: 'no-series' }],
  ['no frames', data(LoadingState.Done, []), { kind: 'no-series' }],
  ['a count of 3', data(LoadingState.Done, [3]), { kind: 'ok' }],
  [
    'an error',
    data(LoadingState.Error, [], 'bad_data: parse error'),
    { kind: 'error', message: 'bad_data: parse error' },
  ],
  [
    'an error without a message',
    data(LoadingState.Error, []),
    { kind: 'error', message: 'The data source returned an error.' },
  ],
])('%s -> %j', (_name, input, expected) => {
  expect(classifyPresence(input)).toEqual(expected);
});
