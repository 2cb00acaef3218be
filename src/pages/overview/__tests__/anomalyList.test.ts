import { FieldType, toDataFrame } from '@grafana/data';

import { type AnalysisResult, analyse } from '../../../analytics';
import { MAX_SERIES, anomalyRequests, deepDiveHref, investigateRows, signalSeriesFromFrames } from '../anomalyList';

const STEP = 20 * 60_000;
const START = Date.UTC(2026, 0, 5);
const POINTS = 7 * 72;

function frame(refId: string, service: string, value: (i: number) => number) {
  const time = Array.from({ length: POINTS }, (_, i) => START + i * STEP);
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: time },
      { name: 'Value', type: FieldType.number, values: time.map((_, i) => value(i)), labels: { service } },
    ],
  });
}

const wobble = (i: number) => Math.sin(i * 12.9898) * 0.5;

describe('anomalies to investigate', () => {
  it('reads one series per signal and service, busiest services first, within the budget', () => {
    const frames = [
      frame('requests', 'quiet', () => 1),
      frame('requests', 'busy', () => 100),
      frame('latency', 'busy', () => 0.2),
    ];
    const series = signalSeriesFromFrames(frames, 'service');
    expect(series.map((s) => s.key)).toEqual(['requests:busy', 'latency:busy', 'requests:quiet']);
    const many = Array.from({ length: MAX_SERIES + 10 }, (_, k) => frame('errors', `s${k}`, () => 0.01));
    expect(signalSeriesFromFrames(many, 'service')).toHaveLength(MAX_SERIES);
  });

  it('asks only for departures that matter per signal: fewer or more requests, more errors, slower', () => {
    const series = signalSeriesFromFrames(
      [frame('requests', 'a', () => 1), frame('errors', 'a', () => 0.01), frame('latency', 'a', () => 0.2)],
      'service'
    );
    expect(anomalyRequests(series).map((r) => [r.id, r.anomalies?.direction, r.anomalies?.minDeviation])).toEqual([
      ['requests:a', 'both', 0.05],
      ['errors:a', 'above', 0.05],
      ['latency:a', 'above', 0.2],
    ]);
  });

  it('links to the deep-dive around the interval, the service name kept in one path segment', () => {
    const href = deepDiveHref('pay/ments', START, START + STEP, 'prom-uid');
    expect(href).toBe(
      `/a/codesentinel-analytics-app/services/pay%2Fments?from=${START - 3 * 3_600_000}&to=${START + STEP + 3 * 3_600_000}&var-ds=prom-uid`
    );
  });

  it('finds an injected latency spike and nothing on a calm service, ranked by severity', async () => {
    const frames = [
      frame('latency', 'payments', (i) => 0.2 + 0.005 * wobble(i) + (i >= 400 && i < 402 ? 0.6 : 0)),
      frame('latency', 'checkout', (i) => 0.3 + 0.005 * wobble(i + 7)),
    ];
    const series = signalSeriesFromFrames(frames, 'service');
    const results = new Map<string, AnalysisResult>();
    for (const request of anomalyRequests(series)) {
      results.set(request.id, await analyse(request));
    }
    const rows = investigateRows(series, results, 'uid');
    expect(rows.map((r) => [r.service, r.signal, r.direction])).toEqual([['payments', 'p95 latency', 'above']]);
    expect(rows[0].startMs).toBe(START + 400 * STEP);
    expect(rows[0].reason).toMatch(/rare/);
  });

  it('does not list a p95 rise too small to investigate (9 % for an hour), however rare for a smooth series', async () => {
    const frames = [frame('latency', 'auth', (i) => 0.05 + 0.0005 * wobble(i) + (i >= 400 && i < 403 ? 0.0045 : 0))];
    const series = signalSeriesFromFrames(frames, 'service');
    const [request] = anomalyRequests(series);
    const listed = await analyse(request);
    const atFivePercent = await analyse({ ...request, anomalies: { ...request.anomalies!, minDeviation: 0.05 } });
    expect(investigateRows(series, new Map([[request.id, atFivePercent]]), 'uid')).toHaveLength(1);
    expect(investigateRows(series, new Map([[request.id, listed]]), 'uid')).toEqual([]);
  });
});
