import { type DataFrame, FieldType, LoadingState, dateTime, toDataFrame } from '@grafana/data';
import { SceneDataNode } from '@grafana/scenes';
import { render, screen } from '@testing-library/react';
import React from 'react';

import { PRESETS } from '../../../queries/conventions';
import { testIds } from '../../testIds';
import { DataStatusBanner, bannerHasMessage } from '../DataStatusBanner';

const count = (value: number) =>
  toDataFrame({ refId: 'presence', fields: [{ name: 'Value', type: FieldType.number, values: [value] }] });

function renderBanner(state: LoadingState, series: DataFrame[], datasourceConfigured = true, error?: string) {
  const timeRange = { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } };
  const banner = new DataStatusBanner({
    convention: PRESETS.otel,
    datasourceConfigured,
    $data: new SceneDataNode({
      data: { state, series, timeRange, ...(error ? { errors: [{ message: error }] } : {}) },
    }),
  });
  return render(<banner.Component model={banner} />);
}

describe('DataStatusBanner', () => {
  it.each([
    ['data is present', LoadingState.Done, [count(12)]],
    ['the presence query is still loading', LoadingState.Loading, []],
  ])('renders no element at all when %s, so it takes no space in the layout', (_, state, series) => {
    const { container } = renderBanner(state, series);
    expect(container.innerHTML).toBe('');
    expect(screen.queryByTestId(testIds.dataStatus.container)).toBeNull();
  });

  it('warns when the convention finds no request series', () => {
    renderBanner(LoadingState.Done, [count(0)]);
    expect(screen.getByTestId(testIds.dataStatus.noSeries).textContent).toContain(
      'http_server_request_duration_seconds_count'
    );
  });

  it('shows the data source error', () => {
    renderBanner(LoadingState.Error, [], true, 'connection refused');
    expect(screen.getByTestId(testIds.dataStatus.error).textContent).toContain('connection refused');
  });

  it('says no data source is configured even while data is fine', () => {
    renderBanner(LoadingState.Done, [count(3)], false);
    expect(screen.getByTestId(testIds.dataStatus.noDatasource)).toBeTruthy();
    expect(screen.queryByTestId(testIds.dataStatus.noSeries)).toBeNull();
  });
});

test.each([
  [{ kind: 'ok' } as const, true, false],
  [{ kind: 'loading' } as const, true, false],
  [{ kind: 'ok' } as const, false, true],
  [{ kind: 'no-series' } as const, true, true],
  [{ kind: 'error', message: 'x' } as const, true, true],
])('bannerHasMessage(%j, configured=%s) -> %s', (status, configured, expected) => {
  expect(bannerHasMessage(status, configured)).toBe(expected);
});
