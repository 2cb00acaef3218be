import { type DataTransformerConfig, FieldType, toDataFrame } from '@grafana/data';
import {
  DataSourceVariable,
  QueryVariable,
  SceneDataTransformer,
  SceneQueryRunner,
  SceneTimeRange,
  sceneGraph,
} from '@grafana/scenes';
import { VariableRefresh } from '@grafana/schema';

import { panelByTitle, panelTitles } from '../../../../tests/support/scenes/sceneTestUtils';
import { applyTransformations, column, columnNames } from '../../../../tests/support/scenes/transformTestUtils';
import {
  FIELDS,
  outcomesOverTime,
  taskQueries,
  termsVariableQuery,
  usageByProcedure,
} from '../../../queries/elasticsearch/satellites';
import { resolveAppSettings } from '../../../settings/resolve';
import { reviewQuarters } from '../reviewData';
import { SatelliteInsights } from '../SatelliteInsights';
import { ProcedureScope, SelectionQueries } from '../satelliteQueries';
import { COMMENT_COLUMNS, TERMS_COLUMNS, buildSatellitesScene, SATELLITE_TIME_RANGE } from '../satellitesScene';
import { SatelliteTaskSpeed } from '../SatelliteTaskSpeed';

const settings = resolveAppSettings({ elasticsearchDatasourceUid: 'es-uid' });

type Scene = ReturnType<typeof buildSatellitesScene>;

function selectionQueries(scene: Scene): SelectionQueries[] {
  return sceneGraph.findAllObjects(scene, (o) => o instanceof SelectionQueries) as SelectionQueries[];
}

/** The queries every runner would send for the current selection. */
function queriesOf(scene: Scene) {
  selectionQueries(scene).forEach((s) => s.apply());
  return sceneGraph
    .findAllObjects(scene, (o) => o instanceof SceneQueryRunner)
    .flatMap((r) =>
      (r as SceneQueryRunner).state.queries.map((q) => ({
        refId: q.refId,
        query: String((q as { query?: string }).query),
        ds: (r as SceneQueryRunner).state.datasource,
        full: q,
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
    expect([satellite, procedure].map((v) => (v as QueryVariable).state.refresh)).toEqual([
      VariableRefresh.onTimeRangeChanged,
      VariableRefresh.onTimeRangeChanged,
    ]);
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
      'Review status by quarter',
      'Task time per week: median (solid) and p90 (dashed) per task type',
    ]);
  });

  it('shows task speed by task type on the quarter-aligned range, from one tasks query', () => {
    const speed = sceneGraph.findAllObjects(scene, (o) => o instanceof SatelliteTaskSpeed) as SatelliteTaskSpeed[];
    expect(speed).toHaveLength(1);
    expect(speed[0].state.$timeRange!.state.from).toBe(new Date(speed[0].state.quarters.fromMs).toISOString());
    expect(
      queriesOf(scene)
        .filter((q) => ['tasks', 'taskEnds'].includes(q.refId))
        .map((q) => q.full)
    ).toEqual(taskQueries({}));
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

describe('queries follow the selection through variable dependencies', () => {
  it('the two usage panels share one runner: the usage query is sent once for them (and once for the insights)', () => {
    const scene = buildSatellitesScene(settings);
    const mostUsed = sceneGraph.getData(panelByTitle(scene, 'Most used procedures'));
    expect(sceneGraph.getData(panelByTitle(scene, 'Least used procedures'))).toBe(mostUsed);
    const usage = JSON.stringify(usageByProcedure({}));
    expect(queriesOf(scene).filter((q) => JSON.stringify(q.full) === usage)).toHaveLength(2);
  });

  it('every runner declares its dependency on the satellite and procedure pickers, and nothing is sent before activation', () => {
    const scene = buildSatellitesScene(settings);
    const runners = sceneGraph.findAllObjects(scene, (o) => o instanceof SceneQueryRunner) as SceneQueryRunner[];
    expect(runners.map((r) => r.state.queries)).toEqual(runners.map(() => []));
    const behaviours = selectionQueries(scene);
    expect(behaviours.map((b) => b.parent)).toEqual(runners);
    for (const b of behaviours) {
      expect(['satellite', 'procedure'].map((name) => b.variableDependency?.hasDependencyOn(name))).toEqual([
        true,
        true,
      ]);
    }
  });

  it('a changed satellite (as the variable set reports it) rebuilds the queries with the escaped value and scopes the procedure picker', () => {
    const scene = buildSatellitesScene(settings);
    const runner = sceneGraph.getData(panelByTitle(scene, 'Outcomes over time')) as SceneQueryRunner;
    const hostile = 'sat/1 OR *';
    const satellite = sceneGraph.lookupVariable('satellite', scene) as QueryVariable;
    satellite.setState({ value: hostile, text: hostile });
    // What SceneVariableSet does for every active object that depends on the changed variable.
    const notify = (o: {
      variableDependency?: { variableUpdateCompleted: (v: QueryVariable, changed: boolean) => void };
    }) => o.variableDependency?.variableUpdateCompleted(satellite, true);
    selectionQueries(scene).forEach(notify);
    sceneGraph.findAllObjects(scene, (o) => o instanceof ProcedureScope).forEach(notify);
    // The catalogue escapes the value; the runner carries exactly its query.
    expect(runner.state.queries).toEqual([outcomesOverTime({ satellite: hostile })]);
    const procedure = sceneGraph.lookupVariable('procedure', scene) as QueryVariable;
    expect(procedure.state.query).toBe(termsVariableQuery(FIELDS.procedure, { satellite: hostile }));
  });
});

describe('what the usage and comment panels show', () => {
  it('the most-used bar gauge draws one bar per procedure row, not the Count column reduced to one number', () => {
    const panel = panelByTitle(buildSatellitesScene(settings), 'Most used procedures');
    const options = panel.state.options as { reduceOptions?: { values?: boolean } };
    expect(options.reduceOptions?.values).toBe(true);
    // One colour: the default thresholds painted the busiest procedures red, as if use were bad.
    expect(panel.state.fieldConfig.defaults.color).toEqual({ mode: 'fixed', fixedColor: 'blue' });
  });

  it.each([
    ['Least used procedures', FIELDS.procedure],
    ['Feedback per procedure', FIELDS.procedure],
    ['Quarterly review', FIELDS.quarter],
    ['Review status by quarter', FIELDS.reviewStatus],
  ])('%s names its %s column for a reader and shows counts as whole numbers', (title, field) => {
    const name = TERMS_COLUMNS[field];
    expect(name).not.toContain('.');
    const overrides = panelByTitle(buildSatellitesScene(settings), title).state.fieldConfig.overrides;
    expect(overrides).toEqual(
      expect.arrayContaining([
        { matcher: { id: 'byName', options: field }, properties: [{ id: 'displayName', value: name }] },
        { matcher: { id: 'byName', options: 'Count' }, properties: [{ id: 'decimals', value: 0 }] },
      ])
    );
  });

  it("review status counts this and last quarter over the review's own time range, as the queue does", () => {
    const scene = buildSatellitesScene(settings);
    const quarters = reviewQuarters(new Date());
    const runner = panelByTitle(scene, 'Review status by quarter').state.$data as SceneQueryRunner;
    expect(runner.state.$timeRange?.state.from).toBe(new Date(quarters.fromMs).toISOString());
    // The queries come from the selection behaviour on activation; its builder names the quarters.
    const behaviour = runner.state.$behaviors?.[0];
    expect(behaviour).toBeInstanceOf(SelectionQueries);
    expect((behaviour as SelectionQueries).state.build({})[0].query).toContain(`review.quarter:("${quarters.current}" OR "${quarters.previous}")`);
  });

  it('the comment table keeps time, satellite, procedure, scores and comment, named for a reader', async () => {
    const panel = panelByTitle(buildSatellitesScene(settings), 'Latest feedback comments');
    const transformer = panel.state.$data as SceneDataTransformer;
    expect(transformer).toBeInstanceOf(SceneDataTransformer);
    // Shaped like the Elasticsearch data source's raw_data frame: every document field flattened.
    const raw = toDataFrame({
      refId: 'comments',
      fields: [
        { name: '_id', type: FieldType.string, values: ['a1'] },
        { name: '_index', type: FieldType.string, values: ['codesentinel-satellites-2026.12'] },
        { name: '@timestamp', type: FieldType.time, values: [1_765_000_000_000] },
        { name: 'event.id', type: FieldType.string, values: ['e1'] },
        { name: 'event.dataset', type: FieldType.string, values: ['codesentinel.feedback'] },
        { name: 'comment', type: FieldType.string, values: ['<b>step 3</b> is unclear'] },
        { name: 'clarity', type: FieldType.number, values: [2] },
        { name: 'procedure.id', type: FieldType.string, values: ['github/PROC-1'] },
        { name: 'review.status', type: FieldType.string, values: ['new'] },
        { name: 'satellite.id', type: FieldType.string, values: ['github'] },
        { name: 'usefulness', type: FieldType.number, values: [4] },
      ],
    });
    const [frame] = await applyTransformations(transformer.state.transformations as DataTransformerConfig[], [raw]);
    const order = [
      FIELDS.timestamp,
      FIELDS.satellite,
      FIELDS.procedure,
      FIELDS.clarity,
      FIELDS.usefulness,
      FIELDS.comment,
    ];
    expect(columnNames(frame)).toEqual(order.map((f) => COMMENT_COLUMNS[f]));
    expect(column(frame, COMMENT_COLUMNS[FIELDS.comment])).toEqual(['<b>step 3</b> is unclear']);
  });
});
