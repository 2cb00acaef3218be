import {
  EmbeddedScene,
  PanelBuilders,
  type SceneDataQuery,
  SceneFlexItem,
  SceneFlexLayout,
  SceneQueryRunner,
  SceneTimeRange,
  SceneVariableSet,
  SceneVariableValueChangedEvent,
  type SceneObject,
  type VizPanel,
} from '@grafana/scenes';
import { BarGaugeDisplayMode, GraphDrawStyle, StackingMode, VizOrientation } from '@grafana/schema';

import { ELASTICSEARCH_DS_REF } from '../../constants';
import {
  catalogProcedures,
  durationPercentilesOverTime,
  feedbackByProcedure,
  latestComments,
  outcomesOverTime,
  reviewByQuarter,
  reviewStatus,
  statusByProcedure,
  taskSpeedOverTime,
  termsVariableQuery,
  usageByProcedure,
  FIELDS,
  type SatelliteFilter,
} from '../../queries/elasticsearch/satellites';
import type { AppSettings } from '../../settings/resolve';
import { makeControls } from '../shared/sceneParts';

import { ElasticsearchMissing, showOnlyWhenElasticsearchMissing } from './ElasticsearchMissing';
import { SatelliteInsights } from './SatelliteInsights';
import {
  getProcedureVariable,
  getSatelliteFilter,
  makeElasticsearchVariable,
  makeProcedureVariable,
  makeSatelliteVariable,
  VAR_PROCEDURE,
  VAR_SATELLITE,
} from './satellitesVariables';

/** Satellites are reviewed over weeks, not minutes. */
export const SATELLITE_TIME_RANGE = { from: 'now-30d', to: 'now' } as const;

/** A query runner whose queries are rebuilt from the selection (see `rebuildOnSelection`). */
interface FilteredRunner {
  runner: SceneQueryRunner;
  build: (filter: SatelliteFilter) => SceneDataQuery[];
}

function filteredRunner(build: FilteredRunner['build'], runners: FilteredRunner[]): SceneQueryRunner {
  const runner = new SceneQueryRunner({ datasource: ELASTICSEARCH_DS_REF, queries: build({}) });
  runners.push({ runner, build });
  return runner;
}

/**
 * Values are put into queries by our escaping code, not by `${...}` interpolation, so the runners
 * do not see the variables: this behaviour re-runs them when the selection changes, and scopes
 * the procedure picker to the chosen satellite.
 */
function rebuildOnSelection(runners: FilteredRunner[]) {
  return (scene: SceneObject) => {
    const apply = () => {
      const filter = getSatelliteFilter(scene);
      for (const { runner, build } of runners) {
        runner.setState({ queries: build(filter) });
        if (runner.isActive) {
          runner.runQueries();
        }
      }
    };
    apply();
    const sub = scene.subscribeToEvent(SceneVariableValueChangedEvent, (event) => {
      const name = event.payload.state.name;
      if (name === VAR_SATELLITE) {
        const procedure = getProcedureVariable(scene);
        procedure?.setState({
          query: termsVariableQuery(FIELDS.procedure, { satellite: getSatelliteFilter(scene).satellite }),
        });
        procedure?.refreshOptions();
      }
      if (name === VAR_SATELLITE || name === VAR_PROCEDURE) {
        apply();
      }
    });
    return () => sub.unsubscribe();
  };
}

function row(height: number, ...bodies: VizPanel[]): SceneFlexItem {
  return new SceneFlexItem({
    height,
    body: new SceneFlexLayout({ direction: 'row', children: bodies.map((body) => new SceneFlexItem({ body })) }),
  });
}

function panels(runners: FilteredRunner[]) {
  // A scene object has one parent, so the two usage panels each get their own runner.
  const usage = () => filteredRunner((f) => [usageByProcedure(f)], runners);
  return {
    mostUsed: PanelBuilders.bargauge()
      .setTitle('Most used procedures')
      .setDescription('Invocations per procedure in the time range, most used first.')
      .setData(usage())
      .setUnit('short')
      .setOption('displayMode', BarGaugeDisplayMode.Basic)
      .setOption('orientation', VizOrientation.Horizontal)
      .build(),
    leastUsed: PanelBuilders.table()
      .setTitle('Least used procedures')
      .setDescription(
        'Invocations per procedure, fewest first. Procedures that never ran are listed under "Never used".'
      )
      .setData(usage())
      .setOption('sortBy', [{ displayName: 'Count', desc: false }])
      .build(),
    outcomes: PanelBuilders.timeseries()
      .setTitle('Outcomes over time')
      .setDescription('Invocations per interval by status: success, failure and agent_aborted.')
      .setData(filteredRunner((f) => [outcomesOverTime(f)], runners))
      .setUnit('short')
      .setCustomFieldConfig('drawStyle', GraphDrawStyle.Bars)
      .setCustomFieldConfig('stacking', { mode: StackingMode.Normal })
      .build(),
    duration: PanelBuilders.timeseries()
      .setTitle('Procedure duration percentiles')
      .setDescription('p50, p90 and p99 of invocation duration over time (all statuses).')
      .setData(filteredRunner((f) => [durationPercentilesOverTime(f)], runners))
      .setUnit('ms')
      .build(),
    speed: PanelBuilders.timeseries()
      .setTitle('Task speed: mean duration of successful runs')
      .setDescription(
        'Daily mean duration of successful invocations; the trend line and verdict above come from an OLS fit.'
      )
      .setData(filteredRunner((f) => [taskSpeedOverTime(f)], runners))
      .setUnit('ms')
      .build(),
    feedback: PanelBuilders.table()
      .setTitle('Feedback per procedure')
      .setDescription('Feedback count and average clarity and usefulness (1 = poor, 5 = excellent).')
      .setData(filteredRunner((f) => [feedbackByProcedure(f)], runners))
      .setDecimals(2)
      .build(),
    comments: PanelBuilders.table()
      .setTitle('Latest feedback comments')
      .setDescription('The newest comments, shown as plain text.')
      .setData(filteredRunner((f) => [latestComments(f)], runners))
      .build(),
    review: PanelBuilders.table()
      .setTitle('Quarterly review')
      .setDescription('Feedback per review quarter, newest first: count and average clarity and usefulness (1–5).')
      .setData(filteredRunner((f) => [reviewByQuarter(f)], runners))
      .setDecimals(2)
      .build(),
    reviewStatus: PanelBuilders.table()
      .setTitle('Review status')
      .setDescription('Feedback by review status: new, triaged, accepted, rejected or applied.')
      .setData(filteredRunner((f) => [reviewStatus(f)], runners))
      .build(),
  };
}

export function buildSatellitesScene(settings: AppSettings): EmbeddedScene {
  const runners: FilteredRunner[] = [];
  const p = panels(runners);
  const insights = new SatelliteInsights({
    $data: filteredRunner(
      (f) => [
        usageByProcedure(f),
        statusByProcedure(f, 'failure'),
        statusByProcedure(f, 'agent_aborted'),
        catalogProcedures(f),
        feedbackByProcedure(f),
        taskSpeedOverTime(f),
      ],
      runners
    ),
  });
  const notice = new ElasticsearchMissing();
  const content = [
    new SceneFlexItem({ minHeight: 320, body: insights }),
    row(300, p.mostUsed, p.leastUsed),
    row(300, p.outcomes, p.duration, p.speed),
    row(320, p.feedback, p.comments),
    row(280, p.review, p.reviewStatus),
  ];
  return new EmbeddedScene({
    $timeRange: new SceneTimeRange({ ...SATELLITE_TIME_RANGE }),
    $variables: new SceneVariableSet({
      variables: [
        makeElasticsearchVariable(settings.elasticsearchUid),
        makeSatelliteVariable(),
        makeProcedureVariable(),
      ],
    }),
    $behaviors: [
      rebuildOnSelection(runners),
      showOnlyWhenElasticsearchMissing(notice, content, [VAR_SATELLITE, VAR_PROCEDURE]),
    ],
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [notice, ...content],
    }),
  });
}
