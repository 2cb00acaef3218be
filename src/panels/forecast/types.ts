import type { VizLegendOptions } from '@grafana/schema';

import type { AnomalyDirection, ModelChoice } from '../../analytics';

/** Bumped whenever the saved option shape changes; `migrations.ts` brings older shapes forward. */
export const OPTIONS_VERSION = 4;

export interface ModelOptions {
  kind: ModelChoice;
  /** Seasonal periods as Grafana durations, comma separated ("1d, 1w"); empty = detect. */
  periods: string;
}

export interface ForecastSettings {
  /** How far past the last point to forecast, a Grafana duration ("6h", "7d"). */
  horizon: string;
  /** Two-sided prediction-interval level in (0, 1). */
  confidence: number;
  /** Fit only on the most recent part of the data, a Grafana duration; empty = all of it. */
  trainingWindow: string;
}

export interface AnomalySettings {
  direction: AnomalyDirection;
  /** 1 = the model's band as is; higher flags more. */
  sensitivity: number;
  /** Consecutive points outside the band before an interval counts. */
  minDurationPoints: number;
  /** Departures smaller than this percentage of the expected value are never flagged. */
  minDeviationPercent: number;
}

export interface CapacitySettings {
  /** Empty = no capacity estimate. In the series' own unit. */
  threshold?: number;
  /** Fit only since the last reset or level shift (a compaction, restart, scale-out). */
  sinceLastReset?: boolean;
}

export interface DisplaySettings {
  showBand: boolean;
  showFitted: boolean;
  showAnomalies: boolean;
}

export interface ForecastPanelOptions {
  optionsVersion: number;
  model: ModelOptions;
  forecast: ForecastSettings;
  anomalies: AnomalySettings;
  capacity: CapacitySettings;
  display: DisplaySettings;
  legend: VizLegendOptions;
}

/** Per-series overrides (field config `custom`); 'inherit' / undefined use the panel options. */
export interface ForecastFieldConfig {
  forecastModel?: ModelChoice | 'inherit';
  forecastHorizon?: string;
  anomalyDirection?: AnomalyDirection | 'inherit';
  capacityThreshold?: number;
  /** Draw the series but do not model it (e.g. a capacity line that is itself a query). */
  skipForecast?: boolean;
}
