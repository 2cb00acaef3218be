import {
  type DataFrame,
  type Field,
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  type GrafanaTheme2,
} from '@grafana/data';
import type { GraphFieldConfig } from '@grafana/schema';

import type { AnalysisResult, AnomalyInterval } from '../../analytics';

import {
  baseConfig,
  chartDefaults,
  type FieldRole,
  ROLE_SUFFIX,
  roleStyle,
  seriesColor,
  thresholdConfig,
} from './chartFieldConfig';
import { bridgeGaps, type DisplayGrid, makeGrid, resample } from './displayGrid';
import type { PanelSeries } from './frames';
import { seriesStepMs } from './requests';
import type { ForecastFieldConfig, ForecastPanelOptions } from './types';

export { ROLE_SUFFIX, type FieldRole };

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
  /** Width of one display bucket: a drawn point is up to this far from the raw point it shows. */
  bucketMs: number;
  /**
   * Changes only when the plot must be rebuilt (which fields, their roles and colours); not when values
   * arrive or a forecast field is renamed after its model, so a whole run redraws one uPlot instance.
   */
  structureKey: string;
}

/**
 * Points drawn across all fields. uPlot redraws every path on each update; past a few hundred
 * thousand points one redraw alone blocks the main thread for more than a frame budget.
 */
export const POINT_BUDGET = 100_000;

interface BuildInput {
  series: PanelSeries[];
  results: Map<string, AnalysisResult>;
  /** Ids of series sent to the engine: their model fields exist from the start, empty until results arrive. */
  modelled: Set<string>;
  options: ForecastPanelOptions;
  theme: GrafanaTheme2;
  /** The dashboard's range; the chart extends it by the horizon. */
  fromMs: number;
  toMs: number;
  horizonMs: number;
  /** Plot width in pixels: more buckets than that cannot be seen. */
  width: number;
  cache: ResampleCache;
}

export function buildChartModel(input: BuildInput): ChartModel {
  const { series, results, modelled, options, theme, cache } = input;
  const roles = series.map((s) => rolesFor(modelled.has(s.id), options));
  const fieldCount = roles.reduce((n, r) => n + r.length, 0);
  const grid = displayGrid(input, fieldCount);
  const gridKey = `${grid.startMs}/${grid.bucketMs}/${grid.buckets}`;

  const fields: Field[] = [{ name: 'Time', type: FieldType.time, config: {}, values: cache.times(grid, gridKey) }];
  const infos: Array<ChartFieldInfo | undefined> = [undefined];
  const anomalyColor = theme.visualization.getColorByName('red');

  const structure: string[] = [];
  series.forEach((s, seriesIndex) => {
    const result = results.get(s.id);
    const ok = result?.ok ? result : undefined;
    const color = seriesColor(s, seriesIndex, theme);
    // Bridge the gaps resampling leaves between native points, but not real gaps in the data (or
    // what the queried field's own "connect null values" setting allows).
    const spanNulls = connectBelowMs(s, seriesStepMs(s.timestamps), grid.bucketMs);
    const threshold = capacityThreshold(s, options);
    const sourceHideFrom = (s.field.config.custom as GraphFieldConfig | undefined)?.hideFrom;
    // GraphNG builds the uPlot config (axes, units, thresholds, colours, visibility) only when the
    // structure key changes, so everything that config is built from goes in it; values and model
    // names do not.
    const { unit, decimals, min, max } = s.field.config;
    const visibility = `${sourceHideFrom?.viz}${sourceHideFrom?.legend}${sourceHideFrom?.tooltip}`;
    const look = [color, unit, decimals, min, max, threshold].join(':');
    structure.push(`${s.id}:${roles[seriesIndex].join(',')}:${look}:${visibility}`);
    // One display processor per series: all its fields share unit and decimals, and building one
    // (value formats, i18n) is the costliest part of a field.
    // It formats text only (colours are fixed), so it gets no values: otherwise Grafana scans every
    // value for a colour-scale range, 1M values for 100 series of 10k.
    const display = getDisplayProcessor({
      field: { ...s.field, config: baseConfig(s.field.config), values: [] },
      theme,
    });
    for (const role of roles[seriesIndex]) {
      const displayName = fieldName(s.name, role, ok?.forecast.model.label);
      const limit = role === 'history' && threshold !== undefined ? thresholdConfig(threshold, theme) : undefined;
      const config = {
        ...baseConfig(s.field.config),
        ...limit?.config,
        displayNameFromDS: displayName,
        color: { mode: FieldColorModeId.Fixed, fixedColor: role === 'anomalies' ? anomalyColor : color },
        custom: { ...chartDefaults(spanNulls), ...roleStyle(role, s.name, sourceHideFrom), ...limit?.custom },
      };
      // A series the engine could not model may still carry rolling-MAD anomalies: those are drawn too.
      const anomalies = role === 'anomalies' ? result?.anomalies : undefined;
      const values =
        role === 'history'
          ? cache.values(s, `${gridKey}/history`, () =>
              bridgeGaps(grid, resample(grid, s.timestamps, s.values, 'extremes'), spanNulls)
            )
          : anomalies?.length
            ? cache.values(anomalies, gridKey, () =>
                resample(grid, s.timestamps, flaggedValues(s, anomalies), 'extremes')
              )
            : ok && role !== 'anomalies'
              ? cache.values(ok, `${gridKey}/${role}`, () =>
                  // Model output is spaced by the model's step, coarser than the data's when it fitted means.
                  bridgeGaps(grid, resultValues(grid, ok, role), connectBelowMs(s, ok.forecast.stepMs, grid.bucketMs))
                )
              : cache.nulls(grid.times.length);
      const field: Field = { name: displayName, type: FieldType.number, config, values, labels: s.field.labels };
      field.display = display;
      fields.push(field);
      infos.push({ seriesIndex, role });
    }
  });

  const structureKey = [theme.colors.mode, ...structure].join('|');
  // Grafana's join normally records where each field came from; the legend and fillBelowTo rely on it.
  fields.forEach((field, fieldIndex) => {
    field.state = { ...field.state, origin: { frameIndex: 0, fieldIndex } };
  });
  const frame: DataFrame = { name: 'forecast', length: grid.times.length, fields };
  return {
    frame,
    fields: infos,
    fromMs: grid.startMs,
    toMs: grid.times[grid.times.length - 1],
    bucketMs: grid.bucketMs,
    structureKey,
  };
}

/**
 * Every modelled series gets all its fields from the start, empty until its result comes, and keeps
 * them when its result is an error or has no anomalies: a changed field list rebuilds the plot, which
 * with a hundred series costs more than a frame. Empty fields draw nothing and are hidden from the legend.
 */
function rolesFor(isModelled: boolean, options: ForecastPanelOptions): FieldRole[] {
  if (!isModelled) {
    return ['history'];
  }
  const { showFitted, showBand, showAnomalies } = options.display;
  return [
    'history',
    ...(showFitted ? (['fitted'] as const) : []),
    'forecast',
    ...(showBand ? (['lower', 'upper'] as const) : []),
    ...(showAnomalies ? (['anomalies'] as const) : []),
  ];
}

function fieldName(seriesName: string, role: FieldRole, modelLabel: string | undefined): string {
  if (role === 'history') {
    return seriesName;
  }
  // The legend entry of the forecast is where the model is explained.
  return role === 'forecast' && modelLabel
    ? `${seriesName} · ${ROLE_SUFFIX.forecast} (${modelLabel})`
    : `${seriesName} · ${ROLE_SUFFIX[role]}`;
}

function connectBelowMs(s: PanelSeries, stepMs: number, bucketMs: number): number {
  const own = (s.field.config.custom as GraphFieldConfig | undefined)?.spanNulls;
  const ours = Math.max(stepMs, bucketMs) * 1.5;
  return own === true ? Infinity : typeof own === 'number' && own > ours ? own : ours;
}

/** Fixed by the data and the plan, not by results, so values can arrive without moving the grid. */
function displayGrid(input: BuildInput, fieldCount: number): DisplayGrid {
  const { series } = input;
  const dataStart = series.reduce((m, s) => Math.min(m, s.timestamps[0] ?? Infinity), Infinity);
  const dataEnd = series.reduce((m, s) => Math.max(m, s.timestamps[s.timestamps.length - 1] ?? -Infinity), -Infinity);
  const steps = series.map((s) => seriesStepMs(s.timestamps)).filter((s) => s > 0);
  const minStep = steps.length ? Math.min(...steps) : 0;
  const fromMs = Math.min(input.fromMs, Number.isFinite(dataStart) ? dataStart : input.fromMs);
  // One extra step: the engine's last forecast point can land just past dataEnd + horizon.
  const toMs = Math.max(
    input.toMs,
    Number.isFinite(dataEnd) ? dataEnd + input.horizonMs + Math.max(...steps, 0) : input.toMs
  );
  const budgetBuckets = Math.floor(POINT_BUDGET / (2 * Math.max(1, fieldCount)));
  return makeGrid(fromMs, toMs, minStep, Math.max(60, Math.min(input.width, budgetBuckets)));
}

type OkResult = Extract<AnalysisResult, { ok: true }>;

function resultValues(
  grid: DisplayGrid,
  result: OkResult,
  role: Exclude<FieldRole, 'history' | 'anomalies'>
): Array<number | null> {
  const { fitted, forecast } = result.forecast;
  switch (role) {
    case 'fitted':
      return resample(grid, fitted.timestamps, fitted.mean, 'first-last');
    case 'forecast':
      return resample(grid, forecast.timestamps, forecast.mean, 'first-last');
    case 'lower':
      return resample(
        grid,
        concat(fitted.timestamps, forecast.timestamps),
        concat(fitted.lower, forecast.lower),
        'first-last'
      );
    case 'upper':
      return resample(
        grid,
        concat(fitted.timestamps, forecast.timestamps),
        concat(fitted.upper, forecast.upper),
        'first-last'
      );
  }
}

/** Only the history values inside a flagged interval, so each anomaly becomes a marker. */
function flaggedValues(s: PanelSeries, anomalies: AnomalyInterval[]): Array<number | null> {
  const flagged: Array<number | null> = s.values.map(() => null);
  const intervals = anomalies.slice().sort((a, b) => a.startMs - b.startMs);
  let k = 0;
  for (let i = 0; i < s.timestamps.length && k < intervals.length; i++) {
    const t = s.timestamps[i];
    while (k < intervals.length && intervals[k].endMs < t) {
      k++;
    }
    if (k < intervals.length && t >= intervals[k].startMs) {
      flagged[i] = s.values[i];
    }
  }
  return flagged;
}

function capacityThreshold(s: PanelSeries, options: ForecastPanelOptions): number | undefined {
  const custom = (s.field.config.custom ?? {}) as ForecastFieldConfig;
  const t = custom.capacityThreshold ?? options.capacity.threshold;
  return typeof t === 'number' && Number.isFinite(t) ? t : undefined;
}

function concat(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** `undefined` marks an empty slot uPlot draws through (see bridgeGaps); `null` is a gap. */
type ChartValues = Array<number | null | undefined>;

/**
 * Resampled values per series or result, reused across the redraws of one data request: while
 * results stream in, only the new result's fields are computed.
 */
export class ResampleCache {
  private byOwner = new WeakMap<object, Map<string, ChartValues>>();
  private lastTimes?: { key: string; values: number[] };
  private lastNulls?: null[];

  values(owner: object, key: string, compute: () => ChartValues): ChartValues {
    let map = this.byOwner.get(owner);
    if (!map) {
      map = new Map();
      this.byOwner.set(owner, map);
    }
    let values = map.get(key);
    if (!values) {
      values = compute();
      map.set(key, values);
    }
    return values;
  }

  times(grid: DisplayGrid, key: string): number[] {
    if (this.lastTimes?.key !== key) {
      this.lastTimes = { key, values: Array.from(grid.times) };
    }
    return this.lastTimes.values;
  }

  nulls(length: number): null[] {
    if (this.lastNulls?.length !== length) {
      this.lastNulls = new Array(length).fill(null);
    }
    return this.lastNulls;
  }
}
