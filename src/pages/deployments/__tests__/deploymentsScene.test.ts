import {
  type EmbeddedScene,
  type QueryVariable,
  type SceneDataTransformer,
  type SceneQueryRunner,
  type SceneTimeRange,
  SceneFlexItem,
  VizPanel,
} from '@grafana/scenes';

import { allExprs, panelByTitle, panelTitles } from '../../../../tests/support/scenes/sceneTestUtils';
import { allPromQueries } from '../../../queries/catalogue';
import { PRESETS } from '../../../queries/conventions';
import { resolveAppSettings } from '../../../settings/resolve';
import { buildDeploymentsScene } from '../deploymentsScene';
import { DEPLOY_COLUMNS, DEPLOY_TABLE_HEIGHT, DEPLOY_TABLE_ROWS } from '../deploymentsTable';

function findTableItem(scene: EmbeddedScene): SceneFlexItem {
  const items: SceneFlexItem[] = [];
  scene.forEachChild(function visit(child) {
    if (
      child instanceof SceneFlexItem &&
      child.state.body instanceof VizPanel &&
      child.state.body.state.pluginId === 'table'
    ) {
      items.push(child);
    }
    child.forEachChild(visit);
  });
  expect(items).toHaveLength(1);
  return items[0];
}

describe('buildDeploymentsScene', () => {
  const scene = buildDeploymentsScene(resolveAppSettings({}));

  it('defaults to a day and has ds, service and environment variables', () => {
    expect((scene.state.$timeRange as SceneTimeRange).state).toMatchObject({ from: 'now-24h', to: 'now' });
    const vars = scene.state.$variables!.state.variables;
    expect(vars.map((v) => v.state.name)).toEqual(['ds', 'service', 'environment']);
    expect((vars[1] as QueryVariable).state.query).toMatchObject({
      query: 'label_values(codesentinel_deploy_last_run_timestamp_seconds{job="ci_deploy"}, service)',
    });
  });

  it('shows frequency, success rate, failures, the per-service table and durations', () => {
    expect(panelTitles(scene)).toEqual([
      'Deployments',
      'Success rate',
      'Failing now',
      'Deployments per service',
      'Deployment duration',
    ]);
  });

  it('counts as of now: the stats are instant queries, without a sparkline that would end a step back', () => {
    for (const title of ['Deployments', 'Success rate', 'Failing now']) {
      const panel = panelByTitle(scene, title);
      expect((panel.state.$data as SceneQueryRunner).state.queries[0]).toMatchObject({ instant: true, range: false });
      expect(panel.state.options).toMatchObject({ graphMode: 'none' });
    }
  });

  it('sends only catalogue queries', () => {
    const catalogue = new Set(allPromQueries(PRESETS.otel).map((e) => e.expr));
    const exprs = allExprs(scene);
    expect(exprs).toHaveLength(9);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
  });

  it('merges the per-service columns, sorts failed first and maps the result to words', () => {
    const table = panelByTitle(scene, 'Deployments per service');
    const data = table.state.$data as SceneDataTransformer;
    expect(data.state.transformations.map((t) => ('id' in t ? t.id : 'custom'))).toEqual([
      'merge',
      'organize',
      'sortBy',
    ]);
    const result = table.state.fieldConfig.overrides.find((o) => o.matcher.options === DEPLOY_COLUMNS.lastResult);
    expect(result?.properties[0]).toEqual({
      id: 'mappings',
      value: [
        {
          type: 'value',
          options: { '1': { text: 'Succeeded', color: 'green' }, '0': { text: 'Failed', color: 'red' } },
        },
      ],
    });
    const lastRun = table.state.fieldConfig.overrides.find((o) => o.matcher.options === DEPLOY_COLUMNS.lastRunAt);
    expect(lastRun?.properties).toEqual(expect.arrayContaining([{ id: 'unit', value: 'dateTimeFromNow' }]));
    const success = table.state.fieldConfig.overrides.find((o) => o.matcher.options === DEPLOY_COLUMNS.successRatio);
    expect(success?.properties).toEqual(expect.arrayContaining([{ id: 'noValue', value: 'No runs' }]));
  });

  it('sizes the table to show every service and environment of the demo without scrolling', () => {
    const item = findTableItem(scene);
    expect(item.state.minHeight).toBe(DEPLOY_TABLE_HEIGHT);
    expect(DEPLOY_TABLE_HEIGHT).toBeGreaterThanOrEqual((DEPLOY_TABLE_ROWS + 1) * 36);
  });
});
