import { FieldType, LoadingState, dateTime, toDataFrame, type DataFrame } from '@grafana/data';
import { SceneDataNode } from '@grafana/scenes';
import { render, screen, within } from '@testing-library/react';
import React from 'react';

import { testIds } from '../../../components/testIds';
import { SatelliteInsights } from '../SatelliteInsights';

const HOSTILE = '<img src=x onerror=alert(1)>/PROC-1';

const counts = (refId: string, ids: string[], values: number[]) =>
  toDataFrame({
    refId,
    fields: [
      { name: 'procedure.id', type: FieldType.string, values: ids },
      { name: 'Count', type: FieldType.number, values },
    ],
  });

function renderInsights(series: DataFrame[], state = LoadingState.Done, error?: string) {
  const timeRange = { from: dateTime(0), to: dateTime(10 * 86_400_000), raw: { from: 'now-30d', to: 'now' } };
  const insights = new SatelliteInsights({
    $data: new SceneDataNode({
      data: { state, series, timeRange, ...(error ? { errors: [{ message: error }] } : {}) },
    }),
  });
  return render(<insights.Component model={insights} />);
}

const day = 86_400_000;
const series = [
  counts('usage', ['deployment/PROC-2', HOSTILE, 'github/PROC-1'], [40, 2, 400]),
  counts('failures', ['deployment/PROC-2', HOSTILE, 'github/PROC-1'], [18, 1, 12]),
  counts('aborts', ['deployment/PROC-2'], [4]),
  counts('catalog', ['archive/PROC-2', 'deployment/PROC-2', 'github/PROC-1'], [1, 1, 1]),
  toDataFrame({
    refId: 'feedback',
    fields: [
      { name: 'procedure.id', type: FieldType.string, values: ['deployment/PROC-2'] },
      { name: 'Count', type: FieldType.number, values: [6] },
      { name: 'Average clarity', type: FieldType.number, values: [1.5] },
      { name: 'Average usefulness', type: FieldType.number, values: [3.5] },
    ],
  }),
  toDataFrame({
    refId: 'speed',
    fields: [
      { name: 'Time', type: FieldType.time, values: [0, day, 2 * day, 3 * day, 4 * day] },
      { name: 'Average duration_ms', type: FieldType.number, values: [1000, 950, 905, 860, 800] },
    ],
  }),
];

test('ranks by Wilson lower bound, lists never-used and needs-review procedures, states the trend', () => {
  renderInsights(series);
  const rows = within(screen.getByTestId(testIds.satellites.rates)).getAllByRole('row').slice(1);
  expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual([
    'deployment/PROC-2',
    HOSTILE,
    'github/PROC-1',
  ]);
  expect(rows[0].textContent).toContain('45 %');
  expect(rows[0].textContent).toMatch(/\[[\d.]+ %–[\d.]+ %\]/);
  expect(screen.getByTestId(testIds.satellites.neverUsed).textContent).toBe('archive/PROC-2');
  const review = screen.getByTestId(testIds.satellites.review).textContent ?? '';
  expect(review).toContain('deployment/PROC-2: fails often');
  expect(review).toContain('low clarity: 1.5 / 5 from 6 feedback');
  expect(review).toContain('archive/PROC-2: never used in this time range');
  expect(screen.getByTestId(testIds.satellites.trend).textContent).toMatch(/getting faster: about [\d.]+ % per week/);
});

test('procedure ids are rendered as text, never as HTML', () => {
  const { container } = renderInsights(series);
  expect(container.querySelector('img')).toBeNull();
  expect(screen.getAllByText(HOSTILE, { exact: false }).length).toBeGreaterThan(0);
});

test('no data says what to do next', () => {
  renderInsights([]);
  expect(
    screen.getByText(/No invocations in this range\. Record some with `codesentinel-telemetry record`/)
  ).toBeTruthy();
  expect(screen.getByText(/Task speed trend: no successful runs in this time range/)).toBeTruthy();
});

test('a data source error is shown with what to check', () => {
  renderInsights([], LoadingState.Error, 'index_not_found_exception');
  expect(screen.getByTestId(testIds.satellites.error).textContent).toContain('index_not_found_exception');
  expect(screen.getByTestId(testIds.satellites.error).textContent).toContain('codesentinel-satellites-*');
});
