import { css } from '@emotion/css';
import { type GrafanaTheme2, LoadingState, type PanelData, dateTimeFormat } from '@grafana/data';
import {
  type SceneComponentProps,
  SceneObjectBase,
  type SceneObjectState,
  SceneQueryRunner,
  sceneGraph,
} from '@grafana/scenes';
import { Alert, Badge, LoadingPlaceholder, Stack, Text, TextLink, useStyles2 } from '@grafana/ui';
import React from 'react';

import { type AnalysisResult, analyseBatch } from '../../analytics';
import { testIds } from '../../components/testIds';
import { PROMETHEUS_DS_REF, VAR_DS_EXPR } from '../../constants';
import type { OverviewQueries } from '../../queries/overview';
import { rangeQuery } from '../shared/sceneParts';

import {
  type InvestigateRow,
  type SignalSeries,
  SIGNALS,
  anomalyTitle,
  anomalyRequests,
  investigateRows,
  signalSeriesFromFrames,
} from './anomalyList';

/** About one point per 20 minutes over the default week: enough to see a 15-minute burst. */
const MAX_DATA_POINTS = 500;
/** Rows shown; the rest are counted. */
const MAX_ROWS = 12;

type Status =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'computing'; done: number; total: number }
  | { kind: 'done' };

export interface AnomaliesToInvestigateState extends SceneObjectState {
  status: Status;
  rows: InvestigateRow[];
  series: number;
}

/**
 * Every service's request rate, error ratio and p95 latency over the range, checked for anomalies in
 * the analytics worker pool (calibrated per series, so severities compare across series).
 */
export class AnomaliesToInvestigate extends SceneObjectBase<AnomaliesToInvestigateState> {
  static Component = AnomaliesRenderer;
  private _abort?: AbortController;
  private readonly _serviceLabel: string;

  constructor(state: { queries: OverviewQueries }) {
    const { queries } = state;
    super({
      status: { kind: 'loading' },
      rows: [],
      series: 0,
      $data: new SceneQueryRunner({
        datasource: PROMETHEUS_DS_REF,
        queries: [
          rangeQuery(SIGNALS[0].refId, queries.perService.requestRate),
          rangeQuery(SIGNALS[1].refId, queries.perService.errorRatio),
          rangeQuery(SIGNALS[2].refId, queries.perService.p95),
        ],
        maxDataPoints: MAX_DATA_POINTS,
      }),
    });
    this._serviceLabel = queries.serviceLabel;
    this.addActivationHandler(() => {
      const runner = this.state.$data as SceneQueryRunner;
      this._subs.add(
        runner.subscribeToState((s, prev) => {
          if (s.data !== prev.data) {
            void this.check(s.data);
          }
        })
      );
      if (runner.state.data) {
        void this.check(runner.state.data);
      }
      return () => this._abort?.abort();
    });
  }

  check(data: PanelData | undefined): Promise<void> | void {
    if (!data || data.state === LoadingState.Loading || data.state === LoadingState.NotStarted) {
      this.setState({ status: { kind: 'loading' } });
      return;
    }
    this._abort?.abort();
    const series: SignalSeries[] = signalSeriesFromFrames(data.series, this._serviceLabel);
    if (data.state === LoadingState.Error && series.length === 0) {
      this.setState({
        status: { kind: 'error', message: data.errors?.[0]?.message ?? 'The Prometheus query failed.' },
        rows: [],
      });
      return;
    }
    if (series.length === 0) {
      // Nothing answered: there is nothing to call usual or unusual.
      this.setState({ status: { kind: 'done' }, rows: [], series: 0 });
      return;
    }
    const abort = new AbortController();
    this._abort = abort;
    const requests = anomalyRequests(series);
    const results = new Map<string, AnalysisResult>();
    const uid = sceneGraph.interpolate(this, VAR_DS_EXPR);
    this.setState({ status: { kind: 'computing', done: 0, total: requests.length }, rows: [], series: series.length });
    return analyseBatch(requests, {
      signal: abort.signal,
      onResult: (result) => {
        results.set(result.id, result);
        this.setState({
          rows: investigateRows(series, results, uid),
          status:
            results.size >= requests.length
              ? { kind: 'done' }
              : { kind: 'computing', done: results.size, total: requests.length },
        });
      },
    }).then(() => {
      if (!abort.signal.aborted) {
        this.setState({ status: { kind: 'done' } });
      }
    });
  }
}

/** What the list says when no series answered for the range. */
export const NOTHING_CHECKED =
  'No request-rate, error-ratio or p95-latency series answered for this range, so nothing was checked. Pick a ' +
  'range with traffic, or check the Prometheus data source on the configuration page.';

function AnomaliesRenderer({ model }: SceneComponentProps<AnomaliesToInvestigate>) {
  const { status, rows, series } = model.useState();
  const styles = useStyles2(getStyles);
  const timeZone = sceneGraph.getTimeRange(model).getTimeZone();
  const when = (ms: number) => dateTimeFormat(ms, { timeZone, format: 'ddd MMM D HH:mm' });
  return (
    <div
      className={styles.container}
      data-testid={testIds.overview.anomalies}
      data-running={status.kind === 'loading' || status.kind === 'computing' ? 'true' : 'false'}
    >
      <Text element="h4">Anomalies to investigate</Text>
      {status.kind === 'loading' && <LoadingPlaceholder text="Loading request rate, errors and latency…" />}
      {status.kind === 'error' && (
        <Alert severity="error" title="Could not check for anomalies">
          {status.message} Check the Prometheus data source on the configuration page.
        </Alert>
      )}
      {status.kind === 'computing' && rows.length === 0 && (
        <LoadingPlaceholder text={`Checking ${status.done} of ${status.total} series…`} />
      )}
      {status.kind === 'done' && series === 0 && <Text color="secondary">{NOTHING_CHECKED}</Text>}
      {status.kind === 'done' && series > 0 && rows.length === 0 && (
        <Text color="secondary">
          Nothing unusual: none of the {series} request-rate, error-ratio and p95-latency series did anything rarer than
          it usually does in this range.
        </Text>
      )}
      {rows.length > 0 && (
        <Stack direction="column" gap={1}>
          {rows.slice(0, MAX_ROWS).map((row) => (
            <div key={row.key} className={styles.row}>
              <Stack direction="row" gap={1} alignItems="center" wrap="wrap">
                <TextLink href={row.href} inline={false}>
                  {anomalyTitle(row.service, row.signal)}
                </TextLink>
                <Text color="secondary">{`${when(row.startMs)} – ${when(row.endMs)}`}</Text>
                <Badge
                  color={row.direction === 'above' ? 'red' : 'orange'}
                  text={row.direction === 'above' ? 'higher' : 'lower'}
                />
                {row.live && <Badge color="blue" text="live" />}
              </Stack>
              <Text color="secondary" variant="bodySmall">
                {row.reason}
              </Text>
            </div>
          ))}
          {rows.length > MAX_ROWS && (
            <Text color="secondary">{`${rows.length - MAX_ROWS} less severe not shown.`}</Text>
          )}
        </Stack>
      )}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({
      display: 'flex',
      flexDirection: 'column',
      gap: theme.spacing(1),
      width: '100%',
      padding: theme.spacing(1, 0),
    }),
    row: css({ borderLeft: `3px solid ${theme.colors.border.medium}`, paddingLeft: theme.spacing(1) }),
  };
}
