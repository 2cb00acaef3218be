import { FieldColorModeId, type FieldConfig, type GrafanaTheme2, ThresholdsMode } from '@grafana/data';
import { GraphDrawStyle, type GraphFieldConfig, GraphThresholdsStyleMode, VisibilityMode } from '@grafana/schema';

import type { PanelSeries } from './frames';

export type FieldRole = 'history' | 'fitted' | 'forecast' | 'lower' | 'upper' | 'anomalies';

export const ROLE_SUFFIX: Record<Exclude<FieldRole, 'history'>, string> = {
  fitted: 'fitted',
  forecast: 'forecast',
  lower: 'band low',
  upper: 'band high',
  anomalies: 'anomalies',
};

type HideFrom = NonNullable<GraphFieldConfig['hideFrom']>;

/**
 * The legend lists one entry per series (its history line, whose colour the forecast shares): with
 * forecast and anomaly entries too, five services took 15 entries and a third of the panel. The
 * tooltip still lists every role, with the model in the forecast's name. Hiding a series from the
 * chart (a click on its legend entry writes a `hideFrom` override on the queried field) hides all its
 * roles with it.
 */
export function roleHideFrom(role: FieldRole, source: HideFrom | undefined): HideFrom {
  const viz = source?.viz ?? false;
  const tooltip = source?.tooltip ?? false;
  return { legend: role === 'history' ? (source?.legend ?? false) : true, tooltip, viz };
}

/** How each role is drawn, in Grafana's own time-series field config. */
export function roleStyle(role: FieldRole, seriesName: string, source?: HideFrom): Partial<GraphFieldConfig> {
  const hideFrom = roleHideFrom(role, source);
  switch (role) {
    case 'history':
      return { lineWidth: 1, hideFrom };
    case 'fitted':
      return { lineWidth: 1, lineStyle: { fill: 'dot', dash: [2, 4] }, hideFrom };
    case 'forecast':
      return { lineWidth: 2, lineStyle: { fill: 'dash', dash: [10, 6] }, hideFrom };
    case 'lower':
      return { lineWidth: 0, hideFrom };
    case 'upper':
      // Grafana fills between this field and the one named in fillBelowTo: the prediction band.
      return {
        lineWidth: 0,
        fillOpacity: 18,
        fillBelowTo: `${seriesName} · ${ROLE_SUFFIX.lower}`,
        hideFrom,
      };
    case 'anomalies':
      return {
        drawStyle: GraphDrawStyle.Points,
        showPoints: VisibilityMode.Always,
        pointSize: 8,
        lineWidth: 0,
        spanNulls: false,
        hideFrom,
      };
  }
}

export function chartDefaults(spanNulls: number): GraphFieldConfig {
  return {
    drawStyle: GraphDrawStyle.Line,
    lineWidth: 1,
    fillOpacity: 0,
    showPoints: VisibilityMode.Never,
    pointSize: 4,
    spanNulls,
  };
}

/** A dashed threshold line on the history field's axis (Grafana's own thresholds style). */
export function thresholdConfig(
  threshold: number,
  theme: GrafanaTheme2
): { config: FieldConfig; custom: Partial<GraphFieldConfig> } {
  return {
    config: {
      thresholds: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'transparent' },
          { value: threshold, color: theme.visualization.getColorByName('orange') },
        ],
      },
    },
    custom: { thresholdsStyle: { mode: GraphThresholdsStyleMode.Dashed } },
  };
}

export function seriesColor(s: PanelSeries, index: number, theme: GrafanaTheme2): string {
  const fixed = s.field.config.color?.mode === FieldColorModeId.Fixed ? s.field.config.color.fixedColor : undefined;
  if (fixed) {
    return theme.visualization.getColorByName(fixed);
  }
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}

/** Unit, decimals and scale limits are shared by every derived field so they share one axis. */
export function baseConfig(config: FieldConfig): FieldConfig {
  const { unit, decimals, min, max } = config;
  return { unit, decimals, min, max };
}
