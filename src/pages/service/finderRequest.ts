// "What moves with latency" as pure functions: the runner's frames (target, traffic, one frame per
// candidate series) → the finder's request. Frames carry their family in `refId`, their subject in a
// label.
import { type DataFrame, type Field, FieldType } from '@grafana/data';

import type { BottleneckRequest, CandidateSignal, FinderTarget, TimedValues } from '../../analytics';
import { type FinderFamily, type FinderQueries, candidateSubject } from '../../queries/bottleneck';
import { rangeQuery, type PromQuery } from '../shared/sceneParts';

export const TARGET_REF: Record<FinderTarget, string> = { p95: 'target-p95', 'error-ratio': 'target-errors' };
export const TRAFFIC_REF = 'traffic';

/** Every query of the section: both targets (the toggle switches without a new query), traffic, families. */
export function finderRunnerQueries(q: FinderQueries): PromQuery[] {
  return [
    rangeQuery(TARGET_REF.p95, q.p95),
    rangeQuery(TARGET_REF['error-ratio'], q.errorRatio),
    rangeQuery(TRAFFIC_REF, q.traffic),
    ...q.families.map((f) => rangeQuery(f.key, f.expr)),
  ];
}

function numberFields(frame: DataFrame): Array<{ time: Field; field: Field }> {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  if (!time) {
    return [];
  }
  return frame.fields.filter((f) => f.type === FieldType.number).map((field) => ({ time, field }));
}

function timed(time: Field, field: Field): TimedValues {
  return {
    timestamps: Array.from(time.values as ArrayLike<number>),
    values: Array.from(field.values as ArrayLike<unknown>, (v) => (typeof v === 'number' ? v : NaN)),
  };
}

function single(frames: DataFrame[], refId: string): TimedValues | undefined {
  const found = frames.filter((f) => f.refId === refId).flatMap(numberFields)[0];
  return found ? timed(found.time, found.field) : undefined;
}

export function candidateId(family: Pick<FinderFamily, 'key'>, subject: string): string {
  return `${family.key}:${subject}`;
}

/** The finder request for `target`, or undefined when the target returned no series. */
export function finderRequest(
  frames: DataFrame[],
  q: FinderQueries,
  target: FinderTarget,
  id: string
): BottleneckRequest | undefined {
  const series = single(frames, TARGET_REF[target]);
  if (!series) {
    return undefined;
  }
  const candidates: CandidateSignal[] = [];
  for (const family of q.families) {
    for (const frame of frames.filter((f) => f.refId === family.key)) {
      for (const { time, field } of numberFields(frame)) {
        const subject = candidateSubject(family, field.labels ?? {});
        candidates.push({ id: candidateId(family, subject), subject, signal: family.signal, ...timed(time, field) });
      }
    }
  }
  return { id, target, series, traffic: single(frames, TRAFFIC_REF), candidates };
}

/** The family a ranked line came from (for its unit and chart). */
export function familyOf(q: FinderQueries, candidate: string): FinderFamily | undefined {
  const key = candidate.slice(0, candidate.indexOf(':'));
  return q.families.find((f) => f.key === key);
}
