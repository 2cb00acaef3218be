import { PER_DAY, STEP_MS } from '../builder';
import { REGIME_GRACE } from '../events';
import { TOLERANCE, delayCredit, scoreSeries, summarise } from '../scoring';
import type { Alert, Label, LabelledSeries } from '../types';

function series(labels: Label[], days = 2): LabelledSeries {
  return {
    id: 's',
    family: 'f',
    startMs: 0,
    stepMs: STEP_MS,
    values: new Array(days * PER_DAY).fill(1),
    labels,
    judgeFrom: PER_DAY,
  };
}

const alert = (firedAt: number): Alert => ({ firedAt, start: firedAt, end: firedAt });
const from = PER_DAY;

describe('event scoring', () => {
  it.each([
    [0, 10, 1],
    [9, 10, 0.5],
    [10, 10, 0],
    [-1, 10, 0],
    [0, 1, 1],
  ])('delay %i in a window of %i points earns %f', (delay, length, credit) => {
    expect(delayCredit(delay, length)).toBeCloseTo(credit, 10);
  });

  it('counts a window once, by its first alert, and later alerts inside it as neither', () => {
    const s = series([{ kind: 'anomaly', start: from + 10, end: from + 13, what: 'spike' }]);
    const score = scoreSeries(s, [alert(from + 10), alert(from + 12)]);
    expect(score).toMatchObject({ windows: 1, detected: 1, trueAlerts: 1, falseAlerts: 0 });
    expect(score.credit).toBe(1);
  });

  it('accepts an alert in the tolerance after a window, with less credit', () => {
    const s = series([{ kind: 'anomaly', start: from + 10, end: from + 10, what: 'spike' }]);
    const late = scoreSeries(s, [alert(from + 10 + TOLERANCE)]);
    expect(late.detected).toBe(1);
    expect(late.credit).toBeCloseTo(0.5, 10);
    expect(scoreSeries(s, [alert(from + 11 + TOLERANCE)])).toMatchObject({ detected: 0, falseAlerts: 1 });
  });

  it('an alert before the window or in the history is not a detection', () => {
    const s = series([{ kind: 'anomaly', start: from + 10, end: from + 12, what: 'spike' }]);
    expect(scoreSeries(s, [alert(from + 9)])).toMatchObject({ detected: 0, falseAlerts: 1 });
    expect(scoreSeries(s, [alert(from - 5)])).toMatchObject({ detected: 0, falseAlerts: 0 });
  });

  it('gives a regime change its grace period, then counts alerts as false', () => {
    const s = series([{ kind: 'regime', start: from + 10, end: from + 16, what: 'level shifted up' }]);
    const inGrace = scoreSeries(s, [alert(from + 10), alert(from + 10 + REGIME_GRACE)]);
    expect(inGrace).toMatchObject({ regimeWindows: 1, regimeDetected: 1, falseAlerts: 0 });
    expect(scoreSeries(s, [alert(from + 11 + REGIME_GRACE)])).toMatchObject({ regimeDetected: 0, falseAlerts: 1 });
  });

  it('ignores alerts on ignore labels and leaves them out of the clean time', () => {
    const s = series([{ kind: 'ignore', start: from, end: from + PER_DAY / 2 - 1 - TOLERANCE, what: 'holiday' }]);
    const score = scoreSeries(s, [alert(from + 5)]);
    expect(score).toMatchObject({ windows: 0, falseAlerts: 0 });
    expect(score.cleanWeeks).toBeCloseTo(PER_DAY / 2 / (7 * PER_DAY), 10);
  });

  it('summarises false alerts per series-week and an F1 score', () => {
    const a = scoreSeries(series([{ kind: 'anomaly', start: from + 10, end: from + 10, what: 'spike' }], 8), [
      alert(from + 10),
      alert(from + 300),
    ]);
    const summary = summarise([a]);
    expect(summary.recall).toBe(1);
    expect(summary.precision).toBe(0.5);
    expect(summary.falseAlertsPerWeek).toBeCloseTo(1 / a.cleanWeeks, 10);
    expect(summary.score).toBeCloseTo((100 * 2 * 1 * 0.5) / 1.5, 10);
  });

  it('scores a family without incidents on false alarms alone', () => {
    const quiet = scoreSeries(series([], 8), []);
    expect(summarise([quiet]).score).toBe(100);
    const noisy = scoreSeries(series([], 8), [alert(from + 1), alert(from + 200)]);
    expect(summarise([noisy]).score).toBeLessThan(50);
  });
});
