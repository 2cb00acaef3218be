import { css } from '@emotion/css';
import { formattedValueToString, getDisplayProcessor, type GrafanaTheme2, type PanelProps } from '@grafana/data';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';
import React, { useDeferredValue, useMemo } from 'react';

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

  const cache = useMemo(() => new ResampleCache(), []);
  const modelled = useMemo(() => new Set(plan.requests.map((r) => r.id)), [plan]);
  const model = useMemo(
    () =>
      buildChartModel({
        series: extracted.series,
        results: progress.results,
        modelled,
        options,
        theme,
        fromMs: data.timeRange.from.valueOf(),
        toMs: data.timeRange.to.valueOf(),
        horizonMs: plan.horizonMs,
        width,
        cache,
      }),
    [extracted, progress.results, modelled, options, theme, data.timeRange, plan.horizonMs, width, cache]
  );
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
      <ForecastChart
        model={model}
        series={extracted.series}
        results={progress.results}
        width={width}
        height={chartHeight}
        timeZone={timeZone}
        legend={options.legend}
        onDraw={onDraw}
      />
      {modelKey && <PanelNotices notices={[modelKey]} testId={testIds.modelKey} />}
    </div>
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
