import { css } from '@emotion/css';
import {
  type DataFrame,
  FieldType,
  type GrafanaTheme2,
  LoadingState,
  type PanelData,
  toDataFrame,
} from '@grafana/data';
import {
  PanelBuilders,
  type SceneComponentProps,
  SceneDataNode,
  type SceneObjectState,
  SceneQueryRunner,
  SceneTimeRange,
  type VizPanel,
} from '@grafana/scenes';
import { LegendDisplayMode } from '@grafana/schema';
import { Text, TextLink, useStyles2 } from '@grafana/ui';
import React from 'react';

import {
  type MonthlyTrend,
  type ProfileIndex,
  type SeriesInput,
  formatPercent,
  isCannotModel,
  monthlyTrend,
} from '../../analytics';
import { QueryViewScene, queryPhase } from '../../components/QueryViewScene';
import { EmptyView } from '../../components/states/EmptyView';
import { ErrorView } from '../../components/states/ErrorView';
import { LoadingView } from '../../components/states/LoadingView';
import { testIds } from '../../components/testIds';
import { forecastPanel } from '../../panels/forecast/scene';
import type { ForecastPanelOptions } from '../../panels/forecast/types';
import { type LongRangeQuery, longTermTrendsQuery } from '../../queries/longRange';
import type { AppSettings } from '../../settings/resolve';
import { legendFor, rangeQuery } from '../shared/sceneParts';

import { describeSource } from './storeChoice';

/** 13 months back from now: a year plus the month to compare it with (year over year). */
export const LONG_TERM_RANGE = { from: 'now-13M', to: 'now' } as const;
const CONFIG_URL = '/plugins/codesentinel-analytics-app';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

export interface GrowthRow {
  name: string;
  trend: MonthlyTrend;
}

export type LongTermStatus =
  | { kind: 'not-configured' }
  | { kind: 'loading' }
  | { kind: 'unavailable'; message: string }
  | { kind: 'no-data' }
  | { kind: 'too-short'; reason: string }
  | { kind: 'done'; rows: GrowthRow[]; months: number };

export interface LongTermTrendsState extends SceneObjectState {
  status: LongTermStatus;
  query?: LongRangeQuery;
  datasourceUid?: string;
  byMonth: VizPanel;
  byDay: VizPanel;
  /** Daily request rate per service with its forecast 90 days ahead (the app's forecast panel). */
  ahead: VizPanel<ForecastPanelOptions>;
}

/** How far the 13-month view forecasts: a quarter, as capacity planning budgets. */
export const LONG_TERM_FORECAST_HORIZON = '90d';

export const LONG_TERM_FORECAST_DESCRIPTION =
  'Daily mean request rate per service from the long-term store, and past the last day the forecast 90 days ahead. ' +
  'The shaded band is the 95 % prediction interval: if the model holds, 19 of 20 future days land inside it. ' +
  'The model (linear trend, or a weekly-seasonal MSTL when it beats the line on the last weeks held out) is named in the tooltip. ' +
  'A year of history holds one late-November peak and one holiday dip, too few to learn a yearly season from, ' +
  "so the forecast carries the trend and the weekly pattern, not next year's season: read the month-of-year chart beside it for that. " +
  'A request rate has no capacity limit, so no time to a threshold is shown; the capacity table above has those for CPU, memory and disk.';

function aheadPanel(): VizPanel<ForecastPanelOptions> {
  return forecastPanel(new SceneDataNode(), {
    title: 'Request rate, 90 days ahead',
    description: LONG_TERM_FORECAST_DESCRIPTION,
    options: {
      model: { kind: 'auto', periods: '' },
      forecast: { horizon: LONG_TERM_FORECAST_HORIZON, confidence: 0.95, trainingWindow: '' },
      // Daily means: a one-day dip is a holiday, not an incident to flag here.
      display: { showBand: true, showFitted: false, showAnomalies: false },
    },
    fieldConfig: { defaults: { unit: 'reqps', min: 0 }, overrides: [] },
  });
}

function indexChart(title: string, description: string): VizPanel {
  return PanelBuilders.barchart()
    .setTitle(title)
    .setDescription(description)
    .setData(new SceneDataNode())
    .setUnit('percentunit')
    .setOption('xTickLabelRotation', 0)
    .setOption('legend', { showLegend: false, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] })
    .build();
}

/** Series per frame (one per service) with the name from the series label. */
export function seriesByName(
  frames: readonly DataFrame[],
  label: string
): Array<{ name: string; series: SeriesInput }> {
  const out: Array<{ name: string; series: SeriesInput }> = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    const value = frame.fields.find((f) => f.type === FieldType.number);
    if (!time || !value || frame.length === 0) {
      continue;
    }
    out.push({
      name: value.labels?.[label] ?? frame.name ?? value.name,
      series: {
        timestamps: Array.from(time.values as ArrayLike<number>, Number),
        values: Array.from(value.values as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : null)),
      },
    });
  }
  return out;
}

/** The sum over services at each timestamp (a service without a value there adds nothing). */
export function totalOf(series: ReadonlyArray<{ series: SeriesInput }>): SeriesInput {
  const sums = new Map<number, number>();
  for (const { series: s } of series) {
    for (let i = 0; i < s.timestamps.length; i++) {
      const v = s.values[i];
      if (typeof v === 'number' && Number.isFinite(v)) {
        const t = Number(s.timestamps[i]);
        sums.set(t, (sums.get(t) ?? 0) + v);
      }
    }
  }
  const timestamps = [...sums.keys()].sort((a, b) => a - b);
  return { timestamps, values: timestamps.map((t) => sums.get(t)!) };
}

function indexFrame(
  refId: string,
  name: string,
  labels: string[],
  buckets: Array<ProfileIndex | undefined>
): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name, type: FieldType.string, values: labels },
      {
        name: 'Share of the average',
        type: FieldType.number,
        values: buckets.map((b) => (b ? b.index : null)),
        config: { unit: 'percentunit' },
      },
    ],
  });
}

/**
 * "Last 13 months" on Trends: growth per service per month with its interval, year over year, and
 * the yearly and weekly profiles, from the long-term store's daily aggregates. Its own time range
 * (13 months) is the point of the view; Prometheus keeps only weeks.
 */
export class LongTermTrendsScene extends QueryViewScene<LongTermTrendsState> {
  static Component = LongTermTrendsRenderer;

  constructor(state: Partial<LongTermTrendsState> & { settings: AppSettings }) {
    const { settings, ...rest } = state;
    const uid = settings.longTermUid;
    const query = longTermTrendsQuery(settings.convention);
    super({
      status: uid ? { kind: 'loading' } : { kind: 'not-configured' },
      query,
      datasourceUid: uid,
      ...(uid
        ? {
            $timeRange: new SceneTimeRange(LONG_TERM_RANGE),
            $data: new SceneQueryRunner({
              datasource: { type: 'prometheus', uid },
              // `interval` is Grafana's minimum step: one point a day, the daily aggregate's resolution.
              queries: [{ ...rangeQuery('A', query.expr, legendFor(query.seriesLabel)), interval: '1d' }],
              maxDataPoints: 500,
            }),
          }
        : {}),
      byMonth: indexChart(
        'Requests by month of year (13 months)',
        'Mean request rate of each calendar month over the last 13 months, as a share of the average month: above 100 % is a busier season. A month seen in both years averages the two.'
      ),
      byDay: indexChart(
        'Requests by day of week (13 months)',
        'Mean daily request rate of each weekday over the last 13 months, as a share of the average day.'
      ),
      ahead: aheadPanel(),
      ...rest,
    });
  }

  onData(input: PanelData | undefined): void {
    if (!this.state.datasourceUid) {
      return;
    }
    const phase = queryPhase(input, 'The long-term data source returned an error.');
    if (phase.kind !== 'ready') {
      this.setState({ status: phase.kind === 'error' ? { kind: 'unavailable', message: phase.message } : phase });
      return;
    }
    const named = seriesByName(phase.data.series, this.state.query?.seriesLabel ?? 'service');
    if (named.length === 0) {
      this.setState({ status: { kind: 'no-data' } });
      return;
    }
    const total = monthlyTrend(totalOf(named));
    if (isCannotModel(total)) {
      this.setState({
        status: total.code === 'too-short' ? { kind: 'too-short', reason: total.reason } : { kind: 'no-data' },
      });
      return;
    }
    const rows: GrowthRow[] = [{ name: 'All selected services', trend: total }];
    for (const { name, series } of named) {
      const trend = monthlyTrend(series);
      if (!isCannotModel(trend)) {
        rows.push({ name, trend });
      }
    }
    const byMonth = MONTHS.map((_, m) => total.monthOfYear.find((b) => b.key === m));
    const byDay = WEEK_ORDER.map((d) => total.dayOfWeek.find((b) => b.key === d));
    this.feed(this.state.byMonth, indexFrame('byMonth', 'Month', MONTHS, byMonth), phase.data);
    this.feed(
      this.state.byDay,
      indexFrame(
        'byDay',
        'Day',
        WEEK_ORDER.map((d) => DAYS[d]),
        byDay
      ),
      phase.data
    );
    // The same frames, one query: the forecast panel fits each service in the analytics worker.
    this.feed(this.state.ahead, phase.data.series, phase.data);
    this.setState({ status: { kind: 'done', rows, months: total.months.length } });
  }

  private feed(panel: VizPanel, frames: DataFrame | DataFrame[], source: PanelData): void {
    const node = panel.state.$data;
    if (node instanceof SceneDataNode) {
      node.setState({
        data: {
          state: LoadingState.Done,
          series: Array.isArray(frames) ? frames : [frames],
          timeRange: source.timeRange,
        },
      });
    }
  }
}

function signed(ratio: number): string {
  const text = formatPercent(Math.abs(ratio));
  return `${ratio < 0 ? '−' : '+'}${text}`;
}

/** "+1.2 % a month (95 % interval +0.4 % to +2.0 %)", or why there is no figure. */
export function growthText(trend: MonthlyTrend): string {
  const g = trend.growth;
  if (!g) {
    return 'growth: too few whole months for a trend';
  }
  return `${signed(g.estimate)} a month (${Math.round(g.confidence * 100)} % interval ${signed(g.lower)} to ${signed(g.upper)}, ${g.monthsUsed} whole months)`;
}

export function yearOverYearText(trend: MonthlyTrend): string | undefined {
  const y = trend.yearOverYear;
  if (!y) {
    return undefined;
  }
  const [year, month] = y.key.split('-').map(Number);
  return `${MONTHS[month - 1]} ${year} vs ${MONTHS[month - 1]} ${year - 1}: ${signed(y.ratio - 1)} (${signed(y.perMonth)} a month, free of the season)`;
}

function HowToConfigure() {
  return (
    <>
      Open the <TextLink href={CONFIG_URL}>app configuration</TextLink>, pick a Prometheus-compatible long-term store
      (VictoriaMetrics, Thanos or Mimir) under <em>Long-term store</em>, and save. The demo stack provisions{' '}
      <em>Long-term (VictoriaMetrics)</em>; the README section &quot;Long-term storage&quot; shows how to run one.
    </>
  );
}

function LongTermTrendsRenderer({ model }: SceneComponentProps<LongTermTrendsScene>) {
  const { status, byMonth, byDay, ahead, query, datasourceUid } = model.useState();
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.container} data-testid={testIds.trends.longTerm}>
      <Text element="h3" variant="h4">
        Last 13 months
      </Text>
      {status.kind === 'not-configured' && (
        <EmptyView title="No long-term store configured" testId={testIds.trends.longTermUnavailable}>
          Prometheus keeps only weeks, so trends over months need a long-term store. <HowToConfigure />
        </EmptyView>
      )}
      {status.kind !== 'not-configured' && query && (
        <Text color="secondary" data-testid={testIds.trends.longTermSource}>
          From the {describeSource({ kind: 'long-term', uid: datasourceUid ?? '' }, query.source)}, data source{' '}
          {datasourceUid}, one value a day. The charts above read Prometheus.
        </Text>
      )}
      {status.kind === 'loading' && <LoadingView text="Loading 13 months from the long-term store…" />}
      {status.kind === 'unavailable' && (
        <ErrorView
          title="Long-term store unavailable"
          message={status.message}
          testId={testIds.trends.longTermUnavailable}
        >
          Everything above keeps working from Prometheus. Check that the long-term data source answers (its page in
          Connections has a test button), or pick another one. <HowToConfigure />
        </ErrorView>
      )}
      {status.kind === 'no-data' && (
        <EmptyView title="The long-term store has no request rate for these services">
          No daily request-rate series matched in the last 13 months. Check that Prometheus remote-writes to the store,
          that the aggregates (infrastructure/victoriametrics/long-term-rules.yaml) run there, and the service picker.
        </EmptyView>
      )}
      {status.kind === 'too-short' && (
        <EmptyView severity="warning" title="Too little history in the long-term store">
          {status.reason} The store fills as Prometheus remote-writes to it; backfill older history as the README
          describes.
        </EmptyView>
      )}
      {status.kind === 'done' && (
        <>
          <ul className={styles.growth} data-testid={testIds.trends.longTermGrowth}>
            {status.rows.map((row) => (
              <li key={row.name}>
                <Text weight="medium">{row.name}</Text>: <Text>{growthText(row.trend)}</Text>
                {yearOverYearText(row.trend) && <Text color="secondary">; {yearOverYearText(row.trend)}</Text>}
              </li>
            ))}
          </ul>
          <Text color="secondary" variant="bodySmall">
            Growth is the trend of the monthly means (log scale); its interval includes the seasons, so a busy November
            widens it. Year over year compares the same month a year apart.
          </Text>
          <div className={styles.ahead} data-testid={testIds.trends.longTermForecast}>
            <ahead.Component model={ahead} />
          </div>
          <div className={styles.charts}>
            <div className={styles.chart}>
              <byMonth.Component model={byMonth} />
            </div>
            <div className={styles.chart}>
              <byDay.Component model={byDay} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function getStyles(theme: GrafanaTheme2) {
  return {
    container: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1), width: '100%' }),
    growth: css({ margin: 0, paddingLeft: theme.spacing(2) }),
    charts: css({ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: theme.spacing(2) }),
    chart: css({ height: 280 }),
    ahead: css({ height: 340 }),
  };
}
