import { type DataFrame, type PanelData } from '@grafana/data';
import { type SceneComponentProps, type SceneObjectState } from '@grafana/scenes';
import { Tooltip, useStyles2 } from '@grafana/ui';
import React from 'react';

import { DEFAULT_WILSON_CONFIDENCE, formatPercent, type TaskSpeedTrend } from '../../analytics';
import { QueryViewScene, pendingView, queryPhase } from '../../components/QueryViewScene';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';

import { formatInterval } from './rateText';
import {
  combineOutcomes,
  needsReview,
  neverUsed,
  rankFailureRates,
  readFeedback,
  readProcedureIds,
  readTaskSpeed,
  type ProcedureRate,
  type ReviewItem,
} from './satelliteData';
import { getSatelliteStyles } from './satelliteStyles';

export type InsightsView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'done'; rates: ProcedureRate[]; unused: string[]; review: ReviewItem[]; trend: TaskSpeedTrend | string };

export interface SatelliteInsightsState extends SceneObjectState {
  view: InsightsView;
}

/**
 * The page's derived views, computed in the browser from one query runner (refIds usage, failures,
 * aborts, catalog, feedback, speed): Wilson-ranked failure and abort rates, never-used procedures, the
 * "needs review" list and the task-speed verdict. All text is rendered as React text, never HTML.
 */
export class SatelliteInsights extends QueryViewScene<SatelliteInsightsState> {
  static Component = SatelliteInsightsRenderer;

  constructor(state: Partial<SatelliteInsightsState>) {
    super({ view: { kind: 'loading' }, ...state });
  }

  onData(data: PanelData | undefined): void {
    this.setState({ view: insightsView(data) });
  }
}

/** The runner's six tables → the page's derived views. */
export function insightsView(data: PanelData | undefined): InsightsView {
  const phase = queryPhase(data, 'Unknown error');
  if (phase.kind !== 'ready') {
    return pendingView(phase);
  }
  const series = phase.data.series;
  const rates = rankFailureRates(
    combineOutcomes(frameFor(series, 'usage'), frameFor(series, 'failures'), frameFor(series, 'aborts'))
  );
  const unused = neverUsed(readProcedureIds(frameFor(series, 'catalog')), readProcedureIds(frameFor(series, 'usage')));
  const review = needsReview(rates, readFeedback(frameFor(series, 'feedback')), unused);
  return { kind: 'done', rates, unused, review, trend: readTaskSpeed(frameFor(series, 'speed')) };
}

function frameFor(series: DataFrame[] | undefined, refId: string): DataFrame | undefined {
  return series?.find((f) => f.refId === refId);
}

function describeTrend(trend: TaskSpeedTrend | string): string {
  if (typeof trend === 'string') {
    return `Task speed trend: ${trend}.`;
  }
  const perWeek = formatPercent(Math.abs(trend.relativeChangePerWeek));
  const ms = (v: number) => `${Math.round(v)} ms`;
  const ci = `${ms(trend.slopeLowerMsPerDay)} to ${ms(trend.slopeUpperMsPerDay)} per day, ${formatPercent(trend.confidence)} interval`;
  if (trend.verdict === 'no clear trend') {
    return `Task speed: no clear trend over ${trend.points} intervals (${ci}).`;
  }
  return `Successful runs are getting ${trend.verdict}: about ${perWeek} per week (${ci}).`;
}

function RateCell({ label, rate }: { label: string; rate: ProcedureRate['failure'] }) {
  return (
    <Tooltip
      content={`${label}: ${rate.successes} of ${rate.trials} runs; ${formatPercent(rate.confidence)} Wilson interval ${formatPercent(rate.lower)}–${formatPercent(rate.upper)}`}
    >
      <span>
        {formatPercent(rate.estimate)} <small>{formatInterval(rate.lower, rate.upper)}</small>
      </span>
    </Tooltip>
  );
}

function SatelliteInsightsRenderer({ model }: SceneComponentProps<SatelliteInsights>) {
  const styles = useStyles2(getSatelliteStyles);
  const { view } = model.useState();
  if (view.kind === 'loading') {
    return <LoadingView text="Loading satellite telemetry…" />;
  }
  if (view.kind === 'error') {
    return (
      <ErrorView title="Elasticsearch query failed" message={`${view.message}.`} testId={testIds.satellites.error}>
        Check the Elasticsearch data source (index pattern codesentinel-satellites-*, time field @timestamp).
      </ErrorView>
    );
  }
  const { rates, unused, review, trend } = view;

  return (
    <div className={styles.grid} data-testid={testIds.satellites.insights}>
      <section className={styles.wide}>
        <p data-testid={testIds.satellites.trend}>{describeTrend(trend)}</p>
      </section>
      <section>
        <h4>Failure and abort rate, ranked by Wilson lower bound ({formatPercent(DEFAULT_WILSON_CONFIDENCE)})</h4>
        {rates.length === 0 ? (
          <p className={styles.empty}>
            No invocations in this range. Record some with `codesentinel-telemetry record` or widen the time range.
          </p>
        ) : (
          <table className={styles.table} data-testid={testIds.satellites.rates}>
            <thead>
              <tr>
                <th>Procedure</th>
                <th>Runs</th>
                <th>Failure rate [interval]</th>
                <th>Abort rate [interval]</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={r.procedure}>
                  <td>{r.procedure}</td>
                  <td>{r.runs}</td>
                  <td>
                    <RateCell label="Failures" rate={r.failure} />
                  </td>
                  <td>
                    <RateCell label="Agent aborts" rate={r.abort} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section>
        <h4>Needs review</h4>
        {review.length === 0 ? (
          <p className={styles.empty}>Nothing to review: no procedure fails often, reads unclear or goes unused.</p>
        ) : (
          <ul data-testid={testIds.satellites.review}>
            {review.map((item) => (
              <li key={item.procedure}>
                <strong>{item.procedure}</strong>: {item.reasons.join('; ')}
              </li>
            ))}
          </ul>
        )}
        <h4>Never used ({unused.length})</h4>
        {unused.length === 0 ? (
          <p className={styles.empty}>
            Every catalogued procedure ran in this range (or the catalog is empty: run `codesentinel-telemetry catalog
            .`).
          </p>
        ) : (
          <ul data-testid={testIds.satellites.neverUsed}>
            {unused.map((id) => (
              <li key={id}>{id}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
