import { css } from '@emotion/css';
import { type DataFrame, type GrafanaTheme2, LoadingState, type PanelData } from '@grafana/data';
import {
  PanelBuilders,
  type SceneComponentProps,
  SceneDataNode,
  type SceneObjectState,
  SceneQueryRunner,
  type VizPanel,
  MultiValueVariable,
  sceneGraph,
} from '@grafana/scenes';
import { LegendDisplayMode } from '@grafana/schema';
import { Text, useStyles2 } from '@grafana/ui';
import React from 'react';

import { isCannotModel, seasonalityProfile } from '../../analytics';
import { QueryViewScene, queryPhase } from '../../components/QueryViewScene';
import { EmptyView } from '../../components/states/EmptyView';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';
import { PROMETHEUS_DS_REF, VAR_SERVICE } from '../../constants';
import { rangeQuery } from '../shared/sceneParts';

import { type ScalingAdvice, scalingAdvice } from './scalingAdvice';
import { describeOffset, profileFrames, seriesFromFrames, tzOffsetMinutes } from './seasonalityData';
import { ALL_SERVICES_VALUE } from './trendsVariables';

/** At most a 1 h step even over 60 days: the profile needs hourly (or finer) samples. */
export const SEASONALITY_MAX_DATA_POINTS = 1500;

export type SeasonalityStatus =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'no-data' }
  | { kind: 'too-short'; reason: string }
  | { kind: 'done'; hint: string; zone: string; scope: string; advice?: ScalingAdvice };

export interface SeasonalityProfileState extends SceneObjectState {
  status: SeasonalityStatus;
  byHour: VizPanel;
  byDay: VizPanel;
}

export const X_TICK_LABEL_SPACING_PX = 100;

function barChart(title: string, description: string): VizPanel {
  return (
    PanelBuilders.barchart()
      .setTitle(title)
      .setDescription(description)
      .setData(new SceneDataNode())
      .setUnit('reqps')
      .setOption('xTickLabelRotation', 0)
      // 0 (Grafana's default) draws every label, and 24 "HH:00" labels run together ("00:0001:00…");
      // 100 px is Grafana's "Small" spacing: every second or third hour, readable at any width.
      .setOption('xTickLabelSpacing', X_TICK_LABEL_SPACING_PX)
      .setOption('legend', { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] })
      .build()
  );
}

/**
 * Hour-of-day and day-of-week profile of the selected service's request rate, with the engine's
 * plain-language hint. The profile is one pass over the samples, so it runs in the page; the bars are
 * Grafana bar charts fed through data nodes.
 */
export class SeasonalityProfileScene extends QueryViewScene<SeasonalityProfileState> {
  static Component = SeasonalityProfileRenderer;

  constructor(state: Partial<SeasonalityProfileState> & { expr: string }) {
    const { expr, ...rest } = state;
    super({
      status: { kind: 'loading' },
      $data: new SceneQueryRunner({
        datasource: PROMETHEUS_DS_REF,
        queries: [rangeQuery('A', expr)],
        maxDataPoints: SEASONALITY_MAX_DATA_POINTS,
      }),
      byHour: barChart(
        'Requests by hour of day',
        'Average request rate in each hour of the day over the time range; the second bar is the 75th percentile, a typical busy value for that hour.'
      ),
      byDay: barChart(
        'Requests by day of week',
        'Average request rate on each weekday over the time range; a range shorter than a week leaves some days empty.'
      ),
      ...rest,
    });
  }

  /** Runner result → status and bars. */
  onData(input: PanelData | undefined): void {
    const phase = queryPhase(input, 'The Prometheus data source returned an error.');
    if (phase.kind !== 'ready') {
      this.setState({ status: phase.kind === 'error' ? { kind: 'error', message: phase.message } : phase });
      return;
    }
    const data = phase.data;
    const series = seriesFromFrames(data.series);
    if (!series) {
      this.setState({ status: { kind: 'no-data' } });
      return;
    }
    const timeRange = sceneGraph.getTimeRange(this);
    const offset = tzOffsetMinutes(timeRange.getTimeZone(), data.timeRange.to.valueOf());
    const result = seasonalityProfile(series, offset);
    if (isCannotModel(result)) {
      this.setState({
        status: result.code === 'too-short' ? { kind: 'too-short', reason: result.reason } : { kind: 'no-data' },
      });
      return;
    }
    const frames = profileFrames(result);
    this.feed(this.state.byHour, frames.byHour, data);
    this.feed(this.state.byDay, frames.byDay, data);
    this.setState({
      status: {
        kind: 'done',
        hint: result.hint,
        zone: describeOffset(result.tzOffsetMinutes),
        scope: this.scopeText(),
        advice: scalingAdvice(result, spanDays(series.timestamps), ianaZone(timeRange.getTimeZone())),
      },
    });
  }

  /** "checkout", or "all services" when the service variable is All. */
  private scopeText(): string {
    const variable = sceneGraph.lookupVariable(VAR_SERVICE, this);
    if (
      !(variable instanceof MultiValueVariable) ||
      variable.hasAllValue() ||
      variable.getValue() === ALL_SERVICES_VALUE
    ) {
      return 'all services';
    }
    return String(variable.getValueText());
  }

  private feed(panel: VizPanel, frame: DataFrame, source: PanelData): void {
    const node = panel.state.$data;
    if (node instanceof SceneDataNode) {
      node.setState({ data: { state: LoadingState.Done, series: [frame], timeRange: source.timeRange } });
    }
  }
}

function spanDays(timestamps: ArrayLike<number>): number {
  return timestamps.length > 1 ? (timestamps[timestamps.length - 1] - timestamps[0]) / 86_400_000 : 0;
}

/** KEDA's cron trigger wants an IANA zone name; the dashboard may say "utc" or "browser". */
function ianaZone(timeZone: string | undefined): string {
  if (!timeZone || timeZone === 'utc') {
    return 'Etc/UTC';
  }
  return timeZone === 'browser' ? Intl.DateTimeFormat().resolvedOptions().timeZone : timeZone;
}

function Advice({ advice }: { advice: ScalingAdvice }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.advice}>
      <Text element="h4" variant="h5">
        Scheduled scaling
      </Text>
      <Text color="secondary">{advice.summary}</Text>
      {advice.caveats.map((c) => (
        <Text key={c} color="warning">
          {c}
        </Text>
      ))}
      <pre className={styles.snippet}>{advice.snippet}</pre>
    </div>
  );
}

function SeasonalityProfileRenderer({ model }: SceneComponentProps<SeasonalityProfileScene>) {
  const { status, byHour, byDay } = model.useState();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.container} data-testid={testIds.trends.seasonality}>
      <Text element="h3" variant="h4">
        Seasonality
      </Text>
      {status.kind === 'loading' && <LoadingView text="Loading the request rate…" />}
      {status.kind === 'error' && (
        <ErrorView
          title="Could not load the request rate"
          message={status.message}
          testId={testIds.trends.seasonalityError}
        />
      )}
      {status.kind === 'no-data' && (
        <EmptyView title="No request-rate samples" testId={testIds.trends.seasonalityNoData}>
          No request series matched the selected service in this range. Check the data source, the service picker, and
          the metric convention preset in the app configuration (it names the request counter and the service label).
        </EmptyView>
      )}
      {status.kind === 'too-short' && (
        <EmptyView
          severity="warning"
          title="Too little history for a daily profile"
          testId={testIds.trends.seasonalityTooShort}
        >
          {status.reason} Pick a range from a day up to a few weeks (a week shows the weekday pattern too); over months,
          the Last 13 months view below has the weekday and month-of-year profiles.
        </EmptyView>
      )}
      {status.kind === 'done' && (
        <Text data-testid={testIds.trends.seasonalityHint}>
          {status.scope}: {status.hint} (hours in {status.zone}.)
        </Text>
      )}
      {status.kind === 'done' && (
        <div className={styles.charts}>
          <div className={styles.chart}>
            <byHour.Component model={byHour} />
          </div>
          <div className={styles.chart}>
            <byDay.Component model={byDay} />
          </div>
        </div>
      )}
      {status.kind === 'done' && status.advice && <Advice advice={status.advice} />}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), width: '100%' }),
    charts: css({ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: theme.spacing(2) }),
    chart: css({ height: 300 }),
    advice: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
    snippet: css({
      fontFamily: theme.typography.fontFamilyMonospace,
      fontSize: theme.typography.bodySmall.fontSize,
      background: theme.colors.background.secondary,
      padding: theme.spacing(1),
      margin: 0,
      whiteSpace: 'pre',
      overflowX: 'auto',
    }),
  };
}
