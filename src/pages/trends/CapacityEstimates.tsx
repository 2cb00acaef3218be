import { css } from '@emotion/css';
import { type GrafanaTheme2, type PanelData } from '@grafana/data';
import {
  type SceneComponentProps,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  SceneQueryRunner,
  type SceneObjectUrlValues,
  VariableDependencyConfig,
  type VizPanel,
  sceneGraph,
} from '@grafana/scenes';
import { useStyles2 } from '@grafana/ui';
import React from 'react';

import { analyseBatch, type AnalysisResult } from '../../analytics';
import { QueryViewScene, queryPhase } from '../../components/QueryViewScene';
import { PROMETHEUS_DS_REF } from '../../constants';
import { forecastPanel } from '../../panels/forecast/scene';
import type { ForecastPanelOptions } from '../../panels/forecast/types';
import { capacityTargetQuery } from '../../queries/trends';
import { rangeQuery } from '../shared/sceneParts';

import { capacityChartTitle } from './capacityLabels';
import {
  type CapacityQueries,
  type CapacityRow,
  type CapacitySeries,
  type CapacityStatus,
  capacityQueries,
  capacityRequests,
  capacityRows,
  capacitySeriesFromFrames,
} from './capacityRows';
import { CapacityView } from './CapacityView';
import { FORECAST_CONFIDENCE } from './forecastPanels';
import { CAPACITY_TRAINING_WINDOW_MS, capacityHorizonMs, toGrafanaDuration } from './horizon';
import { VAR_THRESHOLD, readThreshold } from './trendsVariables';

/** About one point per 20 minutes over the default week. */
export const CAPACITY_MAX_DATA_POINTS = 500;
/** URL key of the row charted below the table. */
export const SELECTED_URL_KEY = 'capacity';

export interface CapacityEstimatesState extends SceneObjectState {
  status: CapacityStatus;
  rows: CapacityRow[];
  /** Threshold as a share (0.9). */
  threshold: number;
  horizonMs: number;
  /** End of the data the estimates start from (epoch ms); the table counts "in 3 d" from it. */
  asOfMs: number;
  /** Key of the charted row (URL-synced); the soonest volume when unset. */
  selected?: string;
  chart?: VizPanel<ForecastPanelOptions>;
  /** Set when one of the two queries failed but the other returned series. */
  partialError?: string;
}

/**
 * Time to exhaustion for every volume and container: subscribes to its runner's frames, estimates
 * each series in the analytics worker pool (streaming rows in as they finish) and charts the
 * selected row with the threshold line.
 */
export class CapacityEstimates extends QueryViewScene<CapacityEstimatesState> {
  static Component = CapacityEstimatesRenderer;

  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: [SELECTED_URL_KEY] });

  protected _variableDependency = new VariableDependencyConfig(this, {
    variableNames: [VAR_THRESHOLD],
    onReferencedVariableValueChanged: () => void this.applyThreshold(),
  });

  private _series: CapacitySeries[] = [];
  private _results = new Map<string, AnalysisResult>();
  private _chartedKey?: string;

  constructor(state: Partial<CapacityEstimatesState> & { queries: CapacityQueries }) {
    const { queries, ...rest } = state;
    super({
      status: { kind: 'loading' },
      rows: [],
      threshold: 0.9,
      horizonMs: capacityHorizonMs(7 * 86_400_000),
      asOfMs: 0,
      $data: new SceneQueryRunner({
        datasource: PROMETHEUS_DS_REF,
        queries: capacityQueries(queries).map(({ refId, expr }) => rangeQuery(refId, expr)),
        maxDataPoints: CAPACITY_MAX_DATA_POINTS,
      }),
      ...rest,
    });
  }

  protected onActivateView(): void {
    this.setState({ threshold: readThreshold(this) });
  }

  onData(data: PanelData | undefined): Promise<void> | void {
    return this.estimate(data);
  }

  getUrlState(): SceneObjectUrlValues {
    return { [SELECTED_URL_KEY]: this.state.selected };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const value = values[SELECTED_URL_KEY];
    const selected = typeof value === 'string' && value ? value : undefined;
    if (selected !== this.state.selected) {
      this.select(selected);
    }
  }

  /** Frames → rows: loading, error and no-data states, else every series through the pool. */
  estimate(input: PanelData | undefined): Promise<void> | void {
    const phase = queryPhase(input, 'The Prometheus data source returned an error.');
    // Whatever comes next, estimates of the previous result are stale: abort them so their rows
    // cannot land on top of this state.
    this.abortWork();
    if (phase.kind === 'loading') {
      this.setState({ status: { kind: 'loading' } });
      return;
    }
    const data = phase.data;
    const series = capacitySeriesFromFrames(data.series);
    const failed = phase.kind === 'error';
    const message = phase.kind === 'error' ? phase.message : '';
    // One query failing (say, no cAdvisor) should not hide the volumes the other one returned.
    this.setState({ partialError: failed && series.length > 0 ? message : undefined });
    if (failed && series.length === 0) {
      this.setState({ status: { kind: 'error', message }, rows: [] });
      return;
    }
    this._series = series;
    this._results = new Map();
    if (this._series.length === 0) {
      this.setState({ status: { kind: 'no-data' }, rows: [] });
      return;
    }
    const range = data.timeRange ?? sceneGraph.getTimeRange(this).state.value;
    const horizonMs = capacityHorizonMs(range.to.valueOf() - range.from.valueOf());
    this.setState({ asOfMs: range.to.valueOf() });
    return this.runEstimates(horizonMs);
  }

  private runEstimates(horizonMs: number): Promise<void> {
    const signal = this.startWork();
    const threshold = this.state.threshold;
    const requests = capacityRequests(this._series, {
      threshold,
      horizonMs,
      trainingWindowMs: CAPACITY_TRAINING_WINDOW_MS,
      confidence: FORECAST_CONFIDENCE,
    });
    this._results = new Map();
    this.setState({
      horizonMs,
      status: { kind: 'computing', done: 0, total: requests.length },
      rows: capacityRows(this._series, this._results, threshold),
    });
    return analyseBatch(requests, {
      signal,
      onResult: (result) => {
        this._results.set(result.id, result);
        const rows = capacityRows(this._series, this._results, threshold);
        const done = this._results.size;
        const status: CapacityStatus =
          done >= requests.length ? { kind: 'done' } : { kind: 'computing', done, total: requests.length };
        this.setState({ rows, status });
      },
    }).then(() => {
      if (!signal.aborted) {
        this.setState({ status: { kind: 'done' } });
        this.ensureSelection();
      }
    });
  }

  /** Re-reads the threshold variable; estimates again (from the cached fits) when it changed. */
  applyThreshold(): Promise<void> | void {
    const threshold = readThreshold(this);
    if (threshold === this.state.threshold) {
      return;
    }
    this.setState({ threshold });
    this.updateChartThreshold();
    // Only the crossing depends on the threshold. The pool sends each series back to the worker
    // that fitted it, which remembers the model choice, so period detection and the holdout are skipped.
    if (this._series.length > 0 && this.state.status.kind !== 'error') {
      return this.runEstimates(this.state.horizonMs);
    }
  }

  /** Picks the soonest volume (else the soonest row) when nothing valid is selected. */
  private ensureSelection(): void {
    const { rows, selected } = this.state;
    if (selected && rows.some((r) => r.key === selected)) {
      if (this._chartedKey !== selected) {
        this.select(selected);
      }
      return;
    }
    const first = rows.find((r) => r.target.kind === 'volume') ?? rows[0];
    if (first) {
      this.select(first.key);
    }
  }

  /** Charts the row `key`: a forecast panel on that series with the threshold line. */
  select(key: string | undefined): void {
    const row = this.state.rows.find((r) => r.key === key);
    if (!row) {
      this.setState({ selected: key });
      return;
    }
    const query = rangeQuery('A', capacityTargetQuery(row.target), row.resource);
    const horizon = toGrafanaDuration(this.state.horizonMs);
    const title = capacityChartTitle(row.target.kind, row.resource);
    this._chartedKey = row.key;
    const existing = this.state.chart;
    if (existing) {
      const chartRunner = existing.state.$data as SceneQueryRunner;
      chartRunner.setState({ queries: [query] });
      existing.setState({
        title,
        options: { ...existing.state.options, forecast: { ...existing.state.options.forecast, horizon } },
      });
      if (chartRunner.isActive) {
        chartRunner.runQueries();
      }
      this.setState({ selected: key });
      this.updateChartThreshold();
      return;
    }
    const runner = new SceneQueryRunner({
      datasource: PROMETHEUS_DS_REF,
      queries: [query],
      maxDataPoints: CAPACITY_MAX_DATA_POINTS,
    });
    const chart = forecastPanel(runner, {
      title,
      description:
        'Used share of the selected row with its forecast and 95 % prediction band. The dashed line is the ' +
        'threshold: where the top of the band meets it is the earliest exhaustion, the forecast line the ' +
        'likely one, the bottom of the band the latest.',
      options: {
        model: { kind: 'auto', periods: '' },
        forecast: {
          horizon,
          confidence: FORECAST_CONFIDENCE,
          trainingWindow: toGrafanaDuration(CAPACITY_TRAINING_WINDOW_MS),
        },
        capacity: { threshold: this.state.threshold, sinceLastReset: true },
      },
      fieldConfig: { defaults: { unit: 'percentunit', min: 0 }, overrides: [] },
    });
    this.setState({ selected: key, chart });
  }

  private updateChartThreshold(): void {
    const chart = this.state.chart;
    if (chart && chart.state.options.capacity?.threshold !== this.state.threshold) {
      chart.setState({
        options: {
          ...chart.state.options,
          capacity: { ...chart.state.options.capacity, threshold: this.state.threshold },
        },
      });
    }
  }
}

function CapacityEstimatesRenderer({ model }: SceneComponentProps<CapacityEstimates>) {
  const { status, rows, threshold, horizonMs, asOfMs, selected, chart, partialError } = model.useState();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.container}>
      <CapacityView
        status={status}
        rows={rows}
        threshold={threshold}
        horizonMs={horizonMs}
        asOfMs={asOfMs}
        partialError={partialError}
        confidence={FORECAST_CONFIDENCE}
        timeZone={sceneGraph.getTimeRange(model).getTimeZone()}
        selected={selected}
        onSelect={(key) => model.select(key)}
      />
      {chart && status.kind !== 'error' && status.kind !== 'no-data' && (
        <div className={styles.chart}>
          <chart.Component model={chart} />
        </div>
      )}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), width: '100%' }),
    chart: css({ height: 360 }),
  };
}
