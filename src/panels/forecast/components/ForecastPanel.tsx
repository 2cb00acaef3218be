import { css } from '@emotion/css';
import {
  formattedValueToString,
  getDisplayProcessor,
  type GrafanaTheme2,
  type PanelProps,
  type TimeRange,
} from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import React, { useDeferredValue, useMemo } from 'react';

import type { AnalysisResult } from '../../../analytics';
import { buildChartModel, ResampleCache } from '../chartFrame';
import { runAnalyses, type RunAnalyses } from '../engine';
import { extractSeries, type PanelSeries } from '../frames';
import { planRequests } from '../requests';
import {
  capacityText,
  describeBlockingState,
  describeModelKey,
  describePartialState,
  type PanelNotice,
} from '../states';
import { testIds } from '../testIds';
import type { ForecastPanelOptions } from '../types';
import { useForecasts } from '../useForecasts';

import { ForecastChart } from './ForecastChart';
import { BlockingNotice, NOTICE_LINE_HEIGHT, PanelNotices } from './PanelNotices';

export interface ForecastPanelProps extends PanelProps<ForecastPanelOptions> {
  /** Seams for the browser harness: a different engine entry and a view of what uPlot drew. */
  run?: RunAnalyses;
  onDraw?: React.ComponentProps<typeof ForecastChart>['onDraw'];
}

const MAX_HEADER_LINES = 4;

export function ForecastPanel(props: ForecastPanelProps) {
  const { options, width, height, timeZone, run = runAnalyses, onDraw } = props;
  // New data is taken in at transition priority: React renders it in slices and keeps the page
  // responsive, instead of extracting, planning, resampling and redrawing in one long task.
  const data = useDeferredValue(props.data);
  const theme = useTheme2();
  const styles = useStyles2(getStyles);

  const extracted = useMemo(() => extractSeries(data.series), [data.series]);
  const plan = useMemo(
    () => planRequests(extracted.series, options, Math.max(200, width * 2)),
    [extracted, options, width]
  );
  const runKey = useMemo(
    () => fingerprint(data.request?.requestId, extracted.series, options),
    [data.request?.requestId, extracted, options]
  );
  const progress = useForecasts(plan.requests, runKey, run);

  const modelled = useMemo(() => new Set(plan.requests.map((r) => r.id)), [plan]);
  const modelledOk = Array.from(progress.results.values()).filter((r) => r.ok).length;

  const blocking = describeBlockingState(data.errors, extracted);
  if (blocking) {
    return <BlockingNotice notice={blocking} height={height} />;
  }

  const notices = headerNotices(progress, data.errors, extracted.series, theme);
  const shown =
    notices.length > MAX_HEADER_LINES
      ? [...notices.slice(0, MAX_HEADER_LINES - 1), more(notices.slice(MAX_HEADER_LINES - 1))]
      : notices;
  // The key to the dashed line, band and markers goes with the legend (hidden with it).
  const modelKey =
    options.legend.showLegend && plan.requests.length > 0
      ? describeModelKey(extracted.series, progress.results, options, progress.running)
      : undefined;
  const chartHeight = Math.max(50, height - (shown.length + (modelKey ? 1 : 0)) * NOTICE_LINE_HEIGHT);

  return (
    <div
      className={styles.wrapper}
      data-testid={testIds.panel}
      data-running={progress.running ? 'true' : 'false'}
      data-modelled={modelledOk}
      data-request={data.request?.requestId}
    >
      <PanelNotices notices={shown} />
      {progress.running && (
        // Over the chart rather than above it: the plot keeps its size while results arrive.
        <div className={styles.progress} role="status" data-testid={testIds.progress}>
          <Icon name="fa fa-spinner" />
          {`Modelling ${progress.done} of ${progress.total} series…`}
        </div>
      )}
      <ModelledChart
        series={extracted.series}
        results={progress.results}
        modelled={modelled}
        options={options}
        timeRange={data.timeRange}
        horizonMs={plan.horizonMs}
        width={width}
        height={chartHeight}
        timeZone={timeZone}
        onDraw={onDraw}
      />
      {modelKey && <PanelNotices notices={[modelKey]} testId={testIds.modelKey} />}
    </div>
  );
}

interface ModelledChartProps {
  series: PanelSeries[];
  results: Map<string, AnalysisResult>;
  modelled: Set<string>;
  options: ForecastPanelOptions;
  timeRange: TimeRange;
  horizonMs: number;
  width: number;
  height: number;
  timeZone: PanelProps['timeZone'];
  onDraw?: ForecastPanelProps['onDraw'];
}

/**
 * The chart model (resampling every series onto the display grid) is built in its own component:
 * when new data arrives at transition priority, React can yield between extracting and planning
 * (the panel) and resampling (here), rather than doing both in one task.
 */
function ModelledChart(props: ModelledChartProps) {
  const { series, results, modelled, options, timeRange, horizonMs, width, height, timeZone, onDraw } = props;
  const theme = useTheme2();
  const cache = useMemo(() => new ResampleCache(), []);
  const model = useMemo(
    () =>
      buildChartModel({
        series,
        results,
        modelled,
        options,
        theme,
        fromMs: timeRange.from.valueOf(),
        toMs: timeRange.to.valueOf(),
        horizonMs,
        width,
        cache,
      }),
    [series, results, modelled, options, theme, timeRange, horizonMs, width, cache]
  );
  return (
    <ForecastChart
      model={model}
      series={series}
      results={results}
      width={width}
      height={height}
      timeZone={timeZone}
      legend={options.legend}
      onDraw={onDraw}
    />
  );
}

function headerNotices(
  progress: ReturnType<typeof useForecasts>,
  errors: PanelProps['data']['errors'],
  series: PanelSeries[],
  theme: GrafanaTheme2
): PanelNotice[] {
  const notices: PanelNotice[] = [];
  if (progress.engineError) {
    notices.push({
      severity: 'error',
      title: 'The forecast engine could not start; showing raw data',
      detail: progress.engineError,
    });
  }
  notices.push(...describePartialState(errors, series, progress.results));
  for (const s of series) {
    const r = progress.results.get(s.id);
    if (r?.ok && r.capacity) {
      const format = valueFormatter(s, theme);
      const lastMs = s.timestamps[s.timestamps.length - 1];
      notices.push({
        severity: r.capacity.status === 'crosses' || r.capacity.status === 'already-over' ? 'warning' : 'info',
        title: `${s.name}: ${capacityText(r.capacity, lastMs, format)}`,
        detail: `${r.capacity.reason}\nModel: ${r.forecast.model.label}`,
      });
    }
  }
  return notices;
}

function valueFormatter(s: PanelSeries, theme: GrafanaTheme2) {
  const display = s.field.display ?? getDisplayProcessor({ field: s.field, theme });
  return (v: number) => formattedValueToString(display(v));
}

function more(rest: PanelNotice[]): PanelNotice {
  return {
    severity: rest.some((n) => n.severity === 'error')
      ? 'error'
      : rest.some((n) => n.severity === 'warning')
        ? 'warning'
        : 'info',
    title: `${rest.length} more notes`,
    detail: rest.map((n) => n.title + (n.detail ? `\n${n.detail}` : '')).join('\n\n'),
  };
}

/** A new key aborts the previous engine run: new data request, new series or new model options. */
function fingerprint(requestId: string | undefined, series: PanelSeries[], options: ForecastPanelOptions): string {
  const { model, forecast, anomalies, capacity, display } = options;
  const shape = series.map((s) => `${s.id}:${s.timestamps.length}:${s.timestamps[s.timestamps.length - 1] ?? ''}`);
  return JSON.stringify([requestId ?? '', shape, model, forecast, anomalies, capacity, display.showAnomalies]);
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    padding: theme.spacing(0, 0.5),
    position: 'relative',
  }),
  progress: css({
    position: 'absolute',
    top: 0,
    right: theme.spacing(1),
    zIndex: 1,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.25, 1),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
