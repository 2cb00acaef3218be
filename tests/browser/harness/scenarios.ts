import { type DataFrame, type DataQueryError } from '@grafana/data';

import { DEFAULT_OPTIONS } from '../../../src/panels/forecast/defaults';
import type { ForecastPanelOptions } from '../../../src/panels/forecast/types';
import fixture from '../fixtures/prometheus-range.json';

import { promMatrixToFrames } from './promFrames';
import { syntheticFrames } from './synthetic';

export interface Scenario {
  frames: DataFrame[];
  errors?: DataQueryError[];
  fromMs: number;
  toMs: number;
  options: ForecastPanelOptions;
}

const requestsFixture = fixture.requests as unknown as { start: number; end: number; response: never };
const volumeFixture = fixture.volume as unknown as { start: number; end: number; response: never };

function options(patch: Partial<ForecastPanelOptions>): ForecastPanelOptions {
  return { ...DEFAULT_OPTIONS, ...patch };
}

export function scenario(name: string): Scenario {
  switch (name) {
    case 'requests':
      return {
        frames: promMatrixToFrames(requestsFixture.response, 'A', (m) => m.service, { unit: 'reqps' }),
        fromMs: requestsFixture.start * 1000,
        toMs: requestsFixture.end * 1000,
        options: options({
          model: { kind: 'seasonal', periods: '1d' },
          forecast: { horizon: '1d', confidence: 0.95, trainingWindow: '' },
          anomalies: { direction: 'both', sensitivity: 1, minDurationPoints: 3, minDeviationPercent: 5 },
        }),
      };
    case 'volume':
      return {
        frames: promMatrixToFrames(volumeFixture.response, 'A', (m) => m.persistentvolumeclaim, {
          unit: 'percentunit',
        }),
        fromMs: volumeFixture.start * 1000,
        toMs: volumeFixture.end * 1000,
        options: options({
          model: { kind: 'robust-linear', periods: '' },
          forecast: { horizon: '7d', confidence: 0.95, trainingWindow: '' },
          capacity: { threshold: 0.9 },
        }),
      };
    case 'too-short': {
      const frames = promMatrixToFrames(requestsFixture.response, 'A', (m) => m.service, { unit: 'reqps' });
      // Prometheus orders series by labels (catalog, checkout, payments): cut the first two to a handful
      // of points and keep payments whole, a partial-success panel.
      for (const frame of frames.slice(0, 2)) {
        frame.fields.forEach((f) => (f.values = f.values.slice(0, 5)));
        frame.length = 5;
      }
      return { ...scenario('requests'), frames };
    }
    case 'error':
      return {
        frames: [],
        errors: [{ refId: 'A', message: '<img src=x onerror=alert(1)> bad_data: parse error at char 5', status: 400 }],
        fromMs: requestsFixture.start * 1000,
        toMs: requestsFixture.end * 1000,
        options: DEFAULT_OPTIONS,
      };
    case 'empty':
      return {
        frames: [],
        fromMs: requestsFixture.start * 1000,
        toMs: requestsFixture.end * 1000,
        options: DEFAULT_OPTIONS,
      };
    default: {
      // "100x10000@1": the same size one step later, so a second run cannot reuse cached fits.
      const bench = /^(\d+)x(\d+)(?:@(\d+))?$/.exec(name);
      if (!bench) {
        throw new Error(`unknown scenario ${name}`);
      }
      const end = Date.UTC(2026, 9, 31) + Number(bench[3] ?? 0) * 60_000;
      const points = Number(bench[2]);
      return {
        frames: syntheticFrames(Number(bench[1]), points, end),
        fromMs: end - (points - 1) * 60_000,
        toMs: end,
        options: options({
          model: { kind: 'auto', periods: '1d' },
          forecast: { horizon: '2h', confidence: 0.95, trainingWindow: '' },
        }),
      };
    }
  }
}
