// The Deployment Pipeline's run-based view: the DORA cards, the duration of every run over time and
// the latest runs with links to CI, all from one set of per-run queries (exact: one series per run).
import { css } from '@emotion/css';
import {
  FieldType,
  type DataFrame,
  type GrafanaTheme2,
  LoadingState,
  type PanelData,
  toDataFrame,
} from '@grafana/data';
import {
  PanelBuilders,
  SceneDataNode,
  type SceneComponentProps,
  type SceneObjectState,
  sceneGraph,
  type VizPanel,
} from '@grafana/scenes';
import { GraphDrawStyle } from '@grafana/schema';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { type DeployRunRecord, type DoraSummary, type IncidentStart, alertOnsets, doraSummary } from '../../analytics';
import { QueryViewScene, queryPhase } from '../../components/QueryViewScene';
import { EmptyView } from '../../components/states/EmptyView';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';
import type { DeploymentQueries } from '../../queries/deployments';
import { perRunValues, runsFromFrames } from '../shared/deployRuns';
import { promRunner } from '../shared/panels';
import { instantQuery, rangeQuery } from '../shared/sceneParts';

import { DoraCards } from './DoraCards';
import { LatestRuns } from './LatestRuns';

const PRODUCTION = /^prod(uction)?$/i;

type View =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'empty' }
  | { kind: 'ready'; summary: DoraSummary; runs: DeployRunRecord[]; scopeText: string };

interface DeploymentRunsState extends SceneObjectState {
  view: View;
  durations: VizPanel;
}

function byRef(frames: readonly DataFrame[], refId: string): DataFrame[] {
  return frames.filter((f) => f.refId === refId);
}

/**
 * Onsets of P1/P2 alerts from the incidents range query (value 1 while firing). An alert already
 * firing at the first step of the range began before it: no onset, so it does not blame the range's
 * first hour of deploys (a long-running alert would otherwise flag them all).
 */
export function incidentsFromFrames(frames: readonly DataFrame[], rangeFromSeconds = -Infinity): IncidentStart[] {
  return frames.flatMap((frame) => {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const value = frame.fields.find((f) => f.type === FieldType.number);
    const service = value?.labels?.service;
    if (!time || !value || !service) {
      return [];
    }
    const ts: number[] = [];
    for (let i = 0; i < value.values.length; i++) {
      if (Number(value.values[i]) > 0) {
        ts.push(Number(time.values[i]) / 1000);
      }
    }
    const step = ts.length > 1 ? Math.max(60, Number(time.values[1]) / 1000 - Number(time.values[0]) / 1000) : 60;
    return alertOnsets(service, ts, 2 * step).filter((o) => o.at >= rangeFromSeconds + step);
  });
}

/** One points series per service and environment: each run at its finish time, its duration as the value. */
export function durationFrames(runs: readonly DeployRunRecord[]): DataFrame[] {
  const groups = new Map<string, DeployRunRecord[]>();
  for (const r of runs) {
    if (r.durationSeconds !== undefined) {
      const name = `${r.service} (${r.environment})`;
      groups.set(name, [...(groups.get(name) ?? []), r]);
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, rs]) => {
      const sorted = [...rs].sort((a, b) => a.finishedAt - b.finishedAt);
      return toDataFrame({
        name,
        fields: [
          { name: 'Time', type: FieldType.time, values: sorted.map((r) => r.finishedAt * 1000) },
          {
            name,
            type: FieldType.number,
            values: sorted.map((r) => r.durationSeconds!),
            config: { displayName: name },
          },
        ],
      });
    });
}

export class DeploymentRuns extends QueryViewScene<DeploymentRunsState> {
  static Component = DeploymentRunsRenderer;

  constructor(queries: DeploymentQueries) {
    super({
      $data: promRunner(
        instantQuery('runs', queries.runs),
        instantQuery('durations', queries.runDurations),
        instantQuery('leads', queries.runLeadTimes),
        rangeQuery('incidents', queries.incidents)
      ),
      view: { kind: 'loading' },
      durations: PanelBuilders.timeseries()
        .setTitle('Deployment duration')
        .setDescription('Every run at its finish time; the height is how long it took.')
        .setData(
          new SceneDataNode({ data: { state: LoadingState.Loading, series: [], timeRange: undefined as never } })
        )
        .setUnit('s')
        .setMin(0)
        .setCustomFieldConfig('drawStyle', GraphDrawStyle.Points)
        .setCustomFieldConfig('pointSize', 7)
        .setCustomFieldConfig('axisLabel', 'duration')
        .setNoValue('No finished runs in the range')
        .build(),
    });
  }

  onData(data: PanelData | undefined): void {
    const phase = queryPhase(data, 'The Prometheus data source did not answer.');
    if (phase.kind === 'loading') {
      this.setState({ view: { kind: 'loading' } });
      return;
    }
    if (phase.kind === 'error') {
      this.setState({ view: { kind: 'error', message: phase.message } });
      return;
    }
    const series = phase.data.series;
    const runs = runsFromFrames(
      byRef(series, 'runs'),
      perRunValues(byRef(series, 'durations')),
      perRunValues(byRef(series, 'leads'))
    );
    const range = sceneGraph.getTimeRange(this).state.value;
    (this.state.durations.state.$data as SceneDataNode).setState({
      data: { state: LoadingState.Done, series: durationFrames(runs), timeRange: range },
    });
    if (runs.length === 0) {
      this.setState({ view: { kind: 'empty' } });
      return;
    }
    const production = runs.filter((r) => PRODUCTION.test(r.environment));
    const scoped = production.length ? production : runs;
    const summary = doraSummary({
      runs: scoped,
      incidents: incidentsFromFrames(byRef(series, 'incidents'), range.from.unix()),
      from: range.from.unix(),
      to: range.to.unix(),
    });
    const scopeText = production.length
      ? `production (${production.length} of ${runs.length} runs in the range; staging is left out)`
      : `the ${runs.length} runs in the range (no production environment selected)`;
    this.setState({ view: { kind: 'ready', summary, runs, scopeText } });
  }
}

function DeploymentRunsRenderer({ model }: SceneComponentProps<DeploymentRuns>) {
  const { view, durations } = model.useState();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.container} data-testid={testIds.deployments.runs}>
      {view.kind === 'loading' && <LoadingView text="Loading deployment runs…" />}
      {view.kind === 'error' && (
        <ErrorView
          title="Deployment runs could not be loaded"
          message={view.message}
          testId={testIds.deployments.error}
        />
      )}
      {view.kind === 'empty' && (
        <EmptyView title="No deployment finished in this time range" testId={testIds.deployments.noRuns}>
          Widen the time range, or report runs from CI with <code>codesentinel-telemetry deploy record</code> (README,
          &quot;Deployments from CI&quot;).
        </EmptyView>
      )}
      {view.kind === 'ready' && <DoraCards summary={view.summary} scopeText={view.scopeText} />}
      <div className={styles.chart}>
        <durations.Component model={durations} />
      </div>
      {view.kind === 'ready' && <LatestRuns runs={view.runs} />}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), width: '100%' }),
  chart: css({ height: 300 }),
});
