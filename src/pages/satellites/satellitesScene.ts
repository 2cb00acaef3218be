import { FieldColorModeId } from '@grafana/data';
import {
  EmbeddedScene,
  PanelBuilders,
  SceneDataTransformer,
  SceneFlexItem,
  SceneFlexLayout,
  SceneTimeRange,
  SceneVariableSet,
} from '@grafana/scenes';
import { BarGaugeDisplayMode, GraphDrawStyle, StackingMode, VizOrientation } from '@grafana/schema';

import {
  COUNT_COLUMN,
  FIELDS,
  catalogProcedures,
  durationPercentilesOverTime,
  feedbackByProcedure,
  latestComments,
  outcomesOverTime,
  reviewByQuarter,
  reviewStatus,
  statusByProcedure,
  taskSpeedOverTime,
  usageByProcedure,
} from '../../queries/elasticsearch/satellites';
import type { AppSettings } from '../../settings/resolve';
import { row } from '../shared/layout';
import { makeControls } from '../shared/sceneParts';

import { ElasticsearchMissing, showOnlyWhenElasticsearchMissing } from './ElasticsearchMissing';
import { type ReviewQuarters, reviewQuarters } from './reviewData';
import { SatelliteInsights } from './SatelliteInsights';
import { ProcedureScope, selectionRunner, sinceLastQuarter } from './satelliteQueries';
import { SatelliteReview } from './SatelliteReview';
import {
  makeElasticsearchVariable,
  makeProcedureVariable,
  makeSatelliteVariable,
  VAR_PROCEDURE,
  VAR_SATELLITE,
} from './satellitesVariables';
import { SatelliteTaskSpeed } from './SatelliteTaskSpeed';

/** Satellites are reviewed over weeks, not minutes. */
export const SATELLITE_TIME_RANGE = { from: 'now-30d', to: 'now' } as const;

/**
 * The comment table's columns, in order, named for a reader: the raw documents also carry _id,
 * _index, event ids and review state, which say nothing here.
 */
export const COMMENT_COLUMNS: Readonly<Record<string, string>> = {
  [FIELDS.timestamp]: 'Time',
  [FIELDS.satellite]: 'Satellite',
  [FIELDS.procedure]: 'Procedure',
  [FIELDS.clarity]: 'Clarity',
  [FIELDS.usefulness]: 'Usefulness',
  [FIELDS.comment]: 'Comment',
};

export function commentsTransformer(filterRunner: ReturnType<typeof selectionRunner>): SceneDataTransformer {
  const names = Object.keys(COMMENT_COLUMNS);
  return new SceneDataTransformer({
    $data: filterRunner,
    transformations: [
      { id: 'filterFieldsByName', options: { include: { names } } },
      {
        id: 'organize',
        options: {
          indexByName: Object.fromEntries(names.map((name, i) => [name, i])),
          renameByName: COMMENT_COLUMNS,
        },
      },
    ],
  });
}

/** Column names of the terms tables, for a reader: the aggregation names them by document field. */
export const TERMS_COLUMNS: Readonly<Record<string, string>> = {
  [FIELDS.procedure]: 'Procedure',
  [FIELDS.quarter]: 'Quarter',
  [FIELDS.reviewStatus]: 'Status',
};

/** Reader's column names, and counts as whole numbers where the table shows scores to 2 decimals. */
function readableTermsTable(builder: ReturnType<typeof PanelBuilders.table>) {
  return builder.setOverrides((b) => {
    for (const [field, name] of Object.entries(TERMS_COLUMNS)) {
      b.matchFieldsWithName(field).overrideDisplayName(name);
    }
    b.matchFieldsWithName(COUNT_COLUMN).overrideDecimals(0);
  });
}

// The usage panels take their data from the row that holds them (one runner, one request for both).
function panels(quarters: ReviewQuarters) {
  return {
    // One bar per row of the terms table (values: true); reduced, the whole Count column became one
    // number, the last row's: the least used procedure's count.
    mostUsed: PanelBuilders.bargauge()
      .setTitle('Most used procedures')
      .setDescription('Invocations per procedure in the time range, most used first.')
      .setUnit('short')
      .setOption('displayMode', BarGaugeDisplayMode.Basic)
      .setOption('orientation', VizOrientation.Horizontal)
      .setOption('reduceOptions', { values: true, calcs: [], fields: '' })
      // Use is neither good nor bad: one colour, not the default thresholds' red for the busiest.
      .setColor({ mode: FieldColorModeId.Fixed, fixedColor: 'blue' })
      .build(),
    leastUsed: readableTermsTable(PanelBuilders.table())
      .setTitle('Least used procedures')
      .setDescription(
        'Invocations per procedure, fewest first. Procedures that never ran are listed under "Never used".'
      )
      .setOption('sortBy', [{ displayName: COUNT_COLUMN, desc: false }])
      .build(),
    outcomes: PanelBuilders.timeseries()
      .setTitle('Outcomes over time')
      .setDescription('Invocations per interval by status: success, failure and agent_aborted.')
      .setData(selectionRunner((f) => [outcomesOverTime(f)]))
      .setUnit('short')
      .setCustomFieldConfig('drawStyle', GraphDrawStyle.Bars)
      .setCustomFieldConfig('stacking', { mode: StackingMode.Normal })
      .build(),
    duration: PanelBuilders.timeseries()
      .setTitle('Procedure duration percentiles')
      .setDescription('p50, p90 and p99 of invocation duration over time (all statuses).')
      .setData(selectionRunner((f) => [durationPercentilesOverTime(f)]))
      .setUnit('ms')
      .build(),
    speed: PanelBuilders.timeseries()
      .setTitle('Task speed: mean duration of successful runs')
      .setDescription(
        'Daily mean duration of successful invocations; the trend line and verdict above come from an OLS fit.'
      )
      .setData(selectionRunner((f) => [taskSpeedOverTime(f)]))
      .setUnit('ms')
      .build(),
    feedback: readableTermsTable(PanelBuilders.table())
      .setTitle('Feedback per procedure')
      .setDescription('Feedback count and average clarity and usefulness (1 = poor, 5 = excellent).')
      .setData(selectionRunner((f) => [feedbackByProcedure(f)]))
      .setDecimals(2)
      .build(),
    comments: PanelBuilders.table()
      .setTitle('Latest feedback comments')
      .setDescription('The newest comments, shown as plain text, with the scores they came with (1–5).')
      .setData(commentsTransformer(selectionRunner((f) => [latestComments(f)])))
      .build(),
    review: readableTermsTable(PanelBuilders.table())
      .setTitle('Quarterly review')
      .setDescription('Feedback per review quarter, newest first: count and average clarity and usefulness (1–5).')
      .setData(selectionRunner((f) => [reviewByQuarter(f)]))
      .setDecimals(2)
      .build(),
    // By quarter, on the review's own time range (like the review queue below), not the page's range:
    // side by side, a 30-day count beside the quarter's queue read as two answers to one question.
    reviewStatus: readableTermsTable(PanelBuilders.table())
      .setTitle('Review status by quarter')
      .setDescription(
        `Feedback items of ${quarters.previous} and ${quarters.current} by review status: new, triaged, accepted, rejected or applied. ` +
          "Counted over whole quarters, whatever the page's time range, as the review queue below is."
      )
      .setData(
        selectionRunner((f) => [reviewStatus(f, [quarters.current, quarters.previous])], sinceLastQuarter(quarters))
      )
      .build(),
  };
}

export function buildSatellitesScene(settings: AppSettings): EmbeddedScene {
  const quarters = reviewQuarters(new Date());
  const p = panels(quarters);
  const insights = new SatelliteInsights({
    $data: selectionRunner((f) => [
      usageByProcedure(f),
      statusByProcedure(f, 'failure'),
      statusByProcedure(f, 'agent_aborted'),
      catalogProcedures(f),
      feedbackByProcedure(f),
      taskSpeedOverTime(f),
    ]),
  });
  const notice = new ElasticsearchMissing();
  const content = [
    new SceneFlexItem({ minHeight: 320, body: insights }),
    row(300, [p.mostUsed, p.leastUsed], { $data: selectionRunner((f) => [usageByProcedure(f)]) }),
    row(300, [p.outcomes, p.duration, p.speed]),
    row(320, [p.feedback, p.comments]),
    row(280, [p.review, p.reviewStatus]),
    new SceneFlexItem({ minHeight: 300, body: new SatelliteReview({ quarters }) }),
    new SceneFlexItem({ minHeight: 460, body: new SatelliteTaskSpeed({}) }),
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
      new ProcedureScope({}),
      showOnlyWhenElasticsearchMissing(notice, content, [VAR_SATELLITE, VAR_PROCEDURE]),
    ],
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [notice, ...content],
    }),
  });
}
