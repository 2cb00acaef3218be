import type { PanelModel } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../defaults';
import { fromTimeSeriesPanel, migrateOptions } from '../migrations';
import { type ForecastPanelOptions, OPTIONS_VERSION } from '../types';

function panel(options: unknown): PanelModel<Partial<ForecastPanelOptions>> {
  return {
    id: 1,
    type: 'codesentinel-forecast-panel',
    options: options as Partial<ForecastPanelOptions>,
    fieldConfig: { defaults: {}, overrides: [] },
  };
}

describe('migrateOptions', () => {
  it('fills every default for a new panel', () => {
    expect(migrateOptions(panel({}))).toEqual(DEFAULT_OPTIONS);
  });

  it('groups the version 1 flat shape', () => {
    const migrated = migrateOptions(
      panel({
        model: 'seasonal',
        seasonalPeriods: '1d, 1w',
        horizon: '3d',
        confidence: 0.9,
        trainingWindow: '14d',
        anomalyDirection: 'above',
        sensitivity: 2,
        minDuration: 5,
        threshold: 0.9,
        showBand: false,
        showFitted: true,
        showAnomalies: false,
      })
    );
    expect(migrated).toEqual({
      ...DEFAULT_OPTIONS,
      optionsVersion: OPTIONS_VERSION,
      model: { kind: 'seasonal', periods: '1d, 1w' },
      forecast: { horizon: '3d', confidence: 0.9, trainingWindow: '14d' },
      // Not in the flat options: today's default minimum deviation.
      anomalies: { direction: 'above', sensitivity: 2, minDurationPoints: 5, minDeviationPercent: 5 },
      capacity: { threshold: 0.9 },
      display: { showBand: false, showFitted: true, showAnomalies: false },
    });
  });

  it.each([
    [95, 0.95],
    ['99', 0.99],
    [0.8, 0.8],
    [0, 0.95],
    [150, 0.95],
    ['high', 0.95],
  ])('reads confidence %p as %p', (saved, expected) => {
    expect(migrateOptions(panel({ forecast: { confidence: saved }, model: {} })).forecast.confidence).toBe(expected);
  });

  it('replaces values the engine would reject with defaults, keeping the rest', () => {
    const migrated = migrateOptions(
      panel({
        model: { kind: 'prophet', periods: '1d' },
        forecast: { horizon: 'soon', trainingWindow: '7d' },
        anomalies: { direction: 'sideways', sensitivity: 100, minDurationPoints: -3, minDeviationPercent: 250 },
        capacity: { threshold: 'NaN' },
        display: { showBand: 'yes' },
      })
    );
    expect(migrated.model).toEqual({ kind: 'auto', periods: '1d' });
    expect(migrated.forecast).toEqual({ horizon: '6h', confidence: 0.95, trainingWindow: '7d' });
    expect(migrated.anomalies).toEqual({
      direction: 'both',
      sensitivity: 4,
      minDurationPoints: 1,
      minDeviationPercent: 100,
    });
    expect(migrated.capacity).toEqual({});
    expect(migrated.display.showBand).toBe(true);
  });

  it('keeps "fit since the last reset" only when it is exactly true', () => {
    expect(migrateOptions(panel({ optionsVersion: 4, model: {}, capacity: { threshold: 0.9, sinceLastReset: true } })).capacity).toEqual({ threshold: 0.9, sinceLastReset: true });
    expect(migrateOptions(panel({ optionsVersion: 4, model: {}, capacity: { sinceLastReset: 'yes' } })).capacity).toEqual({});
  });

  it('is idempotent', () => {
    const once = migrateOptions(panel({ model: 'linear', horizon: '2h', threshold: 80 }));
    expect(migrateOptions(panel(once))).toEqual(once);
  });

  describe('anomaly defaults', () => {
    it('gives a new panel the calm defaults', () => {
      expect(migrateOptions(panel({})).anomalies).toEqual({
        direction: 'both',
        sensitivity: 0.75,
        minDurationPoints: 3,
        minDeviationPercent: 5,
      });
    });

    test.each([
      ['a grouped panel without anomaly settings', { optionsVersion: 4, model: { kind: 'auto' } }],
      ['an empty anomalies group', { optionsVersion: 4, model: { kind: 'auto' }, anomalies: {} }],
      ['the flat shape', { model: 'linear', horizon: '2h' }],
    ])('fills %s with the defaults', (_name, saved) => {
      expect(migrateOptions(panel(saved)).anomalies).toEqual(DEFAULT_OPTIONS.anomalies);
    });

    it('fills only the missing anomaly settings, and migrating again changes nothing', () => {
      const migrated = migrateOptions(panel({ optionsVersion: 4, model: {}, anomalies: { direction: 'above' } }));
      expect(migrated.anomalies).toEqual({
        direction: 'above',
        sensitivity: 0.75,
        minDurationPoints: 3,
        minDeviationPercent: 5,
      });
      expect(migrated.optionsVersion).toBe(OPTIONS_VERSION);
      expect(migrateOptions(panel(migrated))).toEqual(migrated);
    });
  });

  it('keeps the legend when switching from the time series panel', () => {
    const legend = { showLegend: false, displayMode: 'table', placement: 'right', calcs: ['mean'] };
    expect(fromTimeSeriesPanel({ legend, tooltip: { mode: 'single' } })).toEqual({ legend });
    expect(fromTimeSeriesPanel(undefined)).toEqual({});
  });
});
