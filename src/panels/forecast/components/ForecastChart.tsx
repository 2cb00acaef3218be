import { type DataFrame, dateTime, type TimeRange } from '@grafana/data';
import type { TimeZone, VizLegendOptions } from '@grafana/schema';
import { TimeSeries, TooltipPlugin2, type UPlotConfigBuilder } from '@grafana/ui';
import React, { useLayoutEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';

import type { AnalysisResult } from '../../../analytics';
import type { ChartModel } from '../chartFrame';
import type { PanelSeries } from '../frames';
import { retainUnchangedPaths } from '../retainPaths';

import { ForecastTooltip } from './ForecastTooltip';

interface Props {
  model: ChartModel;
  series: PanelSeries[];
  results: Map<string, AnalysisResult>;
  width: number;
  height: number;
  timeZone: TimeZone;
  legend: VizLegendOptions;
  /** Called after every redraw with the frame uPlot draws (its fields are uPlot's series, in order). */
  onDraw?: (plot: uPlot, frame: DataFrame) => void;
}

// TooltipPlugin2's hover mode is a const enum that is not exported at runtime; 1 is "all series at x".
const HOVER_ALL_SERIES = 1 as React.ComponentProps<typeof TooltipPlugin2>['hoverMode'];

export function ForecastChart({ model, series, results, width, height, timeZone, legend, onDraw }: Props) {
  // The panel draws past the dashboard's "to" by the forecast horizon, so it owns its time range.
  const timeRange = useMemo<TimeRange>(() => {
    const from = dateTime(model.fromMs);
    const to = dateTime(model.toMs);
    return { from, to, raw: { from, to } };
  }, [model.fromMs, model.toMs]);

  // GraphNG rebuilds the uPlot config on every update unless structureRev says nothing changed;
  // while results stream in only values change, so the plot just redraws.
  const structureRev = useMemo(() => hashToRev(model.structureKey), [model.structureKey]);
  const vizOptions = useMemo(() => ({ legend }), [legend]);

  return (
    <TimeSeries
      structureRev={structureRev}
      frames={[model.frame]}
      timeRange={timeRange}
      timeZone={timeZone}
      width={width}
      height={height}
      legend={legend}
      options={vizOptions}
      preparePlotFrame={alreadyAligned}
    >
      {(builder: UPlotConfigBuilder, alignedFrame: DataFrame) => (
        <>
          <DrawHook builder={builder} frame={alignedFrame} onDraw={onDraw} />
          <TooltipPlugin2
            config={builder}
            hoverMode={HOVER_ALL_SERIES}
            render={(_u, dataIdxs, seriesIdx) =>
              dataIdxs[0] === null || dataIdxs[0] === undefined ? null : (
                <ForecastTooltip
                  model={model}
                  series={series}
                  results={results}
                  dataIdx={dataIdxs[0]}
                  hoveredField={seriesIdx}
                  timeZone={timeZone}
                />
              )
            }
          />
        </>
      )}
    </TimeSeries>
  );
}

/**
 * Hooks are registered before uPlot is created: children's layout effects run before the chart mounts,
 * and, on updates, before the chart's own update hands uPlot the new data, so `frameRef` always holds
 * the frame uPlot is drawing.
 */
function DrawHook({
  builder,
  frame,
  onDraw,
}: {
  builder: UPlotConfigBuilder;
  frame: DataFrame;
  onDraw?: Props['onDraw'];
}) {
  // One hook per builder (the builder lives as long as the plot structure); the frame changes with
  // every batch of results, so the hook reads the latest one.
  const frameRef = useRef(frame);
  useLayoutEffect(() => {
    frameRef.current = frame;
  }, [frame]);
  useLayoutEffect(() => {
    builder.addHook('init', (u) => retainUnchangedPaths(u, (i) => frameRef.current.fields[i]?.values));
  }, [builder]);
  useLayoutEffect(() => {
    if (onDraw) {
      builder.addHook('draw', (u) => onDraw(u, frameRef.current));
    }
  }, [builder, onDraw]);
  return null;
}

/**
 * The chart model is one frame on one shared time grid (see displayGrid.ts), so Grafana's outer
 * join over all frames, the most expensive step of each redraw with many series, has nothing to do.
 */
function alreadyAligned(frames: DataFrame[]): DataFrame | null {
  return frames[0] ?? null;
}

/** A stable, non-zero revision number for a structure key (0 would mean "always rebuild"). */
function hashToRev(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  }
  return (h >>> 0) | 1;
}
