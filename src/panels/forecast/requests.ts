import { rangeUtil } from '@grafana/data';

import { type AnalysisRequest, medianStepMs, type ModelChoice } from '../../analytics';

import { MAX_HORIZON_STEPS } from './defaults';
import type { PanelSeries } from './frames';
import type { ForecastFieldConfig, ForecastPanelOptions } from './types';

export interface RequestPlan {
  requests: AnalysisRequest[];
  /** Series the user excluded via the "skip forecast" override. */
  skipped: string[];
  /** How far the panel extends the time axis: the longest horizon asked for, in ms. */
  horizonMs: number;
}

/** The resolution a panel can show; fitting at more points only costs time. */
export const DEFAULT_MAX_POINTS = 2000;

export function planRequests(
  series: PanelSeries[],
  options: ForecastPanelOptions,
  maxPoints = DEFAULT_MAX_POINTS
): RequestPlan {
  const requests: AnalysisRequest[] = [];
  const skipped: string[] = [];
  let horizonMs = 0;
  for (const s of series) {
    const custom = (s.field.config.custom ?? {}) as ForecastFieldConfig;
    if (custom.skipForecast) {
      skipped.push(s.id);
      continue;
    }
    const stepMs = seriesStepMs(s.timestamps);
    const seriesHorizonMs = durationMs(custom.forecastHorizon) ?? durationMs(options.forecast.horizon) ?? 0;
    horizonMs = Math.max(horizonMs, seriesHorizonMs);
    const model: ModelChoice =
      custom.forecastModel && custom.forecastModel !== 'inherit' ? custom.forecastModel : options.model.kind;
    const periods = model === 'seasonal' || model === 'auto' ? periodsInSteps(options.model.periods, stepMs) : [];
    const threshold = finite(custom.capacityThreshold) ?? finite(options.capacity.threshold);
    requests.push({
      id: s.id,
      series: { timestamps: s.timestamps, values: s.values },
      forecast: {
        model,
        horizon: stepMs > 0 ? clampSteps(Math.ceil(seriesHorizonMs / stepMs)) : 1,
        confidence: options.forecast.confidence,
        ...(periods.length ? { periods } : {}),
        ...(durationMs(options.forecast.trainingWindow)
          ? { trainingWindowMs: durationMs(options.forecast.trainingWindow) }
          : {}),
        ...(options.capacity.sinceLastReset ? { currentRegimeOnly: true } : {}),
        maxPoints,
      },
      ...(options.display.showAnomalies
        ? {
            anomalies: {
              direction:
                custom.anomalyDirection && custom.anomalyDirection !== 'inherit'
                  ? custom.anomalyDirection
                  : options.anomalies.direction,
              sensitivity: options.anomalies.sensitivity,
              minDurationPoints: options.anomalies.minDurationPoints,
              ...(options.anomalies.minDeviationPercent > 0
                ? { minDeviation: options.anomalies.minDeviationPercent / 100 }
                : {}),
            },
          }
        : {}),
      ...(threshold !== undefined ? { capacityThreshold: threshold } : {}),
    });
  }
  return { requests, skipped, horizonMs };
}

const stepCache = new WeakMap<ArrayLike<number>, number>();

/** medianStepMs, remembered per timestamps array: the chart asks for it on every redraw. */
export function seriesStepMs(timestamps: ArrayLike<number>): number {
  let step = stepCache.get(timestamps);
  if (step === undefined) {
    step = medianStepMs(timestamps);
    stepCache.set(timestamps, step);
  }
  return step;
}

/** "1d, 1w" → steps at the series' resolution; periods shorter than two steps cannot be seen. */
export function periodsInSteps(periods: string, stepMs: number): number[] {
  if (stepMs <= 0) {
    return [];
  }
  return periods
    .split(',')
    .map((p) => durationMs(p.trim()))
    .filter((ms): ms is number => ms !== undefined)
    .map((ms) => Math.round(ms / stepMs))
    .filter((steps) => steps >= 2);
}

export function durationMs(value: string | undefined): number | undefined {
  if (!value || value.trim() === '') {
    return undefined;
  }
  try {
    const ms = rangeUtil.intervalToMs(value.trim());
    return Number.isFinite(ms) && ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

function clampSteps(steps: number): number {
  return Math.max(1, Math.min(MAX_HORIZON_STEPS, steps));
}

function finite(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
