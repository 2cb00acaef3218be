import { isValidDuration, type PanelModel } from '@grafana/data';

import type { AnomalyDirection, ModelChoice } from '../../analytics';

import {
  DEFAULT_OPTIONS,
  LEGACY_ANOMALY_DEFAULTS,
  MAX_SENSITIVITY,
  MIN_SENSITIVITY,
  V3_ANOMALY_DEFAULTS,
} from './defaults';
import { type ForecastPanelOptions, OPTIONS_VERSION } from './types';

const MODELS: ModelChoice[] = ['auto', 'linear', 'robust-linear', 'seasonal'];
const DIRECTIONS: AnomalyDirection[] = ['above', 'below', 'both'];

type Loose = Record<string, unknown>;

/**
 * Brings saved options forward. Version 1 (the design card's flat shape, still what people write by
 * hand in provisioned JSON) kept every setting at the top level; version 2 groups them. Any version
 * is also repaired: a confidence written as a percentage, an unknown model or an invalid duration
 * would otherwise reach the engine and fail there with a less helpful message. Version 3 made the
 * anomaly defaults calmer and version 4 added a minimum deviation (5 % for new panels); a panel saved
 * before either fills missing anomaly settings with the defaults of its own version.
 */
export function migrateOptions(panel: PanelModel<Partial<ForecastPanelOptions>>): ForecastPanelOptions {
  const saved = (panel.options ?? {}) as Loose;
  const grouped = isGrouped(saved) ? saved : fromFlat(saved);
  return normalise(grouped, anomalyDefaultsOf(savedVersion(saved)));
}

/** The version a panel was saved with: the flat shape with any setting in it is version 1; nothing saved is new. */
function savedVersion(saved: Loose): number {
  if (typeof saved.optionsVersion === 'number') {
    return saved.optionsVersion;
  }
  return !isGrouped(saved) && Object.keys(saved).length > 0 ? 1 : OPTIONS_VERSION;
}

function anomalyDefaultsOf(version: number): ForecastPanelOptions['anomalies'] {
  return version < 3 ? LEGACY_ANOMALY_DEFAULTS : version < 4 ? V3_ANOMALY_DEFAULTS : DEFAULT_OPTIONS.anomalies;
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

function normalise(o: Loose, anomalyDefaults: ForecastPanelOptions['anomalies']): ForecastPanelOptions {
  const d = { ...DEFAULT_OPTIONS, anomalies: anomalyDefaults };
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
