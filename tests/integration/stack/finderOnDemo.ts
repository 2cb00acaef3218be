// The bottleneck finder on the demo's data in a real Prometheus: the catalogue's finder queries over
// the longest stretch of the nightly batch job the stack holds, turned into the finder's request the
// way the Deep-Dive does (one candidate per returned series, named by its subject label).
import { defaultBottlenecks } from '../../../demo/cluster';
import { DAY, DEMO_EPOCH_SECONDS, MINUTE } from '../../../demo/load';
import type { BottleneckFindings, BottleneckOutcome, CandidateSignal, TimedValues } from '../../../src/analytics';
import { findBottlenecks } from '../../../src/analytics/correlate/finder';
import { candidateSubject, finderQueries } from '../../../src/queries/bottleneck';
import { CATALOGUE_SUBSTITUTIONS, substituteTemplateVariables } from '../../../src/queries/catalogue';
import { PRESETS } from '../../../src/queries/conventions';
import { promQuery } from '../support/processes';

/** The longest part of a run of the batch job inside [from, to] (Unix seconds). */
export function longestBatchStretch(seed: number, from: number, to: number): { start: number; end: number } {
  const { window } = defaultBottlenecks(seed).diskBatch!;
  let best = { start: 0, end: 0 };
  const firstDay = Math.floor((from - DEMO_EPOCH_SECONDS) / DAY) - 1;
  for (let day = firstDay; DEMO_EPOCH_SECONDS + day * DAY < to; day++) {
    const runStart = DEMO_EPOCH_SECONDS + day * DAY + window.offset;
    const start = Math.max(from, runStart);
    const end = Math.min(to, runStart + window.duration);
    if (end - start > best.end - best.start) {
      best = { start, end };
    }
  }
  return best;
}

const STEP_SECONDS = 60;
/** Two history steps: what Grafana's $__rate_interval gives a 1-minute step over 60 s samples. */
const RATE_INTERVAL = '2m';

async function range(url: string, expr: string, start: number, end: number) {
  const query = substituteTemplateVariables(expr, { ...CATALOGUE_SUBSTITUTIONS, $__rate_interval: RATE_INTERVAL });
  const answer = await promQuery(url, '/api/v1/query_range', {
    query,
    start: String(start),
    end: String(end),
    step: String(STEP_SECONDS),
  });
  if (answer.status !== 'success') {
    throw new Error(`${query}: ${answer.error}`);
  }
  return answer.data!.result.map((s) => ({
    metric: s.metric,
    series: {
      timestamps: (s.values ?? []).map(([t]) => Number(t) * 1000),
      values: (s.values ?? []).map(([, v]) => Number(v)),
    } as TimedValues,
  }));
}

/** What moves with `service`'s p95 between start and end, on the stack's Prometheus. */
export async function findOnDemo(
  url: string,
  service: string,
  start: number,
  end: number
): Promise<BottleneckFindings> {
  const q = finderQueries(PRESETS.otel, service);
  const [target] = await range(url, q.p95, start, end);
  const [traffic] = await range(url, q.traffic, start, end);
  const candidates: CandidateSignal[] = [];
  for (const family of q.families) {
    for (const { metric, series } of await range(url, family.expr, start, end)) {
      const subject = candidateSubject(family, metric);
      candidates.push({ id: `${family.key}:${subject}`, subject, signal: family.signal, ...series });
    }
  }
  const outcome: BottleneckOutcome = findBottlenecks({
    id: service,
    target: 'p95',
    series: target.series,
    traffic: traffic?.series,
    candidates,
  });
  if (!outcome.ok) {
    throw new Error(`the finder declined for ${service}: ${outcome.reason}`);
  }
  return outcome;
}

/** Margins so rate windows never reach before the history or past the live scrapes. */
export const STRETCH_MARGIN_SECONDS = 15 * MINUTE;
