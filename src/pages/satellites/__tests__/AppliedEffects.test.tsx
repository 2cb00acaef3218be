import { FieldType, LoadingState, dateTime, toDataFrame, type DataFrame } from '@grafana/data';
import { SceneDataNode } from '@grafana/scenes';
import { render, screen, within } from '@testing-library/react';
import React from 'react';

import { groupAppliedItems } from '../../../analytics';
import { testIds } from '../../../components/testIds';
import { AppliedEffects, effectQueries } from '../AppliedEffects';

const changes = groupAppliedItems([
  { id: 'f1', procedure: 'tools/PROC-2', appliedContentSha: 'b'.repeat(64), reviewer: 'maria', note: '<i>rewrote</i>' },
]);

const table = (refId: string, keys: string[], ...metrics: number[][]) =>
  toDataFrame({
    refId,
    fields: [
      { name: 'key', type: FieldType.string, values: keys },
      ...metrics.map((values, i) => ({ name: `m${i}`, type: FieldType.number, values })),
    ],
  });

function effects(series: DataFrame[], state = LoadingState.Done, error?: string) {
  const timeRange = { from: dateTime(0), to: dateTime(1), raw: { from: 'a', to: 'b' } };
  const scene = new AppliedEffects({
    changes,
    $data: new SceneDataNode({
      data: { state, series, timeRange, ...(error ? { errors: [{ message: error }] } : {}) },
    }),
  });
  scene.activate();
  return scene;
}

test('each applied change with its effect in the same words as the review report; notes stay text', () => {
  const scene = effects([
    table('effect0:before-status', ['success', 'failure'], [782, 218]),
    table('effect0:before-runs', ['tools/PROC-2'], [1000], [515_000], [0]),
    table('effect0:after-status', ['success', 'failure'], [902, 98]),
    table('effect0:after-runs', ['tools/PROC-2'], [1000], [310_000], [5]),
  ]);
  render(<scene.Component model={scene} />);
  const list = screen.getByTestId(testIds.satellites.reviewEffects);
  expect(within(list).getByText('tools/PROC-2')).toBeInTheDocument();
  expect(list.textContent).toContain('answering 1 feedback item(s) (maria: <i>rewrote</i>)');
  expect(list.querySelector('i')).toBeNull();
  expect(
    within(list).getByText(
      'fails less: failure rate 21.8 % [18.6 %–25.3 %] of 1000 runs → 9.8 % [7.64 %–12.5 %] of 1000 runs; median run 8.6 min → 5.2 min'
    )
  ).toBeInTheDocument();
});

test('a failed effect query keeps the changes listed and says where else the figures are', () => {
  const scene = effects([], LoadingState.Error, 'Bad Gateway');
  render(<scene.Component model={scene} />);
  expect(screen.getByText('Effect query failed')).toBeInTheDocument();
  expect(screen.getByTestId(testIds.satellites.reviewEffects).textContent).toContain('tools/PROC-2');
});

test('no change applied: nothing is queried and the section says so', () => {
  expect(effectQueries([], {})).toEqual([]);
  expect(effectQueries(changes, { satellite: 'tools' }).map((q) => q.refId)).toEqual([
    'tasks',
    'taskEnds',
    'effect0:before-status',
    'effect0:before-runs',
    'effect0:before-feedback',
    'effect0:after-status',
    'effect0:after-runs',
    'effect0:after-feedback',
    'effect0:tasks',
  ]);
  const scene = new AppliedEffects({});
  render(<scene.Component model={scene} />);
  expect(screen.getByText('No change was applied last quarter.')).toBeInTheDocument();
});
