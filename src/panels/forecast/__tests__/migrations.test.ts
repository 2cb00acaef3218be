import type { PanelModel } from '@grafana/data';

import { DEFAULT_OPTIONS, LEGACY_ANOMALY_DEFAULTS } from '../defaults';
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
      // A version 1 panel keeps flagging what it flagged: no minimum deviation.
      anomalies: { direction: 'above', sensitivity: 2, minDurationPoints: 5, minDeviationPercent: 0 },
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

  describe('anomaly defaults (calmer since version 3, a minimum deviation since version 4)', () => {
    it('gives a new panel the calmer defaults', () => {
      expect(migrateOptions(panel({})).anomalies).toEqual({
        direction: 'both',
        sensitivity: 0.75,
        minDurationPoints: 3,
        minDeviationPercent: 5,
      });
    });

    test.each([
      ['version 2 without anomaly settings', { optionsVersion: 2, model: { kind: 'auto' } }],
      ['version 2 with an empty anomalies group', { optionsVersion: 2, model: { kind: 'auto' }, anomalies: {} }],
      ['version 1 flat shape', { model: 'linear', horizon: '2h' }],
    ])('keeps the old defaults for %s, so a saved dashboard flags what it flagged before', (_name, saved) => {
      expect(migrateOptions(panel(saved)).anomalies).toEqual(LEGACY_ANOMALY_DEFAULTS);
    });

    it('fills only the missing settings of a version 2 panel with the old defaults', () => {
      const migrated = migrateOptions(panel({ optionsVersion: 2, model: {}, anomalies: { direction: 'above' } }));
      expect(migrated.anomalies).toEqual({
        direction: 'above',
        sensitivity: 1,
        minDurationPoints: 3,
        minDeviationPercent: 0,
      });
      expect(migrated.optionsVersion).toBe(OPTIONS_VERSION);
      // Saved as the current version with explicit values: migrating again changes nothing.
      expect(migrateOptions(panel(migrated))).toEqual(migrated);
    });

    it('uses the calmer defaults for a version 3 panel missing a setting, without a minimum deviation', () => {
      const migrated = migrateOptions(panel({ optionsVersion: 3, model: {}, anomalies: { direction: 'above' } }));
      expect(migrated.anomalies).toEqual({
        direction: 'above',
        sensitivity: 0.75,
        minDurationPoints: 3,
        minDeviationPercent: 0,
      });
    });

    it('gives a version 4 panel missing the setting the 5 % minimum deviation', () => {
      const migrated = migrateOptions(panel({ optionsVersion: 4, model: {}, anomalies: { direction: 'above' } }));
      expect(migrated.anomalies.minDeviationPercent).toBe(5);
    });
  });

  it('keeps the legend when switching from the time series panel', () => {
    const legend = { showLegend: false, displayMode: 'table', placement: 'right', calcs: ['mean'] };
    expect(fromTimeSeriesPanel({ legend, tooltip: { mode: 'single' } })).toEqual({ legend });
    expect(fromTimeSeriesPanel(undefined)).toEqual({});
  });
});
