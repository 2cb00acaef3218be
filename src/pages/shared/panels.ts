// Small panel builders shared by the pages: every panel gets a title, a description (tooltip), a
// unit and a query runner on the `ds` variable.
import { type ThresholdsConfig } from '@grafana/data';
import { PanelBuilders, SceneQueryRunner, type VizPanel } from '@grafana/scenes';
import { BigValueGraphMode, GraphThresholdsStyleMode } from '@grafana/schema';

import { PROMETHEUS_DS_REF } from '../../constants';

import { type PromQuery, instantQuery, rangeQuery } from './sceneParts';

export function promRunner(...queries: PromQuery[]): SceneQueryRunner {
  return new SceneQueryRunner({ datasource: PROMETHEUS_DS_REF, queries });
}

export interface StatOptions {
  title: string;
  description: string;
  expr: string;
  unit: string;
  decimals?: number;
  thresholds?: ThresholdsConfig;
  /**
   * Evaluate at "now" with an instant query, without a sparkline. For counts over the time range
   * ("runs in the last 24 h"): a range query's last point is the last whole step, up to 24 minutes
   * back at a sparkline's resolution, so a run pushed since then was not counted and, on a fresh
   * stack, the stat said "No data" for its first 24 minutes.
   */
  instant?: boolean;
}

/**
 * A sparkline a few hundred pixels wide needs no more points than this. The coarser step also
 * widens `$__rate_interval` past the sample spacing of sparse series (1m scrapes, backfilled
 * history): at the panel-width step rate() returned gaps, and Grafana's sparkline breaks the line at
 * every gap, leaving only its last few pixels drawn.
 */
export const SPARKLINE_MAX_POINTS = 60;

/** A stat of the last value of a range query, with a sparkline. */
export function statPanel(o: StatOptions): VizPanel {
  const builder = PanelBuilders.stat()
    .setTitle(o.title)
    .setDescription(o.description)
    .setData(
      new SceneQueryRunner({
        datasource: PROMETHEUS_DS_REF,
        queries: [o.instant ? instantQuery('A', o.expr) : rangeQuery('A', o.expr)],
        maxDataPoints: SPARKLINE_MAX_POINTS,
      })
    )
    .setUnit(o.unit)
    .setNoValue('No data')
    .setOption('reduceOptions', { calcs: ['lastNotNull'], values: false, fields: '' })
    .setOption('graphMode', o.instant ? BigValueGraphMode.None : BigValueGraphMode.Area);
  if (o.decimals !== undefined) {
    builder.setDecimals(o.decimals);
  }
  if (o.thresholds) {
    builder.setThresholds(o.thresholds).setColor({ mode: 'thresholds' });
  } else {
    // Not 'text': the sparkline's area fill takes the value colour, and in the light theme a
    // text-coloured fill under a near-flat series reads as a solid grey block.
    builder.setColor({ mode: 'fixed', fixedColor: 'blue' });
  }
  return builder.build();
}

export interface TimeseriesOptions {
  title: string;
  description: string;
  unit: string;
  queries: PromQuery[];
  /** Fixes the axis to 0..1 for ratios. */
  ratio?: boolean;
  thresholds?: ThresholdsConfig;
}

export function timeseriesPanel(o: TimeseriesOptions): VizPanel {
  const builder = PanelBuilders.timeseries()
    .setTitle(o.title)
    .setDescription(o.description)
    .setData(promRunner(...o.queries))
    .setUnit(o.unit);
  if (o.ratio) {
    builder.setMin(0).setMax(1);
  }
  if (o.thresholds) {
    // Thresholds on a time series are invisible unless a style is set: draw them as dashed lines.
    builder
      .setThresholds(o.thresholds)
      .setCustomFieldConfig('thresholdsStyle', { mode: GraphThresholdsStyleMode.Dashed });
  }
  return builder.build();
}
