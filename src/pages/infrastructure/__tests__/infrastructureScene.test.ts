import {
  LocalValueVariable,
  type QueryVariable,
  SceneByVariableRepeater,
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
import { NODE_LEGEND } from '../nodeSection';

describe('buildInfrastructureScene', () => {
  const scene = buildInfrastructureScene(resolveAppSettings({ prometheusDatasourceUid: 'prom' }));

  it('puts a unit on the value axis of every time series (no bare counts)', () => {
    const charts = sceneGraph
      .findAllObjects(scene, (o) => o instanceof VizPanel && o.state.pluginId === 'timeseries')
      .map((p) => p as VizPanel);
    expect(charts.length).toBeGreaterThan(10);
    const bare = charts
      .filter((p) => {
        const unit = p.state.fieldConfig.defaults.unit;
        return !unit || unit === 'none' || unit === 'short';
      })
      .map((p) => p.state.title);
    expect(bare).toEqual([]);
  });

  it('owns time range and the ds, node, namespace and database variables (multi, All by default)', () => {
    expect(scene.state.$timeRange).toBeInstanceOf(SceneTimeRange);
    const vars = scene.state.$variables!.state.variables;
    expect(vars.map((v) => v.state.name)).toEqual(['ds', 'node', 'namespace', 'database']);
    for (const v of vars.slice(1) as QueryVariable[]) {
      expect(v.state).toMatchObject({ isMulti: true, includeAll: true, defaultToAll: true, allValue: '(?s:.*)' });
    }
    expect((vars[1] as QueryVariable).state.query).toMatchObject({
      query: 'label_values(node_cpu_seconds_total, instance)',
    });
  });

  it('shows targets, nodes (CPU wait and steal, load, memory, disk space and I/O, network), containers, Kubernetes state and databases', () => {
    expect(panelTitles(scene)).toEqual([
      'Targets up',
      'Scrape targets',
      'Node CPU',
      'CPU I/O wait and steal',
      'Load per core',
      'Node memory',
      'Node disk space',
      'Disk utilisation',
      'Disk latency',
      'Node network',
      'Network errors',
      'Container CPU',
      'Container memory',
      'Container memory of limit',
      'Volume usage',
      'Pods not ready',
      'OOM kills',
      'Pending pods',
      'Deployments short of replicas',
      'Pod restarts',
      'Pod readiness',
      'Deployments',
      'Node conditions',
      'Databases',
    ]);
  });

  it('repeats a section per database with ${database} bound to that database, its panels on catalogue queries', () => {
    const repeater = sceneGraph.findObject(scene, (o) => o instanceof SceneByVariableRepeater) as SceneByVariableRepeater;
    expect(repeater.state.variableName).toBe('database');
    const section = repeater.state.getLayoutChild({ value: 'shop', label: 'shop' });
    const local = section.state.$variables!.state.variables[0] as LocalValueVariable;
    expect(local).toBeInstanceOf(LocalValueVariable);
    expect(local.state).toMatchObject({ name: 'database', value: 'shop', isMulti: true, includeAll: true });
    expect(panelTitles(section)).toEqual([
      'Connections of max',
      'Transactions',
      'Cache hit ratio',
      'Deadlocks',
      'Longest transaction',
      'Replication lag',
    ]);
    const catalogue = new Set(allPromQueries(PRESETS.otel).map((e) => e.expr));
    const exprs = allExprs(section);
    expect(exprs.length).toBe(6);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
    expect(exprs.every((e) => e.includes('${database}') || e.includes('replication'))).toBe(true);
  });

  it('sends only catalogue queries', () => {
    const catalogue = new Set(allPromQueries(PRESETS.otel).map((e) => e.expr));
    const exprs = allExprs(scene);
    expect(exprs).toHaveLength(29);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
  });

  it('uses ratio units with saturation thresholds and lists down targets first', () => {
    const disk = panelByTitle(scene, 'Node disk space').state.fieldConfig.defaults;
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

  it('lays panels out in grids whose counts divide evenly (nine node panels, four of the rest)', () => {
    const grids = sceneGraph.findAllObjects(scene, (o) => o instanceof SceneCSSGridLayout) as SceneCSSGridLayout[];
    expect(grids.map((g) => g.state.children.length)).toEqual([9, 4, 4]);
  });

  it('puts the node in trouble on top of every node legend, and problems first in the Kubernetes tables', () => {
    for (const title of ['Node CPU', 'CPU I/O wait and steal', 'Disk utilisation', 'Disk latency', 'Network errors']) {
      expect(panelByTitle(scene, title).state.options).toMatchObject({ legend: NODE_LEGEND });
    }
    expect(NODE_LEGEND).toMatchObject({ sortBy: 'Max', sortDesc: true });
    for (const title of ['Pod restarts', 'Pod readiness', 'Deployments', 'Node conditions']) {
      const data = panelByTitle(scene, title).state.$data as SceneDataTransformer;
      expect(data.state.transformations[1]).toMatchObject({ id: 'sortBy', options: { sort: [{ desc: true }] } });
    }
  });
});
