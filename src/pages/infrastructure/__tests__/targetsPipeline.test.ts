import { type DataTransformerConfig } from '@grafana/data';
import { type SceneDataTransformer } from '@grafana/scenes';

import { panelByTitle } from '../../../../tests/support/scenes/sceneTestUtils';
import {
  applyTransformations,
  column,
  columnNames,
  instantTableFrame,
} from '../../../../tests/support/scenes/transformTestUtils';
import { resolveAppSettings } from '../../../settings/resolve';
import { TARGET_STATE_COLUMN, buildInfrastructureScene } from '../infrastructureScene';

it('lists scrape targets down first, without the Time column', async () => {
  const scene = buildInfrastructureScene(resolveAppSettings({}));
  const data = panelByTitle(scene, 'Scrape targets').state.$data as SceneDataTransformer;
  const frame = instantTableFrame(
    'up',
    ['instance', 'job'],
    [
      { labels: ['a:9100', 'node'], value: 1 },
      { labels: ['b:9100', 'node'], value: 0 },
      { labels: ['c:9090', 'prometheus'], value: 1 },
    ]
  );
  // A single table query's value column is named "Value", not "Value #up".
  frame.fields[3].name = 'Value';
  const [table] = await applyTransformations(data.state.transformations as DataTransformerConfig[], [frame]);
  expect(columnNames(table)).toEqual(['instance', 'job', TARGET_STATE_COLUMN]);
  expect(column(table, 'instance')[0]).toBe('b:9100');
  expect(column(table, TARGET_STATE_COLUMN)).toEqual([0, 1, 1]);
});
