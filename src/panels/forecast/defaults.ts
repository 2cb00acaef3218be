import { LegendDisplayMode } from '@grafana/schema';

import { type ForecastPanelOptions, OPTIONS_VERSION } from './types';

export const DEFAULT_OPTIONS: ForecastPanelOptions = {
  optionsVersion: OPTIONS_VERSION,
  model: { kind: 'auto', periods: '' },
  forecast: { horizon: '6h', confidence: 0.95, trainingWindow: '' },
  // A 95 % band leaves 1 point in 20 outside by design, so at sensitivity 1 the busy peaks and quiet
  // troughs of a daily cycle got flagged. A band a third wider leaves about 1 in 100 outside by chance.
  // A smooth series gets a hair-thin band, so a floor on the departure itself: 5 % of the expected value.
  anomalies: { direction: 'both', sensitivity: 0.75, minDurationPoints: 3, minDeviationPercent: 5 },
  capacity: {},
  display: { showBand: true, showFitted: true, showAnomalies: true },
  legend: { showLegend: true, displayMode: LegendDisplayMode.List, placement: 'bottom', calcs: [] },
};

export const CONFIDENCE_CHOICES = [0.8, 0.9, 0.95, 0.99];
export const MIN_SENSITIVITY = 0.25;
export const MAX_SENSITIVITY = 4;
/** Beyond this the forecast is mostly band; it also bounds the work per series. */
export const MAX_HORIZON_STEPS = 5000;
