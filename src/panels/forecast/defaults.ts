import { LegendDisplayMode } from '@grafana/schema';

import { type ForecastPanelOptions, OPTIONS_VERSION } from './types';

export const DEFAULT_OPTIONS: ForecastPanelOptions = {
  optionsVersion: OPTIONS_VERSION,
  model: { kind: 'auto', periods: '' },
  forecast: { horizon: '6h', confidence: 0.95, trainingWindow: '' },
  anomalies: { direction: 'both', sensitivity: 1, minDurationPoints: 3 },
  capacity: {},
  display: { showBand: true, showFitted: true, showAnomalies: true },
  legend: { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
};

export const CONFIDENCE_CHOICES = [0.8, 0.9, 0.95, 0.99];
export const MIN_SENSITIVITY = 0.25;
export const MAX_SENSITIVITY = 4;
/** Beyond this the forecast is mostly band; it also bounds the work per series. */
export const MAX_HORIZON_STEPS = 5000;
