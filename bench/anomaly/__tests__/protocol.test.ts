import { windowedGaussian } from '../baselines';
import { PER_DAY, PER_HOUR, STEP_MS } from '../builder';
import { type CausalDetector, DEFAULT_PROTOCOL, alertsFrom, coarsened, runCausal } from '../protocol';
import { draws } from '../random';
import type { LabelledSeries, Verdict } from '../types';

const v = (index: number, flagged: boolean, immediate = false): Verdict => ({ index, flagged, immediate });

describe('streaming alert rule', () => {
  it('raises one alert after minRun consecutive flags and keeps it open across short gaps', () => {
    const verdicts = [
      v(1, true),
      v(2, true),
      v(3, true),
      v(4, false),
      v(5, true),
      v(6, false),
      v(7, false),
      v(8, false),
      v(9, false),
      v(10, false),
      v(11, true),
    ];
    expect(alertsFrom(verdicts, 3, 3)).toEqual([{ firedAt: 3, start: 1, end: 5 }]);
    expect(alertsFrom(verdicts, 1, 3)).toEqual([
      { firedAt: 1, start: 1, end: 5 },
      { firedAt: 11, start: 11, end: 11 },
    ]);
  });

  it('an unflagged point breaks a pending run; a missing point does not', () => {
    expect(alertsFrom([v(1, true), v(2, false), v(3, true)], 2, 0)).toEqual([]);
    expect(alertsFrom([v(1, true), v(3, true)], 2, 0)).toEqual([{ firedAt: 3, start: 1, end: 3 }]);
  });

  it('an immediate flag alerts at once', () => {
    expect(alertsFrom([v(4, true, true)], 5, 0)).toEqual([{ firedAt: 4, start: 4, end: 4 }]);
  });
});

function flatSeries(spikeAt: number): LabelledSeries {
  const d = draws(3);
  const values = Array.from({ length: 3 * PER_DAY }, (_, i) => 100 + d.normal() + (i === spikeAt ? 30 : 0));
  return {
    id: 'flat',
    family: 'test',
    startMs: 0,
    stepMs: STEP_MS,
    values,
    labels: [{ kind: 'anomaly', start: spikeAt, end: spikeAt, what: 'spike' }],
    judgeFrom: 2 * PER_DAY,
  };
}

describe('causal protocol', () => {
  it('fits only on the trailing window before the points it judges, and judges each point once', async () => {
    const calls: Array<[number, number, number]> = [];
    const spy: CausalDetector = {
      name: 'spy',
      minRun: 1,
      start: () => ({
        judge(trainFrom, from, to) {
          calls.push([trainFrom, from, to]);
          return Array.from({ length: to - from }, (_, k) => v(from + k, false));
        },
      }),
    };
    const series = flatSeries(2 * PER_DAY + 5);
    await runCausal(spy, series);
    expect(calls[0]).toEqual([
      Math.max(0, 2 * PER_DAY - DEFAULT_PROTOCOL.trainPoints),
      2 * PER_DAY,
      2 * PER_DAY + DEFAULT_PROTOCOL.every,
    ]);
    const judged = calls.flatMap(([, from, to]) => Array.from({ length: to - from }, (_, k) => from + k));
    expect(judged).toEqual(Array.from({ length: PER_DAY }, (_, k) => 2 * PER_DAY + k));
    expect(calls.every(([trainFrom, from]) => trainFrom >= 0 && from - trainFrom <= DEFAULT_PROTOCOL.trainPoints)).toBe(
      true
    );
  });

  it('at a coarser step, detectors see each value as the mean of the points it covers', () => {
    const series = { ...flatSeries(7), values: [1, 2, 3, null, 4, 6, null, null, null] };
    const view = coarsened(series, 3);
    expect(view.values).toEqual([2, 5, null]);
    expect(view.stepMs).toBe(3 * STEP_MS);
    expect(view.judgeFrom).toBe(Math.ceil(series.judgeFrom / 3));
    expect(view.labels).toEqual([{ kind: 'anomaly', start: 2, end: 2, what: 'spike' }]);
  });

  it('at a coarser step, an alert is mapped back to the time its coarse point is known', async () => {
    const at = 2 * PER_DAY + 4 * PER_HOUR + 1;
    const protocol = { ...DEFAULT_PROTOCOL, coarsen: 6 };
    const alerts = await runCausal(windowedGaussian(), flatSeries(at), protocol);
    // The spike's hour is the coarse point at / 6; it is known at that hour's last 10-minute point.
    const hour = Math.floor(at / 6);
    expect(alerts.map((a) => a.firedAt)).toEqual([hour * 6 + 5]);
    expect(alerts[0].start).toBe(hour * 6);
  });

  it('a baseline finds a clear spike on flat noise, when it happens', async () => {
    const at = 2 * PER_DAY + 4 * PER_HOUR;
    const alerts = await runCausal(windowedGaussian(), flatSeries(at));
    expect(alerts.map((a) => a.firedAt)).toEqual([at]);
  });
});
