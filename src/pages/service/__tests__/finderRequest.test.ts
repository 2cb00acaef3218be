import { FieldType, toDataFrame } from '@grafana/data';

import { findBottlenecks } from '../../../analytics/correlate/finder';
import { finderQueries } from '../../../queries/bottleneck';
import { PRESETS } from '../../../queries/conventions';
import { familyOf, finderRequest, finderRunnerQueries, TARGET_REF, TRAFFIC_REF } from '../finderRequest';

const q = finderQueries(PRESETS.otel, 'search');
const time = Array.from({ length: 120 }, (_, i) => 1_700_000_000_000 + i * 60_000);
/** Bursts every few minutes on node-3, none on node-1. */
const burst = (i: number) => (Math.floor(i / 5) % 3 === 0 ? 1 : 0);

function frame(refId: string, value: (i: number) => number | null, labels?: Record<string, string>) {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: time },
      { name: 'Value', type: FieldType.number, values: time.map((_, i) => value(i)), labels },
    ],
  });
}

const frames = [
  frame(TARGET_REF.p95, (i) => 0.1 + 0.2 * burst(i) + 0.01 * Math.sin(i)),
  frame(TARGET_REF['error-ratio'], (i) => 0.001 * (i % 4)),
  frame(TRAFFIC_REF, (i) => 20 + Math.sin(i / 30)),
  frame('node-iowait', (i) => 0.02 + 0.3 * burst(i) + 0.005 * Math.cos(i * 7), { instance: 'node-3' }),
  frame('node-iowait', (i) => 0.02 + 0.005 * Math.cos(i * 3), { instance: 'node-1' }),
  frame('memory', (i) => (i === 5 ? null : 1e8 + i), { pod: 'search-0' }),
  frame('db-replication-lag', (i) => i % 2),
  frame('calls-p95', (i) => 0.05 + 0.01 * Math.cos(i), { server_address: 'payments' }),
];

describe('finder request from frames', () => {
  test('one runner query per target, the traffic and every family, refIds unique', () => {
    const refIds = finderRunnerQueries(q).map((r) => r.refId);
    expect(new Set(refIds).size).toBe(refIds.length);
    expect(refIds.slice(0, 3)).toEqual([TARGET_REF.p95, TARGET_REF['error-ratio'], TRAFFIC_REF]);
    expect(refIds).toContain('node-iowait');
  });

  test('candidates are named by their subject label (or the family’s fallback); nulls become NaN', () => {
    const request = finderRequest(frames, q, 'p95', 'search:p95')!;
    expect(request.candidates.map((c) => [c.id, c.subject, c.signal])).toEqual([
      ['memory:search-0', 'search-0', 'memory working set'],
      ['node-iowait:node-3', 'node-3', 'I/O wait'],
      ['node-iowait:node-1', 'node-1', 'I/O wait'],
      ['db-replication-lag:the database server', 'the database server', 'replication lag'],
      ['calls-p95:calls to payments', 'calls to payments', 'p95 latency'],
    ]);
    expect(Number.isNaN(request.candidates[0].values[5])).toBe(true);
    expect(request.traffic?.values).toHaveLength(120);
    expect(familyOf(q, 'node-iowait:node-3')?.unit).toBe('percentunit');
    expect(familyOf(q, 'calls-p95:calls to payments')?.unit).toBe('s');
  });

  test('the bursting node comes first in the finder', () => {
    const outcome = findBottlenecks(finderRequest(frames, q, 'p95', 'x')!);
    expect(outcome.ok && outcome.ranked[0]?.id).toBe('node-iowait:node-3');
  });

  test('no target frame → no request', () => {
    expect(finderRequest(frames.slice(2), q, 'p95', 'x')).toBeUndefined();
  });
});
