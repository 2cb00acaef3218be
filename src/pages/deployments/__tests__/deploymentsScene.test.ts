import { type QueryVariable, type SceneQueryRunner, type SceneTimeRange, sceneGraph } from '@grafana/scenes';

import { allExprs, panelByTitle, panelTitles } from '../../../../tests/support/scenes/sceneTestUtils';
import { allPromQueries } from '../../../queries/catalogue';
import { PRESETS } from '../../../queries/conventions';
import { resolveAppSettings } from '../../../settings/resolve';
import { DeployMarkersLayer } from '../../shared/deployMarkers';
import { DeploymentRuns } from '../DeploymentRuns';
import { buildDeploymentsScene } from '../deploymentsScene';

describe('buildDeploymentsScene', () => {
  const scene = buildDeploymentsScene(resolveAppSettings({}));

  it('defaults to the 14 days DORA needs and has ds, service and environment variables', () => {
    expect((scene.state.$timeRange as SceneTimeRange).state).toMatchObject({ from: 'now-14d', to: 'now' });
    const vars = scene.state.$variables!.state.variables;
    expect(vars.map((v) => v.state.name)).toEqual(['ds', 'service', 'environment']);
    expect((vars[1] as QueryVariable).state.query).toMatchObject({
      query: 'label_values(codesentinel_deploy_run_started_timestamp_seconds{job="ci_deploy"}, service)',
    });
  });

  it('shows the DORA view with its duration chart, the exact total and the per-service counts', () => {
    expect(sceneGraph.findAllObjects(scene, (o) => o instanceof DeploymentRuns)).toHaveLength(1);
    expect(panelTitles(scene)).toEqual(['Deployment duration', 'Deployments', 'Runs per service']);
    const total = panelByTitle(scene, 'Deployments');
    expect((total.state.$data as SceneQueryRunner).state.queries[0]).toMatchObject({ instant: true, range: false });
  });

  it('sends only catalogue queries, deploy markers included', () => {
    const catalogue = new Set(allPromQueries(PRESETS.otel).map((e) => e.expr));
    const markers = sceneGraph.findAllObjects(scene, (o) => o instanceof DeployMarkersLayer) as DeployMarkersLayer[];
    expect(markers).toHaveLength(1);
    const exprs = [...allExprs(scene), ...markers.map((m) => m.state.expr)];
    expect(exprs).toHaveLength(7);
    expect(exprs.filter((e) => !catalogue.has(e))).toEqual([]);
  });
});
