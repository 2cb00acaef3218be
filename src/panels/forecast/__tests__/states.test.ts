import { FieldType } from '@grafana/data';

import type { AnalysisResult } from '../../../analytics';
import { DEFAULT_OPTIONS } from '../defaults';
import type { PanelSeries } from '../frames';
import {
  cannotModelText,
  capacityText,
  describeBlockingState,
  describeModelKey,
  describePartialState,
  durationRange,
  shortDuration,
} from '../states';

const DAY = 86_400_000;
const HOUR = 3_600_000;

function series(id: string, values: Array<number | null>): PanelSeries {
  return {
    id,
    name: id,
    timestamps: values.map((_, i) => i * 60_000),
    values,
    field: { name: id, type: FieldType.number, config: {}, values },
  };
}

const tooShort: AnalysisResult = {
  id: 'auth',
  ok: false,
  elapsedMs: 1,
  error: { ok: false, code: 'too-short', reason: 'too short', minPoints: 24 },
};

describe('describeBlockingState', () => {
  it('says there is no data and what to do', () => {
    expect(describeBlockingState([], { series: [], framesWithoutTime: 0 })).toEqual({
      severity: 'info',
      title: 'No data',
      detail: 'The query returned no numeric series. Check the query and widen the time range.',
    });
  });

  it('shows the data source error (as text) when nothing came back', () => {
    const notice = describeBlockingState([{ refId: 'A', message: '<b>bad_data</b>: parse error', status: 400 }], {
      series: [],
      framesWithoutTime: 0,
    });
    expect(notice).toEqual({
      severity: 'error',
      title: 'The data source returned an error',
      detail: 'A: <b>bad_data</b>: parse error (400)',
    });
  });

  it('asks for a range query when frames have no time field', () => {
    expect(describeBlockingState(undefined, { series: [], framesWithoutTime: 2 })?.title).toBe(
      'No time field in the query result'
    );
  });

  it('lets the chart render when there is at least one series', () => {
    expect(describeBlockingState([{ message: 'B failed' }], { series: [series('a', [1])], framesWithoutTime: 0 })).toBe(
      undefined
    );
  });
});

describe('describePartialState', () => {
  it('names the series that could not be modelled and keeps the others', () => {
    const all = [series('checkout', [1, 2, 3]), series('auth', [1, null, 2])];
    const results = new Map<string, AnalysisResult>([['auth', tooShort]]);
    expect(describePartialState(undefined, all, results)).toEqual([
      {
        severity: 'warning',
        title: '1 of 2 series could not be modelled; the others are shown',
        detail: 'auth: needs at least 24 points, has 2 — widen the time range',
      },
    ]);
  });

  it('is an error when no series could be modelled, and reports query errors too', () => {
    const notices = describePartialState(
      [{ refId: 'B', message: 'timeout' }],
      [series('auth', [1, 2])],
      new Map([['auth', tooShort]])
    );
    expect(notices.map((n) => [n.severity, n.title])).toEqual([
      ['warning', 'Some queries failed'],
      ['error', 'The series could not be modelled'],
    ]);
  });

  it('says nothing while all is well', () => {
    expect(describePartialState(undefined, [series('a', [1])], new Map())).toEqual([]);
  });
});

describe('cannotModelText', () => {
  it.each([
    ['constant', 'the series is constant, so there is nothing to forecast beyond its value'],
    ['all-missing', 'the series has no values in this time range'],
    ['internal', 'worker crashed'],
  ] as const)('explains %s', (code, text) => {
    expect(cannotModelText({ ok: false, code, reason: 'worker crashed' }, 10)).toBe(text);
  });
});

describe('capacityText', () => {
  const pct = (v: number) => `${Math.round(v * 100)} %`;
  it.each([
    [
      'both bounds',
      { earliestMs: 4 * DAY, likelyMs: 6 * DAY, latestMs: 9 * DAY },
      'crosses 90 %: likely in ~6 d (4–9 d)',
    ],
    [
      'bounds close together',
      { earliestMs: 3.6 * DAY, likelyMs: 4 * DAY, latestMs: 4.3 * DAY },
      'crosses 90 %: likely in ~4 d (3.6–4.3 d)',
    ],
    [
      'bounds that round to one number',
      { earliestMs: 4 * DAY, likelyMs: 4 * DAY, latestMs: 4 * DAY },
      'crosses 90 %: likely in ~4 d',
    ],
    [
      'no latest (the band bottom stays below)',
      { earliestMs: 2 * DAY, likelyMs: 5 * DAY },
      'crosses 90 %: likely in ~5 d, earliest 2 d',
    ],
    ['earliest equal to likely', { earliestMs: 3 * DAY, likelyMs: 3 * DAY }, 'crosses 90 %: likely in ~3 d'],
    ['only earliest', { earliestMs: 30 * HOUR }, 'crosses 90 %: likely in ~30 h'],
  ])('names each bound: %s', (_name, times, text) => {
    const estimate = { threshold: 0.9, status: 'crosses' as const, reason: '', ...times };
    expect(capacityText(estimate, 0, pct)).toBe(text);
  });

  it.each([
    ['already-over', 'already above 90 %'],
    ['not-within-horizon', 'does not reach 90 % within the forecast'],
    ['cannot-model', 'no capacity estimate: flat series'],
  ] as const)('words %s', (status, text) => {
    expect(capacityText({ threshold: 0.9, status, reason: 'flat series' }, 0, pct)).toBe(text);
  });

  it('picks units people read at a glance', () => {
    expect(shortDuration(30 * HOUR)).toBe('30 h');
    expect(shortDuration(36 * HOUR)).toBe('2 d');
    expect(shortDuration(2 * DAY)).toBe('2 d');
    expect(shortDuration(20 * 60_000)).toBe('20 min');
    expect(shortDuration(-5)).toBe('0 s');
    expect(durationRange(10 * HOUR, 3 * DAY)).toBe('<1–3 d');
    expect(durationRange(3.6 * DAY, 4.3 * DAY)).toBe('3.6–4.3 d');
    expect(durationRange(4 * DAY, 4 * DAY)).toBe('4–4 d');
  });
});

describe('describeModelKey', () => {
  function modelled(id: string, label: string, anomalies: number): AnalysisResult {
    const band = {
      timestamps: new Float64Array(0),
      mean: new Float64Array(0),
      lower: new Float64Array(0),
      upper: new Float64Array(0),
    };
    return {
      id,
      ok: true,
      elapsedMs: 1,
      forecast: {
        ok: true,
        model: { kind: 'linear', periods: [], confidence: 0.95, label, why: 'No repeating cycle was found.' },
        stepMs: 60_000,
        fitted: band,
        forecast: band,
        preparation: {
          inputPoints: 9,
          outputPoints: 9,
          stepMs: 60_000,
          droppedNonFinite: 0,
          mergedDuplicates: 0,
          reordered: false,
          imputed: 0,
        },
      },
      anomalies: Array.from({ length: anomalies }, (_, i) => ({
        startMs: i,
        endMs: i,
        direction: 'above' as const,
        score: 3,
        reason: 'above the band',
        points: [i],
      })),
    };
  }
  const all = [series('checkout', [1, 2]), series('auth', [1, 2])];

  it('names the model and the marks the panel draws, and explains them in the tooltip', () => {
    const results = new Map([
      ['checkout', modelled('checkout', 'linear (OLS), 95 %', 2)],
      ['auth', modelled('auth', 'linear (OLS), 95 %', 0)],
    ]);
    const key = describeModelKey(all, results, DEFAULT_OPTIONS, false);
    expect(key.title).toBe('Forecast (dashed): linear (OLS), 95 % · band (shaded) · fit (dotted) · 2 anomalies (red)');
    expect(key.detail).toContain('forecast horizon (6h)');
    expect(key.detail).toContain('where 95 % of future points are expected');
    expect(key.detail).toContain('checkout: linear (OLS), 95 %. No repeating cycle was found.');
  });

  it('counts models when series differ, and leaves out what the options hide', () => {
    const results = new Map([
      ['checkout', modelled('checkout', 'seasonal MSTL, period 1d, 95 %', 1)],
      ['auth', modelled('auth', 'linear (OLS), 95 %', 0)],
    ]);
    const options = { ...DEFAULT_OPTIONS, display: { showBand: false, showFitted: false, showAnomalies: true } };
    const key = describeModelKey(all, results, options, false);
    expect(key.title).toBe('Forecast (dashed): 2 models · 1 anomaly (red)');
    expect(key.detail).not.toContain('shaded');
  });

  it('says it is still modelling while results are on their way', () => {
    expect(describeModelKey(all, new Map(), DEFAULT_OPTIONS, true).title).toBe(
      'Forecast (dashed): modelling… · band (shaded) · fit (dotted)'
    );
  });
});
