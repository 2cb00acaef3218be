import {
  type QueryVariable,
  SceneCSSGridLayout,
  type SceneDataTransformer,
  SceneTimeRange,
  VizPanel,
  sceneGraph,
} from '@grafana/scenes';

import { allExprs, panelByTitle, panelTitles } from '../../../../tests/support/scenes/sceneTestUtils';
import { allPromQueries } from '../../../queries/catalogue';
import { PRESETS } from '../../../queries/conventions';
import { infrastructureQueries } from '../../../queries/infrastructure';
import { resolveAppSettings } from '../../../settings/resolve';
import { CONTAINER_LEGEND, TARGET_STATE_COLUMN, buildInfrastructureScene } from '../infrastructureScene';

describe('buildInfrastructureScene', () => {
  const scene = buildInfrastructureScene(resolveAppSettings({ prometheusDatasourceUid: 'prom' }));

  it('owns time range and the ds, node and namespace variables (multi, All by default)', () => {
    expect(scene.state.$timeRange).toBeInstanceOf(SceneTimeRange);
    const vars = scene.state.$variables!.state.variables;
    expect(vars.map((v) => v.state.name)).toEqual(['ds', 'node', 'namespace']);
    for (const v of vars.slice(1) as QueryVariable[]) {
      expect(v.state).toMatchObject({ isMulti: true, includeAll: true, defaultToAll: true, allValue: '(?s:.*)' });
    }
    expect((vars[1] as QueryVariable).state.query).toMatchObject({
      query: 'label_values(node_cpu_seconds_total, instance)',
    });
  });

  it('shows targets, node CPU/memory/disk/network and container resources', () => {
    expect(panelTitles(scene)).toEqual([
      'Targets up',
      'Scrape targets',
      'Node CPU',
      'Node memory',
      'Node disk',
      'Node network',
      'Container CPU',
      'Container memory',
      'Container memory of limit',
      'Volume usage',
    ]);
  });

  it('sends only catalogue queries', () => {
    const catalogue = new Set(allPromQueries(PRESETS.otel).map((e) => e.expr));
    const exprs = allExprs(scene);
    expect(exprs).toHaveLength(11);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
  });

  it('uses ratio units with saturation thresholds and lists down targets first', () => {
    const disk = panelByTitle(scene, 'Node disk').state.fieldConfig.defaults;
    expect(disk).toMatchObject({ unit: 'percentunit', min: 0, max: 1 });
    expect(disk.thresholds?.steps.map((s) => s.value)).toEqual([-Infinity, 0.8, 0.9]);
    expect(panelByTitle(scene, 'Node network').state.fieldConfig.defaults.unit).toBe('Bps');
    const targets = panelByTitle(scene, 'Scrape targets').state.$data as SceneDataTransformer;
    expect(targets.state.transformations[1]).toEqual({
      id: 'sortBy',
      options: { sort: [{ field: TARGET_STATE_COLUMN, desc: false }] },
    });
    expect(allExprs(targets)).toEqual([infrastructureQueries().upByTarget]);
  });

  it('measures container CPU in cores', () => {
    expect(panelByTitle(scene, 'Container CPU').state.fieldConfig.defaults.unit).toBe('suffix: cores');
  });

  it('lists every container in a scrolling table legend on the right, busiest first', () => {
    for (const title of ['Container CPU', 'Container memory', 'Container memory of limit']) {
      expect(panelByTitle(scene, title).state.options).toMatchObject({ legend: CONTAINER_LEGEND });
    }
    expect(CONTAINER_LEGEND).toMatchObject({ displayMode: 'table', placement: 'right', sortDesc: true });
  });

  it('lays node and container panels out in grids of four, so no row ends in an empty cell', () => {
    const grids = sceneGraph.findAllObjects(scene, (o) => o instanceof SceneCSSGridLayout) as SceneCSSGridLayout[];
    const titles = grids.map((g) => g.state.children.map((c) => (c instanceof VizPanel ? c.state.title : '?')));
    expect(titles).toEqual([
      ['Node CPU', 'Node memory', 'Node disk', 'Node network'],
      ['Container CPU', 'Container memory', 'Container memory of limit', 'Volume usage'],
    ]);
  });
});
