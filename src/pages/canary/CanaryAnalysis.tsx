import { css } from '@emotion/css';
import { type GrafanaTheme2, type PanelData } from '@grafana/data';
import {
  type SceneComponentProps,
  type SceneFlexLayout,
  type SceneObjectState,
  SceneQueryRunner,
  VariableDependencyConfig,
} from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { type CanaryJudgement, judgeCanaryOffThread } from '../../analytics';
import { QueryViewScene, queryPhase } from '../../components/QueryViewScene';
import { EmptyView } from '../../components/states/EmptyView';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';
import { PROMETHEUS_DS_REF } from '../../constants';
import { canaryQueries, resolveSplit } from '../../queries/canary';
import type { MetricConvention } from '../../queries/conventions';
import type { CanaryPageConfig } from '../../settings/canary';

import { type TrafficState, classifyTraffic, datasetFromFrames, sampleQueries } from './canaryData';
import { buildCanaryCharts, chartQueries } from './canaryPanels';
import { CanaryResults } from './CanaryResults';
import { CANARY_VARIABLE_NAMES, readSelection, syncFieldVisibility } from './canaryVariables';

/** About one sample per 15 s over an hour; enough for the tests, few enough to stay fast. */
export const SAMPLE_MAX_DATA_POINTS = 240;

export type AnalysisStatus =
  | { kind: 'selection'; reason: string }
  | { kind: 'loading' }
  | { kind: 'judging' }
  | { kind: 'error'; message: string }
  | { kind: 'done' };

export interface CanaryAnalysisState extends SceneObjectState {
  convention: MetricConvention;
  config: CanaryPageConfig;
  status: AnalysisStatus;
  /** e.g. `destination_version = canary vs stable`, for the summary line. */
  splitDescription?: string;
  charts?: SceneFlexLayout;
  traffic?: TrafficState;
  judgement?: CanaryJudgement;
}

/**
 * Owns the page's one sample runner: rebuilds its queries when the selection or time range changes,
 * and judges the returned samples in a worker when they arrive.
 */
export class CanaryAnalysis extends QueryViewScene<CanaryAnalysisState> {
  static Component = CanaryAnalysisRenderer;

  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: CANARY_VARIABLE_NAMES,
    onVariableUpdateCompleted: () => this.rebuild(),
  });

  constructor(state: Pick<CanaryAnalysisState, 'convention' | 'config'> & Partial<CanaryAnalysisState>) {
    super({
      status: { kind: 'loading' },
      $data: new SceneQueryRunner({
        datasource: PROMETHEUS_DS_REF,
        queries: [],
        maxDataPoints: SAMPLE_MAX_DATA_POINTS,
      }),
      ...state,
    });
  }

  protected onActivateView(): void {
    // The runner activates after this and runs the queries itself when it has no data (or stale
    // data); running them here too would send the query set twice. The queries take their window
    // from `$__range`, so a new time range or a refresh needs no rebuild either. Data already there
    // for the same queries is judged by the base class; for changed queries it is dropped.
    const previous = this.runner().state.data;
    if (this.rebuild(false) && previous) {
      this.runner().setState({ data: undefined });
    }
  }

  onData(data: PanelData | undefined): Promise<void> | void {
    return this.judgeData(data);
  }

  private runner(): SceneQueryRunner {
    return this.state.$data as SceneQueryRunner;
  }

  /**
   * Selection → queries. Invalid selections say what to fill in and run nothing. Runs the new
   * queries when `run` and active; returns whether they differ from the runner's.
   */
  rebuild(run = true): boolean {
    syncFieldVisibility(this);
    this.abortWork();
    const resolved = resolveSplit(this.state.convention, readSelection(this, this.state.convention));
    if (!resolved.ok) {
      this.runner().setState({ queries: [] });
      this.setState({
        status: { kind: 'selection', reason: resolved.reason },
        charts: undefined,
        judgement: undefined,
        traffic: undefined,
      });
      return true;
    }
    const q = canaryQueries(this.state.convention, resolved.split);
    const queries = [...sampleQueries(q, this.state.config.metrics), ...chartQueries(q)];
    const changed = JSON.stringify(queries) !== JSON.stringify(this.runner().state.queries);
    this.runner().setState({ queries });
    this.setState({
      status: { kind: 'loading' },
      splitDescription: resolved.split.description,
      charts: this.state.charts ?? buildCanaryCharts(this.state.config.metrics),
      judgement: undefined,
      traffic: undefined,
    });
    if (run && this.isActive) {
      this.runner().runQueries();
    }
    return changed;
  }

  /** Runner result → status; on success, judges the samples off the main thread. */
  judgeData(data: PanelData | undefined): Promise<void> | void {
    if (!data || this.state.status.kind === 'selection') {
      return;
    }
    const phase = queryPhase(data, 'The Prometheus data source returned an error.');
    if (phase.kind === 'loading') {
      this.abortWork();
      this.setState({ status: { kind: 'loading' } });
      return;
    }
    if (phase.kind === 'error') {
      this.abortWork();
      this.setState({ status: { kind: 'error', message: phase.message }, judgement: undefined });
      return;
    }
    const { config, convention } = this.state;
    const dataset = datasetFromFrames(phase.data.series, config.metrics, convention);
    const traffic = classifyTraffic(dataset.totals, config.minCanaryRequests);
    const signal = this.startWork();
    this.setState({ status: { kind: 'judging' }, traffic });
    const totals = {
      canaryRequests: dataset.totals.canary.requests,
      baselineRequests: dataset.totals.baseline.requests,
      minCanaryRequests: config.minCanaryRequests,
    };
    const job = { metrics: config.metrics, data: dataset.data, thresholds: config.thresholds, traffic: totals };
    return judgeCanaryOffThread(job, signal).then((outcome) => {
      if (signal.aborted) {
        return;
      }
      if (outcome.ok) {
        // Codes and values only: CanaryResults words them with the table's units.
        this.setState({ status: { kind: 'done' }, judgement: outcome.judgement });
      } else {
        this.setState({ status: { kind: 'error', message: `The statistics could not run: ${outcome.reason}` } });
      }
    });
  }
}

function CanaryAnalysisRenderer({ model }: SceneComponentProps<CanaryAnalysis>) {
  const { status, charts, judgement, traffic, splitDescription } = model.useState();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.container} data-testid={testIds.canary.container}>
      {status.kind === 'selection' && (
        <EmptyView title="Choose what to compare" testId={testIds.canary.selection}>
          {status.reason}
        </EmptyView>
      )}
      {status.kind === 'error' && (
        <ErrorView title="Could not load the canary data" message={status.message} testId={testIds.canary.error} />
      )}
      {(status.kind === 'loading' || status.kind === 'judging') && (
        <LoadingView
          text={status.kind === 'loading' ? 'Loading canary and baseline samples…' : 'Judging the canary…'}
        />
      )}
      {status.kind === 'done' && judgement && (
        <CanaryResults judgement={judgement} traffic={traffic} splitDescription={splitDescription} />
      )}
      {charts && status.kind !== 'selection' && (
        <div className={styles.charts}>
          <charts.Component model={charts} />
        </div>
      )}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), width: '100%' }),
    charts: css({ minHeight: 480 }),
  };
}
