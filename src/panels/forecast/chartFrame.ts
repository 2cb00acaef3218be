import {
  type DataFrame,
  type Field,
  FieldColorModeId,
  type FieldConfig,
  FieldType,
  getDisplayProcessor,
  type GrafanaTheme2,
  ThresholdsMode,
} from '@grafana/data';
import { GraphDrawStyle, type GraphFieldConfig, GraphThresholdsStyleMode, VisibilityMode } from '@grafana/schema';

import type { AnalysisResult } from '../../analytics/types';
import { makeGrid, resample } from './displayGrid';
import type { PanelSeries } from './frames';
import { medianStepMs } from './requests';
import type { ForecastFieldConfig, ForecastPanelOptions } from './types';

export type FieldRole = 'history' | 'fitted' | 'forecast' | 'lower' | 'upper' | 'anomalies';

export interface ChartFieldInfo {
  seriesIndex: number;
  role: FieldRole;
}

export interface ChartModel {
  frame: DataFrame;
  /** Parallel to `frame.fields`; index 0 (time) is undefined. */
  fields: Array<ChartFieldInfo | undefined>;
  fromMs: number;
  toMs: number;
}

export const ROLE_SUFFIX: Record<Exclude<FieldRole, 'history'>, string> = {
  fitted: 'fitted',
  forecast: 'forecast',
  lower: 'band low',
  upper: 'band high',
  anomalies: 'anomalies',
};

interface BuildInput {
  series: PanelSeries[];
  results: Map<string, AnalysisResult>;
  options: ForecastPanelOptions;
  theme: GrafanaTheme2;
  /** The dashboard's range; the chart extends it to the end of the longest forecast. */
  fromMs: number;
  toMs: number;
  horizonMs: number;
  /** Roughly the plot width in pixels: more points than that cannot be seen. */
  maxBuckets: number;
}

export function buildChartModel(input: BuildInput): ChartModel {
  const { series, results, options, theme } = input;
  const dataEnd = series.reduce((m, s) => Math.max(m, s.timestamps[s.timestamps.length - 1] ?? -Infinity), -Infinity);
  const dataStart = series.reduce((m, s) => Math.min(m, s.timestamps[0] ?? Infinity), Infinity);
  const fromMs = Math.min(input.fromMs, Number.isFinite(dataStart) ? dataStart : input.fromMs);
  let forecastEnd = Math.max(input.toMs, Number.isFinite(dataEnd) ? dataEnd + input.horizonMs : input.toMs);
  for (const r of results.values()) {
    if (r.ok && r.forecast.forecast.timestamps.length) {
      forecastEnd = Math.max(forecastEnd, r.forecast.forecast.timestamps[r.forecast.forecast.timestamps.length - 1]);
    }
  }
  const steps = series.map((s) => medianStepMs(s.timestamps)).filter((s) => s > 0);
  const grid = makeGrid(fromMs, forecastEnd, steps.length ? Math.min(...steps) : 0, input.maxBuckets);

  const fields: Field[] = [{ name: 'Time', type: FieldType.time, config: {}, values: Array.from(grid.times) }];
  const infos: Array<ChartFieldInfo | undefined> = [undefined];
  const anomalyColor = theme.visualization.getColorByName('red');

  series.forEach((s, seriesIndex) => {
    const color = seriesColor(s, seriesIndex, theme);
    const step = medianStepMs(s.timestamps);
    // Bridge the gaps resampling leaves between native points, but not real gaps in the data.
    const spanNulls = Math.max(step, grid.bucketMs) * 1.5;
    const base = baseConfig(s.field.config);
    const add = (
      role: FieldRole,
      values: Array<number | null>,
      custom: Partial<GraphFieldConfig>,
      extra: FieldConfig = {}
    ) => {
      const suffix = role === 'history' ? '' : ` · ${ROLE_SUFFIX[role]}`;
      // The legend entry of the forecast is where the model is explained.
      const displayName =
        role === 'forecast' && extra.description ? `${s.name}${suffix} (${extra.description})` : `${s.name}${suffix}`;
      const config: FieldConfig = {
        ...base,
        ...extra,
        displayNameFromDS: displayName,
        color: { mode: FieldColorModeId.Fixed, fixedColor: role === 'anomalies' ? anomalyColor : color },
        custom: { ...chartDefaults(spanNulls), ...custom },
      };
      const field: Field = { name: displayName, type: FieldType.number, config, values, labels: s.field.labels };
      field.display = getDisplayProcessor({ field, theme });
      fields.push(field);
      infos.push({ seriesIndex, role });
    };

    const threshold = capacityThreshold(s, options);
    const thresholdColor = theme.visualization.getColorByName('orange');
    add(
      'history',
      resample(grid, s.timestamps, s.values, 'extremes'),
      threshold === undefined
        ? { lineWidth: 1 }
        : { lineWidth: 1, thresholdsStyle: { mode: GraphThresholdsStyleMode.Dashed } },
      threshold === undefined
        ? {}
        : {
            thresholds: {
              mode: ThresholdsMode.Absolute,
              steps: [
                { value: -Infinity, color: 'transparent' },
                { value: threshold, color: thresholdColor },
              ],
            },
          }
    );

    const result = results.get(s.id);
    if (!result?.ok) {
      return;
    }
    const { fitted, forecast, model } = result.forecast;
    if (options.display.showFitted) {
      add('fitted', resample(grid, fitted.timestamps, fitted.mean, 'first-last'), {
        lineWidth: 1,
        lineStyle: { fill: 'dot', dash: [2, 4] },
        hideFrom: { legend: true, tooltip: false, viz: false },
      });
    }
    add(
      'forecast',
      resample(grid, forecast.timestamps, forecast.mean, 'first-last'),
      {
        lineWidth: 2,
        lineStyle: { fill: 'dash', dash: [10, 6] },
      },
      { description: model.label }
    );

    if (options.display.showBand) {
      const times = concat(fitted.timestamps, forecast.timestamps);
      const lowerName = `${s.name} · ${ROLE_SUFFIX.lower}`;
      add('lower', resample(grid, times, concat(fitted.lower, forecast.lower), 'first-last'), {
        lineWidth: 0,
        hideFrom: { legend: true, tooltip: false, viz: false },
      });
      add('upper', resample(grid, times, concat(fitted.upper, forecast.upper), 'first-last'), {
        lineWidth: 0,
        fillOpacity: 18,
        fillBelowTo: lowerName,
        hideFrom: { legend: true, tooltip: false, viz: false },
      });
    }
    if (options.display.showAnomalies && result.anomalies.length) {
      add('anomalies', anomalyValues(grid, s, result), {
        drawStyle: GraphDrawStyle.Points,
        showPoints: VisibilityMode.Always,
        pointSize: 8,
        lineWidth: 0,
        spanNulls: false,
      });
    }
  });

  const frame: DataFrame = { name: 'forecast', length: grid.times.length, fields };
  return { frame, fields: infos, fromMs, toMs: forecastEnd };
}

/** Only the history values that fall inside a flagged interval, so each anomaly is a marker. */
function anomalyValues(
  grid: ReturnType<typeof makeGrid>,
  s: PanelSeries,
  result: Extract<AnalysisResult, { ok: true }>
) {
  const flagged: Array<number | null> = s.values.map(() => null);
  const intervals = result.anomalies.slice().sort((a, b) => a.startMs - b.startMs);
  let k = 0;
  for (let i = 0; i < s.timestamps.length && k < intervals.length; i++) {
    const t = s.timestamps[i];
    while (k < intervals.length && intervals[k].endMs < t) {
      k++;
    }
    if (k < intervals.length && t >= intervals[k].startMs && t <= intervals[k].endMs) {
      flagged[i] = s.values[i];
    }
  }
  return resample(grid, s.timestamps, flagged, 'extremes');
}

function capacityThreshold(s: PanelSeries, options: ForecastPanelOptions): number | undefined {
  const custom = (s.field.config.custom ?? {}) as ForecastFieldConfig;
  const t = custom.capacityThreshold ?? options.capacity.threshold;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
}

function seriesColor(s: PanelSeries, index: number, theme: GrafanaTheme2): string {
  const fixed = s.field.config.color?.mode === FieldColorModeId.Fixed ? s.field.config.color.fixedColor : undefined;
  if (fixed) {
    return theme.visualization.getColorByName(fixed);
  }
  const palette = theme.visualization.palette;
  return theme.visualization.getColorByName(palette[index % palette.length]);
}

/** Unit, decimals and scale limits are shared by every derived field so they share one axis. */
function baseConfig(config: FieldConfig): FieldConfig {
  const { unit, decimals, min, max, mappings } = config;
  return { unit, decimals, min, max, mappings };
}

function chartDefaults(spanNulls: number): GraphFieldConfig {
  return {
    drawStyle: GraphDrawStyle.Line,
    lineWidth: 1,
    fillOpacity: 0,
    showPoints: VisibilityMode.Never,
    pointSize: 4,
    spanNulls,
    axisSoftMin: undefined,
  };
}

function concat(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(Array.from(a));
  out.set(Array.from(b), a.length);
  return out;
}
