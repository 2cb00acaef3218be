import { FieldType } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../defaults';
import type { PanelSeries } from '../frames';
import { periodsInSteps, planRequests } from '../requests';
import type { ForecastFieldConfig, ForecastPanelOptions } from '../types';

const MIN = 60_000;

function series(id: string, custom: ForecastFieldConfig = {}, stepMs = 5 * MIN): PanelSeries {
  const timestamps = Array.from({ length: 100 }, (_, i) => i * stepMs);
  const values = timestamps.map((_, i) => i);
  return {
    id,
    name: id,
    timestamps,
    values,
    field: { name: 'Value', type: FieldType.number, config: { custom }, values },
  };
}

const options: ForecastPanelOptions = {
  ...DEFAULT_OPTIONS,
  model: { kind: 'seasonal', periods: '1d, 1w' },
  forecast: { horizon: '6h', confidence: 0.9, trainingWindow: '2d' },
  anomalies: { direction: 'above', sensitivity: 2, minDurationPoints: 4, minDeviationPercent: 10 },
  capacity: { threshold: 0.9 },
};

describe('planRequests', () => {
  it('turns panel options into engine requests in the series own steps', () => {
    const { requests, horizonMs } = planRequests([series('a')], options, 1500);
    expect(requests).toEqual([
      {
        id: 'a',
        series: { timestamps: expect.any(Array), values: expect.any(Array) },
        forecast: {
          model: 'seasonal',
          horizon: 72,
          confidence: 0.9,
          periods: [288, 2016],
          trainingWindowMs: 2 * 86_400_000,
          maxPoints: 1500,
        },
        anomalies: { direction: 'above', sensitivity: 2, minDurationPoints: 4, minDeviation: 0.1 },
        capacityThreshold: 0.9,
      },
    ]);
    expect(horizonMs).toBe(6 * 3_600_000);
  });

  it('"fit since the last reset" asks the engine for the current regime only', () => {
    const plain = planRequests([series('a')], options).requests[0].forecast;
    const since = planRequests([series('a')], { ...options, capacity: { threshold: 0.9, sinceLastReset: true } }).requests[0].forecast;
    expect(plain.currentRegimeOnly).toBeUndefined();
    expect(since.currentRegimeOnly).toBe(true);
  });

  it('lets a field override change the model, horizon, direction and threshold of one series', () => {
    const overridden = series('b', {
      forecastModel: 'linear',
      forecastHorizon: '1d',
      anomalyDirection: 'below',
      capacityThreshold: 100,
    });
    const { requests, horizonMs } = planRequests([series('a'), overridden], options);
    const b = requests.find((r) => r.id === 'b')!;
    expect(b.forecast).toMatchObject({ model: 'linear', horizon: 288 });
    expect(b.forecast.periods).toBeUndefined();
    expect(b.anomalies?.direction).toBe('below');
    expect(b.capacityThreshold).toBe(100);
    expect(requests.find((r) => r.id === 'a')!.forecast.model).toBe('seasonal');
    // The time axis is extended by the longest horizon in the panel.
    expect(horizonMs).toBe(86_400_000);
  });

  it('"inherit" keeps the panel setting, and "do not forecast" skips the series', () => {
    const { requests, skipped } = planRequests(
      [series('a', { forecastModel: 'inherit', anomalyDirection: 'inherit' }), series('limit', { skipForecast: true })],
      options
    );
    expect(requests.map((r) => r.id)).toEqual(['a']);
    expect(requests[0].forecast.model).toBe('seasonal');
    expect(requests[0].anomalies?.direction).toBe('above');
    expect(skipped).toEqual(['limit']);
  });

  it('asks for no anomalies when they are hidden', () => {
    const hidden = { ...options, display: { ...options.display, showAnomalies: false } };
    expect(planRequests([series('a')], hidden).requests[0].anomalies).toBeUndefined();
  });
});

describe('steps', () => {
  it('drops seasonal periods the series cannot show and ignores bad durations', () => {
    expect(periodsInSteps('1d, 1w, 5m, nonsense', 5 * MIN)).toEqual([288, 2016]);
    expect(periodsInSteps('1d', 0)).toEqual([]);
  });
});
