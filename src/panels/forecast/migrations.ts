import { isValidDuration, type PanelModel } from '@grafana/data';

import type { AnomalyDirection, ModelChoice } from '../../analytics';

import { DEFAULT_OPTIONS, MAX_SENSITIVITY, MIN_SENSITIVITY } from './defaults';
import { type ForecastPanelOptions, OPTIONS_VERSION } from './types';

const MODELS: ModelChoice[] = ['auto', 'linear', 'robust-linear', 'seasonal'];
const DIRECTIONS: AnomalyDirection[] = ['above', 'below', 'both'];

type Loose = Record<string, unknown>;

/**
 * Brings saved options forward. The design card's flat shape (every setting at the top level, what
 * people write by hand in provisioned JSON) is grouped; any shape is also repaired: a confidence
 * written as a percentage, an unknown model or an invalid duration would otherwise reach the engine
 * and fail there with a less helpful message. Missing settings take today's defaults: no release
 * ever saved another option version (the panel is unreleased), so there are no older defaults to keep.
 */
export function migrateOptions(panel: PanelModel<Partial<ForecastPanelOptions>>): ForecastPanelOptions {
  const saved = (panel.options ?? {}) as Loose;
  return normalise(isGrouped(saved) ? saved : fromFlat(saved));
}

/** When switching from Grafana's time series panel, keep what means the same here. */
export function fromTimeSeriesPanel(prevOptions: Loose | undefined): Partial<ForecastPanelOptions> {
  const legend = prevOptions?.legend as ForecastPanelOptions['legend'] | undefined;
  return legend ? { legend } : {};
}

function isGrouped(saved: Loose): boolean {
  return typeof saved.model === 'object' && saved.model !== null;
}

function fromFlat(saved: Loose): Loose {
  return {
    model: { kind: saved.model, periods: saved.seasonalPeriods ?? saved.periods },
    forecast: { horizon: saved.horizon, confidence: saved.confidence, trainingWindow: saved.trainingWindow },
    anomalies: {
      direction: saved.anomalyDirection,
      sensitivity: saved.sensitivity,
      minDurationPoints: saved.minDuration ?? saved.minDurationPoints,
      minDeviationPercent: saved.minDeviationPercent,
    },
    capacity: { threshold: saved.threshold ?? saved.capacityThreshold },
    display: { showBand: saved.showBand, showFitted: saved.showFitted, showAnomalies: saved.showAnomalies },
    legend: saved.legend,
  };
}

function normalise(o: Loose): ForecastPanelOptions {
  const d = DEFAULT_OPTIONS;
  const model = group(o.model);
  const forecast = group(o.forecast);
  const anomalies = group(o.anomalies);
  const capacity = group(o.capacity);
  const display = group(o.display);
  const threshold = finiteNumber(capacity.threshold);
  return {
    optionsVersion: OPTIONS_VERSION,
    model: {
      kind: oneOf(model.kind, MODELS, d.model.kind),
      periods: typeof model.periods === 'string' ? model.periods : d.model.periods,
    },
    forecast: {
      horizon: duration(forecast.horizon, d.forecast.horizon),
      confidence: confidence(forecast.confidence),
      trainingWindow: duration(forecast.trainingWindow, d.forecast.trainingWindow),
    },
    anomalies: {
      direction: oneOf(anomalies.direction, DIRECTIONS, d.anomalies.direction),
      sensitivity: clamp(
        finiteNumber(anomalies.sensitivity) ?? d.anomalies.sensitivity,
        MIN_SENSITIVITY,
        MAX_SENSITIVITY
      ),
      minDurationPoints: Math.max(
        1,
        Math.round(finiteNumber(anomalies.minDurationPoints) ?? d.anomalies.minDurationPoints)
      ),
      minDeviationPercent: clamp(
        finiteNumber(anomalies.minDeviationPercent) ?? d.anomalies.minDeviationPercent,
        0,
        100
      ),
    },
    capacity: { ...(threshold === undefined ? {} : { threshold }), ...(capacity.sinceLastReset === true ? { sinceLastReset: true } : {}) },
    display: {
      showBand: bool(display.showBand, d.display.showBand),
      showFitted: bool(display.showFitted, d.display.showFitted),
      showAnomalies: bool(display.showAnomalies, d.display.showAnomalies),
    },
    legend: isObject(o.legend) ? { ...d.legend, ...(o.legend as Partial<ForecastPanelOptions['legend']>) } : d.legend,
  };
}

function group(value: unknown): Loose {
  return isObject(value) ? (value as Loose) : {};
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function finiteNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** Accepts 0.95 or 95 (people write percentages); anything else outside (0, 1) falls back. */
function confidence(value: unknown): number {
  const n = finiteNumber(value);
  if (n === undefined) {
    return DEFAULT_OPTIONS.forecast.confidence;
  }
  const fraction = n > 1 && n < 100 ? n / 100 : n;
  return fraction > 0 && fraction < 1 ? fraction : DEFAULT_OPTIONS.forecast.confidence;
}

function duration(value: unknown, fallback: string): string {
  if (typeof value !== 'string') {
    return fallback;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    return '';
  }
  return isValidDuration(trimmed) ? trimmed : fallback;
}
