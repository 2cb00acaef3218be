// A known data set with hostile procedure ids, and the numbers every aggregation must return.
import type { BulkDoc } from '../../../telemetry/es/bulk';
import { buildFeedback, buildInvocation, toBulkDoc } from '../../../telemetry/events';

/**
 * Ids with every character that means something to Lucene or to Grafana's template engine, plus
 * decoys an unescaped (or interpolated) query would also match.
 */
export const HOSTILE_IDS = [
  'github/PROC-1',
  'tools/codesentinel/PROC-2',
  'we"ird/PROC-1',
  'back\\slash/PROC-3',
  'star*/PROC-1',
  'co:lon/PROC-2',
  'with space/PROC-1',
  'OR/PROC-1',
  '(paren) AND x/PROC-4',
  'NOT/PROC-1',
  'a || b && c!/PROC-1',
  'sq[1]{2}~^?=<>+-/PROC-5',
  // A leading `<` or `>` made Elasticsearch's query_string build a range query even when escaped.
  '<x>/PROC-1',
  '>x/PROC-2',
  '>=a/PROC-1',
  // Grafana's template engine replaces these in any query text unless the `$` / `[` is hidden.
  '$satellite/PROC-1',
  '${satellite}/PROC-2',
  '[[satellite]]/PROC-1',
  'fuzzy~2/PROC-1',
];
export const DECOY_IDS = ['github/PROC-10', 'starry/PROC-1', 'weird/PROC-1', 'with/PROC-1', 'paren/PROC-4'];
export const NEVER_USED_IDS = ['github/PROC-3', 'deployment/PROC-2'];

export const DAY = 86_400_000;
export const START = Date.UTC(2026, 0, 5); // Monday 2026-01-05, in 2026-Q1
export const RANGE = { from: START - 40 * DAY, to: START + 10 * DAY };

export interface Expected {
  runs: number;
  failures: number;
  aborts: number;
  durations: number[];
  /** day index → durations of successful runs */
  successByDay: Map<number, number[]>;
  /** status → invocations on day 0..3 */
  statusByDay: Record<'success' | 'failure' | 'agent_aborted', number[]>;
  clarity: number[];
  usefulness: number[];
}

export function buildDataset(): { docs: BulkDoc[]; expected: Map<string, Expected> } {
  const docs: BulkDoc[] = [];
  const expected = new Map<string, Expected>();
  [...HOSTILE_IDS, ...DECOY_IDS].forEach((id, i) => {
    const runs = 8 + 3 * i;
    const e: Expected = {
      runs,
      failures: 0,
      aborts: 0,
      durations: [],
      successByDay: new Map(),
      statusByDay: { success: [0, 0, 0, 0], failure: [0, 0, 0, 0], agent_aborted: [0, 0, 0, 0] },
      clarity: [],
      usefulness: [],
    };
    for (let j = 0; j < runs; j++) {
      const status = j < i % 5 ? 'failure' : j < (i % 5) + (i % 3) ? 'agent_aborted' : 'success';
      const day = j % 4;
      // Runs get faster day by day: the task-speed trend the page fits a regression to.
      const duration = 1000 * (i + 1) + 37 * j - 150 * day;
      const at = new Date(START + day * DAY + (j + 1) * 60_000 * (i + 1));
      docs.push(
        toBulkDoc(
          buildInvocation({
            procedureId: id,
            status,
            durationMs: duration,
            timestamp: at,
            eventId: `ds-inv-${i}-${j}`,
            sessionId: `session-${j % 3}`,
            abortReason: status === 'agent_aborted' ? 'policy_blocked' : undefined,
            errorType: status === 'failure' ? 'exit_1' : undefined,
          })
        )
      );
      e.durations.push(duration);
      e.statusByDay[status][day]++;
      if (status === 'failure') {
        e.failures++;
      } else if (status === 'agent_aborted') {
        e.aborts++;
      } else {
        e.successByDay.set(day, [...(e.successByDay.get(day) ?? []), duration]);
      }
    }
    for (let k = 0; k < (i % 4) + 1; k++) {
      const clarity = ((i + k) % 5) + 1;
      const usefulness = ((i * 2 + k) % 5) + 1;
      docs.push(
        toBulkDoc(
          buildFeedback({
            procedureId: id,
            clarity,
            usefulness,
            source: k % 2 ? 'engineer' : 'agent',
            comment: `<b>feedback ${k}</b> on ${id}`,
            // One quarter earlier for every second item, so the review table has two quarters.
            timestamp: new Date(k % 2 ? START - 30 * DAY : START + DAY + k * 60_000),
            eventId: `ds-fb-${i}-${k}`,
            reviewStatus: k === 0 ? 'new' : 'triaged',
          })
        )
      );
      e.clarity.push(clarity);
      e.usefulness.push(usefulness);
    }
    expected.set(id, e);
  });
  return { docs, expected };
}

export function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Linear-interpolated percentile (the definition t-digest approximates on small samples). */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (s.length - 1);
  const lo = Math.floor(rank);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (rank - lo);
}
