import {
  describeAssociation,
  describeLag,
  describeNothingFound,
  describeRatio,
  describeWorst,
  possessive,
} from '../explain';
import type { BottleneckFindings, SignalAssociation } from '../types';

const line: SignalAssociation = {
  id: 'throttling:checkout-1',
  subject: 'checkout-1',
  signal: 'CPU throttling',
  rho: 0.8234,
  lag: 0,
  n: 360,
  nEffective: 80,
  pValue: 1e-9,
  pAdjusted: 1e-7,
  worstLevel: 0.3,
  baselineLevel: 0.05,
  ratio: 6,
  significant: true,
};
const minuteFindings = { target: 'p95' as const, stepMs: 60_000, worstShare: 0.05 };

describe('finder wording', () => {
  test('the sentence of the issue', () => {
    expect(describeAssociation(line, minuteFindings)).toBe(
      "p95 rose with checkout-1's CPU throttling (ρ = 0.82, lag 0); CPU throttling was 6× its usual level during the slowest 5 % of minutes"
    );
  });

  test('a negative association, a lag and a zero baseline', () => {
    const text = describeAssociation(
      { ...line, rho: -0.512, lag: 2, ratio: null, worstLevel: 3, baselineLevel: 0, signal: 'cache hit ratio' },
      { target: 'error-ratio', stepMs: 120_000, worstShare: 0.05 },
      (v) => `${v} hits`
    );
    expect(text).toBe(
      "The error ratio rose as checkout-1's cache hit ratio fell (ρ = -0.51, lag 4 min, cache hit ratio first); cache hit ratio averaged 3 hits during the 5 % of 2-min intervals with the most errors, against a usual 0 hits"
    );
  });

  test('a call to another service: the callee takes the possessive, the level is in its unit', () => {
    const call = { ...line, id: 'calls-p95:calls to payments', subject: 'calls to payments', signal: 'p95 latency' };
    expect(describeAssociation({ ...call, rho: 0.8, ratio: 3.14 }, minuteFindings)).toBe(
      "p95 rose with calls to payments' p95 latency (ρ = 0.80, lag 0); p95 latency was 3.1× its usual level during the slowest 5 % of minutes"
    );
    expect(describeAssociation({ ...call, subject: 'calls to auth', rho: 0.8, ratio: 3.14 }, minuteFindings)).toMatch(
      /^p95 rose with calls to auth's p95 latency /
    );
  });

  test.each([
    ['checkout-1', "checkout-1's"],
    ['worker-3', "worker-3's"],
    ['calls to payments', "calls to payments'"],
    ['orders', "orders'"],
    ['the database server', "the database server's"],
  ])('the possessive of %s is %s', (subject, text) => expect(possessive(subject)).toBe(text));

  test.each([
    [6, '6×'],
    [1.84, '1.8×'],
    [12.6, '13×'],
    [0.4, '40 % of'],
  ])('ratio %s reads "%s"', (ratio, text) => expect(describeRatio(ratio)).toBe(text));

  test('lags before and after', () => {
    expect(describeLag({ lag: -1, signal: 'I/O wait' }, 'p95', 30_000)).toBe('lag −30 s, p95 first');
    expect(describeLag({ lag: 3, signal: 'I/O wait' }, 'p95', 3_600_000)).toBe('lag 3 h, I/O wait first');
    expect(describeWorst('p95', 0.05, 300_000)).toBe('the slowest 5 % of 5-min intervals');
  });

  test('nothing found says what to do', () => {
    const findings = { target: 'p95', signals: 12, tests: 84, strongest: line } as unknown as BottleneckFindings;
    expect(describeNothingFound(findings)).toBe(
      'No signal moves with p95 in this range beyond chance (12 signals at 84 signal × lag combinations tried). Widen the range to include more slow periods, or narrow it around one.'
    );
    expect(describeNothingFound({ ...findings, strongest: undefined })).toMatch(
      /Widen the range or check that the exporters are scraped/
    );
  });
});
