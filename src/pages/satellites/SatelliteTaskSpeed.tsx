import { type DataFrame, FieldType, type PanelData, toDataFrame } from '@grafana/data';
import {
  PanelBuilders,
  type SceneComponentProps,
  SceneDataNode,
  type SceneObjectState,
  type VizPanel,
} from '@grafana/scenes';
import { VisibilityMode } from '@grafana/schema';
import { Tooltip, useStyles2 } from '@grafana/ui';
import React from 'react';

import {
  describeTaskSpeed,
  formatDurationMs,
  formatPercent,
  formatSignedPercent,
  taskSpeedByType,
  type TaskTypeSpeed,
} from '../../analytics';
import { QueryViewScene, pendingView, queryPhase } from '../../components/QueryViewScene';
import { EmptyView } from '../../components/states/EmptyView';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';
import { taskQueries } from '../../queries/elasticsearch/satellites';

import { reviewQuarters, type ReviewQuarters } from './reviewData';
import { selectionRunner, sinceLastQuarter } from './satelliteQueries';
import { getSatelliteStyles } from './satelliteStyles';
import { readTasksOf } from './taskData';

/** The interval the page states the trend with (the review report's too). */
export const TASK_SPEED_CONFIDENCE = 0.95;
/** Weeks a trend needs (the regression's own minimum); fewer and the section says to wait or widen. */
const MIN_WEEKS = 3;

export type TaskSpeedView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'empty' }
  | { kind: 'done'; speeds: TaskTypeSpeed[] };

export interface SatelliteTaskSpeedState extends SceneObjectState {
  quarters: ReviewQuarters;
  view: TaskSpeedView;
  chart: VizPanel;
}

/** Weekly median and p90 per task type as time series: one frame per type and statistic. */
export function speedFrames(speeds: readonly TaskTypeSpeed[]): DataFrame[] {
  return speeds.flatMap((s) =>
    (['median', 'p90'] as const).map((stat) =>
      toDataFrame({
        name: `${s.type} ${stat}`,
        fields: [
          { name: 'Week', type: FieldType.time, values: s.weeks.map((w) => w.weekStartMs) },
          {
            name: `${s.type} ${stat}`,
            type: FieldType.number,
            values: s.weeks.map((w) => (stat === 'median' ? w.medianMs : w.p90Ms)),
            config: { displayName: `${s.type} ${stat}` },
          },
        ],
      })
    )
  );
}

function buildChart(): VizPanel {
  return PanelBuilders.timeseries()
    .setTitle('Task time per week: median (solid) and p90 (dashed) per task type')
    .setDescription(
      'A task is every invocation sharing a task id, from the first start to the last end; it counts in the week it started (weeks start Monday 00:00 UTC).'
    )
    .setData(new SceneDataNode({}))
    .setUnit('ms')
    .setCustomFieldConfig('axisLabel', 'Task time')
    .setCustomFieldConfig('showPoints', VisibilityMode.Always)
    .setOverrides((b) =>
      b.matchFieldsWithNameByRegex(' p90$').overrideCustomFieldConfig('lineStyle', { fill: 'dash', dash: [10, 10] })
    )
    .build();
}

/**
 * Agent task speed by task type: weekly median and p90 of task time and each type's trend per
 * quarter with its interval (the engine's model, the same as the review report's). Its own range
 * starts at last quarter's first day, like the review: a per-quarter trend needs a quarter of weeks.
 */
export class SatelliteTaskSpeed extends QueryViewScene<SatelliteTaskSpeedState> {
  static Component = SatelliteTaskSpeedRenderer;

  constructor(state: Partial<SatelliteTaskSpeedState>) {
    const quarters = state.quarters ?? reviewQuarters(new Date());
    super({
      $timeRange: sinceLastQuarter(quarters),
      $data: selectionRunner((f) => taskQueries(f)),
      view: { kind: 'loading' },
      chart: buildChart(),
      ...state,
      quarters,
    });
  }

  onData(data: PanelData | undefined): void {
    const phase = queryPhase(data, 'Unknown error');
    if (phase.kind !== 'ready') {
      this.setState({ view: pendingView(phase) });
      return;
    }
    const tasks = readTasksOf(phase.data.series);
    if (tasks.length === 0) {
      this.setState({ view: { kind: 'empty' } });
      return;
    }
    const speeds = taskSpeedByType(tasks, TASK_SPEED_CONFIDENCE);
    const node = this.state.chart.state.$data;
    if (node instanceof SceneDataNode) {
      node.setState({ data: { ...phase.data, series: speedFrames(speeds) } });
    }
    this.setState({ view: { kind: 'done', speeds } });
  }
}

export function trendTooltip(s: TaskTypeSpeed): string {
  if (typeof s.trend === 'string' || !s.perQuarter) {
    return `No trend yet: ${typeof s.trend === 'string' ? s.trend : 'the mean task time is 0'}.`;
  }
  const conf = formatPercent(s.trend.confidence);
  return (
    `A straight line fitted to the ${s.trend.points} weekly medians (least squares), its slope stated per quarter ` +
    `relative to the mean weekly median (${formatDurationMs(s.trend.meanDurationMs)}). Negative is faster. ` +
    `The ${conf} interval is the range of slopes the weeks are consistent with (t distribution); ` +
    `"faster" or "slower" only when the whole interval is on one side of zero, otherwise "no clear trend".`
  );
}

function TrendCell({ speed }: { speed: TaskTypeSpeed }) {
  const q = speed.perQuarter;
  const text =
    typeof speed.trend === 'string' || !q
      ? `no trend: fewer than ${MIN_WEEKS} weeks`
      : `${formatSignedPercent(q.estimate)} [${formatSignedPercent(q.lower)} … ${formatSignedPercent(q.upper)}]`;
  return (
    <Tooltip content={trendTooltip(speed)}>
      <span>{text}</span>
    </Tooltip>
  );
}

function SatelliteTaskSpeedRenderer({ model }: SceneComponentProps<SatelliteTaskSpeed>) {
  const styles = useStyles2(getSatelliteStyles);
  const { view, quarters, chart } = model.useState();
  const since = new Date(quarters.fromMs).toISOString().slice(0, 10);
  let body: React.ReactNode;
  if (view.kind === 'loading') {
    body = <LoadingView text="Loading tasks…" />;
  } else if (view.kind === 'error') {
    body = (
      <ErrorView title="Task query failed" message={`${view.message}.`}>
        Check that Elasticsearch answers and holds codesentinel-satellites-* indices; the rest of the page may still
        load.
      </ErrorView>
    );
  } else if (view.kind === 'empty') {
    body = (
      <EmptyView title={`No tasks since ${since}`}>
        Task speed needs invocations that carry a task: record them with `codesentinel-telemetry record --task-id
        &lt;id&gt; --task-type &lt;type&gt;` (every invocation of one task shares its id), or pick another satellite.
      </EmptyView>
    );
  } else {
    const fewWeeks = view.speeds.every((s) => typeof s.trend === 'string');
    body = (
      <>
        {fewWeeks && (
          <EmptyView title="Too few weeks for a trend" severity="warning">
            Every task type has fewer than {MIN_WEEKS} weeks with tasks since {since}: the weekly figures are shown, the
            trend comes once more weeks are recorded.
          </EmptyView>
        )}
        <table className={styles.table}>
          <thead>
            <tr>
              <th>Task type</th>
              <th>Tasks</th>
              <th>Last week median / p90</th>
              <th>Trend per quarter [{formatPercent(TASK_SPEED_CONFIDENCE)} interval]</th>
              <th>Verdict</th>
            </tr>
          </thead>
          <tbody>
            {view.speeds.map((s) => {
              const last = s.weeks[s.weeks.length - 1];
              return (
                <tr key={s.type} title={describeTaskSpeed(s)}>
                  <td>{s.type}</td>
                  <td>{s.tasks}</td>
                  <td>
                    {formatDurationMs(last.medianMs)} / {formatDurationMs(last.p90Ms)}
                  </td>
                  <td>
                    <TrendCell speed={s} />
                  </td>
                  <td>{typeof s.trend === 'string' ? '–' : s.trend.verdict}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className={styles.chart}>
          <chart.Component model={chart} />
        </div>
      </>
    );
  }
  return (
    <section className={styles.padded} data-testid={testIds.satellites.taskSpeed}>
      <h4>Task speed by task type since {since}</h4>
      {body}
    </section>
  );
}
