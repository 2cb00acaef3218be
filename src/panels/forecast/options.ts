import { type FieldConfigEditorBuilder, isValidDuration, type PanelOptionsEditorBuilder } from '@grafana/data';
import { commonOptionsBuilder } from '@grafana/ui';

import { formatPercent } from '../../analytics';

import { CONFIDENCE_CHOICES, DEFAULT_OPTIONS, MAX_SENSITIVITY, MIN_SENSITIVITY } from './defaults';
import type { ForecastFieldConfig, ForecastPanelOptions } from './types';

const MODEL_OPTIONS = [
  { value: 'auto', label: 'Auto', description: 'Pick by holdout error among the models below' },
  { value: 'linear', label: 'Linear', description: 'Least-squares trend' },
  { value: 'robust-linear', label: 'Robust linear', description: 'Theil–Sen trend, ignores outliers' },
  { value: 'seasonal', label: 'Seasonal', description: 'MSTL decomposition with ETS trend' },
] as const;

const DIRECTION_OPTIONS = [
  { value: 'both', label: 'Both' },
  { value: 'above', label: 'Above' },
  { value: 'below', label: 'Below' },
] as const;

const durationValidator = (v: string) => v.trim() === '' || isValidDuration(v.trim());

export function buildPanelOptions(builder: PanelOptionsEditorBuilder<ForecastPanelOptions>) {
  const d = DEFAULT_OPTIONS;
  builder
    .addRadio({
      path: 'model.kind',
      name: 'Model',
      category: ['Model'],
      defaultValue: d.model.kind,
      settings: { options: MODEL_OPTIONS.map((o) => ({ ...o })) },
    })
    .addTextInput({
      path: 'model.periods',
      name: 'Seasonal periods',
      description: 'Grafana durations, comma separated (e.g. "1d, 1w"). Empty: detect from the data.',
      category: ['Model'],
      defaultValue: d.model.periods,
      settings: { placeholder: 'detect' },
      showIf: (o) => o.model?.kind === 'seasonal' || o.model?.kind === 'auto',
    })
    .addTextInput({
      path: 'forecast.horizon',
      name: 'Horizon',
      description: 'How far past the last point to forecast; the time axis is extended by this much.',
      category: ['Forecast'],
      defaultValue: d.forecast.horizon,
      settings: { placeholder: '6h', validator: durationValidator },
    })
    .addSelect({
      path: 'forecast.confidence',
      name: 'Confidence',
      description: 'Level of the prediction band.',
      category: ['Forecast'],
      defaultValue: d.forecast.confidence,
      settings: { options: CONFIDENCE_CHOICES.map((c) => ({ value: c, label: formatPercent(c) })) },
    })
    .addTextInput({
      path: 'forecast.trainingWindow',
      name: 'Training window',
      description: 'Fit only on the most recent part of the range (e.g. "7d"). Empty: the whole range.',
      category: ['Forecast'],
      defaultValue: d.forecast.trainingWindow,
      settings: { placeholder: 'whole range' },
    })
    .addRadio({
      path: 'anomalies.direction',
      name: 'Flag values',
      category: ['Anomalies'],
      defaultValue: d.anomalies.direction,
      settings: { options: DIRECTION_OPTIONS.map((o) => ({ ...o })) },
    })
    .addSliderInput({
      path: 'anomalies.sensitivity',
      name: 'Sensitivity',
      description:
        'Higher flags more. At the default 0.75 a series raises well under one false alert a week on ordinary data, ' +
        'at any step (a point at 1-minute steps must be rarer than one at 1-hour steps); 1.5 about doubles the rate, ' +
        '0.5 keeps only the clearest departures.',
      category: ['Anomalies'],
      defaultValue: d.anomalies.sensitivity,
      settings: { min: MIN_SENSITIVITY, max: MAX_SENSITIVITY, step: 0.25 },
    })
    .addNumberInput({
      path: 'anomalies.minDurationPoints',
      name: 'Minimum duration (points)',
      description:
        'For series too short or irregular to model (rolling-median check): consecutive points before it counts. ' +
        'Modelled series use calibrated scores that alert at once on an extreme point and after a few moderately rare ones.',
      category: ['Anomalies'],
      defaultValue: d.anomalies.minDurationPoints,
      settings: { min: 1, integer: true },
    })
    .addNumberInput({
      path: 'anomalies.minDeviationPercent',
      name: 'Minimum deviation (%)',
      description:
        'Never flag a value closer than this to the expected one, in percent of it. A smooth series gets a very ' +
        'narrow band; this keeps a 2 % wobble from being flagged. 0 flags anything outside the band.',
      category: ['Anomalies'],
      defaultValue: d.anomalies.minDeviationPercent,
      settings: { min: 0, max: 100, step: 1 },
    })
    .addNumberInput({
      path: 'capacity.threshold',
      name: 'Threshold',
      description: 'In the series unit. Draws a line and estimates when the forecast crosses it.',
      category: ['Capacity'],
      settings: { placeholder: 'none' },
    })
    .addBooleanSwitch({
      path: 'capacity.sinceLastReset',
      name: 'Fit since the last reset',
      description:
        'Fit only the points since the last drop or jump (a compaction, a restart, a scale-out); a fit across one bends toward the old level.',
      category: ['Capacity'],
      defaultValue: false,
    })
    .addBooleanSwitch({
      path: 'display.showBand',
      name: 'Prediction band',
      category: ['Display'],
      defaultValue: d.display.showBand,
    })
    .addBooleanSwitch({
      path: 'display.showFitted',
      name: 'Fitted line',
      category: ['Display'],
      defaultValue: d.display.showFitted,
    })
    .addBooleanSwitch({
      path: 'display.showAnomalies',
      name: 'Anomalies',
      category: ['Display'],
      defaultValue: d.display.showAnomalies,
    });
  commonOptionsBuilder.addLegendOptions(builder as PanelOptionsEditorBuilder<any>);
}

/** Per-series overrides: "Overrides → Fields with name → Forecast model" etc. */
export function buildFieldConfig(builder: FieldConfigEditorBuilder<ForecastFieldConfig>) {
  builder
    .addSelect({
      path: 'forecastModel',
      name: 'Forecast model',
      category: ['Forecast'],
      defaultValue: 'inherit',
      settings: { options: [{ value: 'inherit', label: 'Panel setting' }, ...MODEL_OPTIONS.map((o) => ({ ...o }))] },
    })
    .addTextInput({
      path: 'forecastHorizon',
      name: 'Forecast horizon',
      category: ['Forecast'],
      settings: { placeholder: 'panel setting' },
    })
    .addRadio({
      path: 'anomalyDirection',
      name: 'Flag values',
      category: ['Forecast'],
      defaultValue: 'inherit',
      settings: { options: [{ value: 'inherit', label: 'Panel' }, ...DIRECTION_OPTIONS.map((o) => ({ ...o }))] },
    })
    .addNumberInput({
      path: 'capacityThreshold',
      name: 'Capacity threshold',
      category: ['Forecast'],
      settings: { placeholder: 'panel setting' },
    })
    .addBooleanSwitch({
      path: 'skipForecast',
      name: 'Do not forecast',
      description: 'Draw the series as is (e.g. a capacity limit that is itself a query).',
      category: ['Forecast'],
      defaultValue: false,
    });
}
