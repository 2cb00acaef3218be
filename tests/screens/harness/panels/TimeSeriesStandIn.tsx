// Stand-in for Grafana's core time series panel (core panels are not shipped in npm packages):
// @grafana/ui's real TimeSeries (uPlot) with the core panel's default series styles.
import { type DataFrame, FieldType, type PanelProps } from '@grafana/data';
import { type VizLegendOptions, LegendDisplayMode } from '@grafana/schema';
import { TimeSeries } from '@grafana/ui';
import React, { useMemo } from 'react';

import { NoData } from './NoData';

interface Options {
  legend?: VizLegendOptions;
}

// The core panel's field defaults (public/app/plugins/panel/timeseries/config.ts defaultGraphConfig).
const GRAPH_DEFAULTS = {
  drawStyle: 'line',
  lineInterpolation: 'linear',
  lineWidth: 1,
  fillOpacity: 0,
  gradientMode: 'none',
  showPoints: 'auto',
  pointSize: 5,
  axisPlacement: 'auto',
  axisBorderShow: false,
  barAlignment: 0,
  spanNulls: false,
  stacking: { mode: 'none', group: 'A' },
};

function graphable(series: DataFrame[]): DataFrame[] {
  return series
    .filter((f) => f.fields.some((x) => x.type === FieldType.time) && f.fields.some((x) => x.type === FieldType.number))
    .map((frame) => ({
      ...frame,
      fields: frame.fields.map((field) => ({
        ...field,
        config: { ...field.config, custom: { ...GRAPH_DEFAULTS, ...field.config.custom } },
      })),
    }));
}

const DEFAULT_LEGEND: VizLegendOptions = {
  showLegend: true,
  displayMode: LegendDisplayMode.List,
  placement: 'bottom',
  calcs: [],
};

export function TimeSeriesStandIn({ data, timeRange, timeZone, width, height, options }: PanelProps<Options>) {
  const frames = useMemo(() => graphable(data.series), [data.series]);
  const legend = options.legend ?? DEFAULT_LEGEND;
  if (!frames.length) {
    return <NoData />;
  }
  return (
    <TimeSeries
      frames={frames}
      timeRange={timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
      legend={legend}
      options={options}
    >
      {/* Screenshots never hover, so the stand-in has no tooltip. */}
      {() => null}
    </TimeSeries>
  );
}
