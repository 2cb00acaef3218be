import { DataSourceVariable, QueryVariable, SceneQueryRunner, SceneTimeRange, sceneGraph } from '@grafana/scenes';

import { resolveAppSettings } from '../../../settings/resolve';
import { panelTitles } from '../../shared/sceneTestUtils';
import { SatelliteInsights } from '../SatelliteInsights';
import { buildSatellitesScene, SATELLITE_TIME_RANGE } from '../satellitesScene';

const settings = resolveAppSettings({ elasticsearchDatasourceUid: 'es-uid' });

function queriesOf(scene: ReturnType<typeof buildSatellitesScene>) {
  return sceneGraph
    .findAllObjects(scene, (o) => o instanceof SceneQueryRunner)
    .flatMap((r) =>
      (r as SceneQueryRunner).state.queries.map((q) => ({
        refId: q.refId,
        query: String((q as { query?: string }).query),
        ds: (r as SceneQueryRunner).state.datasource,
      }))
    );
}

describe('buildSatellitesScene', () => {
  const scene = buildSatellitesScene(settings);

  it('owns a 30-day time range and the es, satellite and procedure variables', () => {
    expect(scene.state.$timeRange).toBeInstanceOf(SceneTimeRange);
    expect(scene.state.$timeRange!.state.from).toBe(SATELLITE_TIME_RANGE.from);
    const [es, satellite, procedure] = scene.state.$variables!.state.variables;
    expect(es).toBeInstanceOf(DataSourceVariable);
    expect(es.state.name).toBe('es');
    expect((es as DataSourceVariable).state.value).toBe('es-uid');
    expect(satellite).toBeInstanceOf(QueryVariable);
    expect(satellite.state.name).toBe('satellite');
    expect(procedure.state.name).toBe('procedure');
    expect(JSON.parse(String((procedure as QueryVariable).state.query)).field).toBe('procedure.id');
  });

  it('shows the insights block and every panel the issue asks for', () => {
    expect(sceneGraph.findAllObjects(scene, (o) => o instanceof SatelliteInsights)).toHaveLength(1);
    expect(panelTitles(scene)).toEqual([
      'Most used procedures',
      'Least used procedures',
      'Outcomes over time',
      'Procedure duration percentiles',
      'Task speed: mean duration of successful runs',
      'Feedback per procedure',
      'Latest feedback comments',
      'Quarterly review',
      'Review status',
    ]);
  });

  it('queries only the ${es} data source, never interpolating variables into Lucene', () => {
    const queries = queriesOf(scene);
    expect(queries.length).toBeGreaterThanOrEqual(11);
    for (const q of queries) {
      expect(q.ds).toEqual({ uid: '${es}', type: 'elasticsearch' });
      expect(q.query).not.toContain('$');
    }
    expect(queries.map((q) => q.refId)).toEqual(
      expect.arrayContaining([
        'usage',
        'failures',
        'aborts',
        'catalog',
        'feedback',
        'speed',
        'outcomes',
        'duration',
        'comments',
        'review',
        'reviewStatus',
      ])
    );
  });
});
