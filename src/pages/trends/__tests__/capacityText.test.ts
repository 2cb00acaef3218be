import { formatPercent } from '../../../analytics';
import type { CapacityRow } from '../capacityRows';
import { capacityExplanation, formatMoment } from '../capacityText';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Wed 25 Nov 2026 13:40 UTC
const AS_OF = Date.UTC(2026, 10, 25, 13, 40);
const ctx = { threshold: 0.9, asOfMs: AS_OF, horizonMs: 7 * DAY, confidence: 0.95, timeZone: 'utc' };

function row(partial: Partial<CapacityRow>): CapacityRow {
  return {
    key: 'volume:demo/search-data',
    target: { kind: 'volume', namespace: 'demo', claim: 'search-data' },
    resource: 'demo/search-data',
    status: 'crosses',
    reason: 'Likely to reach 0.9 at 2026-11-30T13:29:19.027Z',
    model: 'linear (OLS), 95 %',
    ...partial,
  };
}

describe('formatPercent (the one percent format, used for shares)', () => {
  test.each([
    [0.9, '90 %'],
    [0.875, '87.5 %'],
    [0.66789, '66.8 %'],
    [1, '100 %'],
    [0.000123, '0.0123 %'],
    [Number.NaN, '–'],
  ])('%p → %p', (share, text) => {
    expect(formatPercent(share)).toBe(text);
  });
});

describe('formatMoment', () => {
  it('reads as a weekday, day, month and minutes, without seconds or a Z', () => {
    expect(formatMoment(AS_OF + 2 * DAY + 5 * 60_000 + 27_481, 'utc')).toBe('Fri 27 Nov 13:45');
  });
});

describe('capacityExplanation', () => {
  test.each([
    [
      'crosses with both bounds',
      row({ earliestMs: AS_OF + 2 * DAY, likelyMs: AS_OF + 5 * DAY, latestMs: AS_OF + 6 * DAY }),
      'Likely to reach 90 % on Mon 30 Nov 13:40 (in 5 d); earliest Fri 27 Nov 13:40 (in 2 d, top of the 95 % band); ' +
        'latest Tue 1 Dec 13:40 (in 6 d, bottom of the band). Model: linear (OLS), 95 %.',
    ],
    [
      'crosses, the bottom of the band never does',
      row({ earliestMs: AS_OF + 2 * DAY, likelyMs: AS_OF + 5 * DAY + 3 * HOUR }),
      'Likely to reach 90 % on Mon 30 Nov 16:40 (in 5 d 3 h); earliest Fri 27 Nov 13:40 (in 2 d, top of the 95 % band); ' +
        'the bottom of the band stays below 90 % until Wed 2 Dec 13:40. Model: linear (OLS), 95 %.',
    ],
    [
      'not within the horizon, only the band top reaches it',
      row({ status: 'not-within-horizon', earliestMs: AS_OF + 6 * DAY }),
      'Not expected to reach 90 % before Wed 2 Dec 13:40; only the top of the 95 % band does, on Tue 1 Dec 13:40 (in 6 d). ' +
        'Model: linear (OLS), 95 %.',
    ],
    [
      'not within the horizon at all',
      row({ status: 'not-within-horizon' }),
      'Not expected to reach 90 % before Wed 2 Dec 13:40, even at the top of the 95 % band. Model: linear (OLS), 95 %.',
    ],
    ['already over', row({ status: 'already-over', current: 0.934 }), 'At 93.4 % now, already at or over 90 %. Model: linear (OLS), 95 %.'],
  ])('%s', (_name, r, text) => {
    const out = capacityExplanation(r, ctx);
    expect(out).toBe(text);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T|0\.9\b/);
  });

  test.each([
    ['cannot model', row({ status: 'cannot-model', code: 'too-short', reason: 'Only 3 points.', model: undefined }), 'Only 3 points.'],
    ['flat series', row({ status: 'not-within-horizon', code: 'constant', reason: 'Flat at 40.0 % over the range.', model: undefined }), 'Flat at 40.0 % over the range.'],
    ['pending', row({ status: 'pending', reason: 'Estimating…', model: undefined }), 'Estimating…'],
  ])('keeps the reason of a row without times: %s', (_name, r, text) => {
    expect(capacityExplanation(r, ctx)).toBe(text);
  });
});
