import { FieldType, LoadingState, dateTime, toDataFrame, type DataFrame } from '@grafana/data';
import { SceneDataNode, VizPanel } from '@grafana/scenes';
import { render, screen, within } from '@testing-library/react';
import React from 'react';

import { testIds } from '../../../components/testIds';
import { reviewQuarters } from '../reviewData';
import { SatelliteTaskSpeed, speedFrames } from '../SatelliteTaskSpeed';

// The chart is a Grafana panel, which needs a running Grafana to load its plugin: here it is never
// activated, and its data and field config are checked on the model.
beforeAll(() => {
  jest.spyOn(VizPanel.prototype, 'activate').mockImplementation(() => () => undefined);
});

const DAY = 86_400_000;
const WEEK = 7 * DAY;
// A Monday, so every task below starts in its own week.
const MONDAY = Date.UTC(2026, 6, 6);

/** `weeks` weekly code-review tasks getting 10 % faster a week, and one hostile-typed task. */
function taskFrames(weeks: number): DataFrame[] {
  const ids = Array.from({ length: weeks }, (_, i) => `t${i}`);
  const starts = ids.map((_, i) => MONDAY + i * WEEK + DAY);
  const durations = ids.map((_, i) => 600_000 * Math.pow(0.9, i));
  const tasks = toDataFrame({
    refId: 'tasks',
    fields: [
      { name: 'task.type', type: FieldType.string, values: [...ids.map(() => 'code-review'), '<b>x</b>'] },
      { name: 'task.id', type: FieldType.string, values: [...ids, 'h1'] },
      { name: 'Count', type: FieldType.number, values: [...ids.map(() => 1), 1] },
      { name: 'Min @timestamp', type: FieldType.number, values: [...starts, MONDAY] },
    ],
  });
  const ends = toDataFrame({
    refId: 'taskEnds',
    fields: [
      { name: 'task.id', type: FieldType.string, values: [...ids, 'h1'] },
      { name: '@timestamp', type: FieldType.number, values: [...starts, MONDAY] },
      { name: 'Max duration_ms', type: FieldType.number, values: [...durations, 60_000] },
    ],
  });
  return [tasks, ends];
}

function speedScene(series: DataFrame[], state = LoadingState.Done, error?: string) {
  const timeRange = { from: dateTime(MONDAY), to: dateTime(MONDAY + 20 * WEEK), raw: { from: 'a', to: 'b' } };
  return new SatelliteTaskSpeed({
    quarters: reviewQuarters(new Date('2026-12-07T00:00:00Z')),
    $data: new SceneDataNode({
      data: { state, series, timeRange, ...(error ? { errors: [{ message: error }] } : {}) },
    }),
  });
}

function renderView(scene: SatelliteTaskSpeed) {
  return render(<scene.Component model={scene} />);
}

function activate(scene: SatelliteTaskSpeed) {
  scene.activate();
  return scene;
}

test('weekly median and p90 per type with the trend per quarter, its interval and a tooltip; text stays text', () => {
  const scene = activate(speedScene(taskFrames(8)));
  expect(scene.state.view.kind).toBe('done');
  renderView(scene);
  const section = screen.getByTestId(testIds.satellites.taskSpeed);
  expect(within(section).getByText('Task speed by task type since 2026-07-01')).toBeInTheDocument();
  const rows = within(section).getAllByRole('row').slice(1);
  const cells = rows.map((r) =>
    within(r)
      .getAllByRole('cell')
      .map((c) => c.textContent)
  );
  // 600 s × 0.9^7 = 4.8 min in the last week; −10 % a week is far faster per quarter.
  expect(cells[0].slice(0, 3)).toEqual(['code-review', '8', '4.8 min / 4.8 min']);
  expect(cells[0][3]).toMatch(/^−\d+(\.\d+)? % \[−\d+(\.\d+)? % … −\d+(\.\d+)? %\]$/);
  expect(cells[0][4]).toBe('faster');
  expect(cells[1]).toEqual(['<b>x</b>', '1', '60.0 s / 60.0 s', 'no trend: fewer than 3 weeks', '–']);
  expect(section.querySelector('b')).toBeNull();
});

test('the chart gets one median and one p90 series per type, in ms on a time axis', () => {
  const scene = activate(speedScene(taskFrames(4)));
  const node = scene.state.chart.state.$data as SceneDataNode;
  expect(node.state.data.series.map((f) => f.fields[1].config.displayName)).toEqual([
    'code-review median',
    'code-review p90',
    '<b>x</b> median',
    '<b>x</b> p90',
  ]);
  expect(scene.state.chart.state.fieldConfig.defaults.unit).toBe('ms');
  expect(scene.state.chart.state.fieldConfig.defaults.custom).toMatchObject({ axisLabel: 'Task time' });
  expect(speedFrames([])).toEqual([]);
});

test('too few weeks for any trend: the weeks are shown and the section says when a trend comes', () => {
  renderView(activate(speedScene(taskFrames(2))));
  expect(screen.getByText('Too few weeks for a trend')).toBeInTheDocument();
});

test('no tasks: says how to record them', () => {
  renderView(activate(speedScene([toDataFrame({ refId: 'tasks', fields: [] })])));
  expect(screen.getByText('No tasks since 2026-07-01')).toBeInTheDocument();
  expect(screen.getByText(/--task-id/)).toBeInTheDocument();
});

test('Elasticsearch down: the query error and what to check', () => {
  renderView(activate(speedScene([], LoadingState.Error, 'Bad Gateway')));
  expect(screen.getByText('Task query failed')).toBeInTheDocument();
  expect(screen.getByText(/Check that Elasticsearch answers/)).toBeInTheDocument();
});
