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
    [
      'already over',
      row({ status: 'already-over', current: 0.934 }),
      'At 93.4 % now, already at or over 90 %. Model: linear (OLS), 95 %.',
    ],
  ])('%s', (_name, r, text) => {
    const out = capacityExplanation(r, ctx);
    expect(out).toBe(text);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T|0\.9\b/);
  });

  test.each([
    [
      'cannot model',
      row({ status: 'cannot-model', code: 'too-short', reason: 'Only 3 points.', model: undefined }),
      'Only 3 points.',
    ],
    [
      'flat series',
      row({
        status: 'not-within-horizon',
        code: 'constant',
        reason: 'Flat at 40.0 % over the range.',
        model: undefined,
      }),
      'Flat at 40.0 % over the range.',
    ],
    ['pending', row({ status: 'pending', reason: 'Estimating…', model: undefined }), 'Estimating…'],
  ])('keeps the reason of a row without times: %s', (_name, r, text) => {
    expect(capacityExplanation(r, ctx)).toBe(text);
  });
});

describe('regimes in the explanation', () => {
  const change = { atMs: Date.UTC(2026, 10, 22, 13, 5), before: 0.962, after: 0.45, direction: 'drop' as const };

  test('a volume fitted since its compaction says so, with the levels either side', () => {
    const text = capacityExplanation(
      row({
        likelyMs: AS_OF + 5 * DAY,
        earliestMs: AS_OF + 4 * DAY,
        latestMs: AS_OF + 6 * DAY,
        regime: { sinceMs: change.atMs, change, earlierChanges: 0 },
      }),
      ctx
    );
    expect(text).toMatch(
      /^Likely to reach 90 % on Mon 30 Nov 13:40 \(in 5 d\).*Fitted since the compaction on Sun 22 Nov 13:05 \(96\.2 % → 45 %\)\.$/
    );
  });

  test('a container is restarted, not compacted', () => {
    const text = capacityExplanation(
      row({
        target: { kind: 'memory', namespace: 'demo', pod: 'search-0', container: 'search' },
        likelyMs: AS_OF + DAY,
        regime: { sinceMs: change.atMs, change, earlierChanges: 1 },
      }),
      ctx
    );
    expect(text).toMatch(/Fitted since the restart on Sun 22 Nov 13:05/);
  });

  test('a regime too short to fit names the reset and when to look again', () => {
    const text = capacityExplanation(
      row({
        status: 'cannot-model',
        code: 'regime-too-short',
        model: undefined,
        reason:
          'The series dropped from 0.962 to 0.450 at 2026-11-22T13:05Z (a reset or level shift): 4 points since, 12 needed to fit a trend. The regime before it is not extrapolated; try again in 160m.',
        regime: { sinceMs: change.atMs, change, earlierChanges: 0 },
      }),
      ctx
    );
    expect(text).toBe(
      'Compaction on Sun 22 Nov 13:05 (96.2 % → 45 %): too little data since to fit a trend, and the level before it says nothing about now. Try again in 160m.'
    );
  });

  test('no regime change: no note', () => {
    expect(
      capacityExplanation(row({ likelyMs: AS_OF + DAY, regime: { sinceMs: AS_OF - 7 * DAY, earlierChanges: 0 } }), ctx)
    ).not.toMatch(/Fitted since/);
  });
});
