// The time-to-exhaustion table's input: data frames → one series per volume or container. Requests
// and rows are pure functions in capacityModel.ts (re-exported here for the page).
import { type DataFrame, FieldType } from '@grafana/data';

import type { CapacityTarget, TrendsQueries } from '../../queries/trends';

import { type CapacitySeries, resourceName, targetKey } from './capacityModel';

export * from './capacityModel';

export const VOLUMES_REF_ID = 'volumes';
export const MEMORY_REF_ID = 'memory';

/** One query per kind of row; the refId says which kind a frame's series are. */
export const CAPACITY_REF_IDS: ReadonlyArray<[string, CapacityTarget['kind']]> = [
  [VOLUMES_REF_ID, 'volume'],
  [MEMORY_REF_ID, 'memory'],
  ['cpu-limit', 'cpu-limit'],
  ['cpu-request', 'cpu-request'],
  ['cpu-throttled', 'cpu-throttled'],
  ['node-cpu', 'node-cpu'],
  ['node-memory', 'node-memory'],
  ['node-disk', 'node-disk'],
];

/** The page's queries, one per kind, in CAPACITY_REF_IDS order. */
export function capacityQueries(q: CapacityQueries): Array<{ refId: string; expr: string }> {
  const byKind: Record<CapacityTarget['kind'], string> = {
    volume: q.volumeUsage,
    memory: q.memoryOfLimit,
    'cpu-limit': q.cpuOfLimit,
    'cpu-request': q.cpuOfRequest,
    'cpu-throttled': q.cpuThrottled,
    'node-cpu': q.nodeCpu,
    'node-memory': q.nodeMemory,
    'node-disk': q.nodeDisk,
  };
  return CAPACITY_REF_IDS.map(([refId, kind]) => ({ refId, expr: byKind[kind] }));
}

export type CapacityQueries = Pick<
  TrendsQueries,
  | 'volumeUsage'
  | 'memoryOfLimit'
  | 'cpuOfLimit'
  | 'cpuOfRequest'
  | 'cpuThrottled'
  | 'nodeCpu'
  | 'nodeMemory'
  | 'nodeDisk'
>;

function targetFromLabels(refId: string | undefined, labels: Record<string, string>): CapacityTarget | undefined {
  const kind = CAPACITY_REF_IDS.find(([id]) => id === refId)?.[1];
  const namespace = labels.namespace ?? '';
  switch (kind) {
    case 'volume':
      return labels.persistentvolumeclaim ? { kind, namespace, claim: labels.persistentvolumeclaim } : undefined;
    case 'memory':
    case 'cpu-limit':
    case 'cpu-request':
    case 'cpu-throttled':
      return labels.pod && labels.container
        ? { kind, namespace, pod: labels.pod, container: labels.container }
        : undefined;
    case 'node-cpu':
    case 'node-memory':
    case 'node-disk':
      return labels.instance ? { kind, node: labels.instance } : undefined;
    default:
      return undefined;
  }
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * One series per volume and container. Frames of other queries, without a time field, or without
 * the identifying labels are skipped; the same target in two frames keeps the first.
 */
export function capacitySeriesFromFrames(frames: readonly DataFrame[] | undefined): CapacitySeries[] {
  const seen = new Set<string>();
  const out: CapacitySeries[] = [];
  for (const frame of frames ?? []) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.type !== FieldType.number) {
        continue;
      }
      const target = targetFromLabels(frame.refId, field.labels ?? {});
      if (!target) {
        continue;
      }
      const key = targetKey(target);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);
      const timestamps = Array.from(time.values as ArrayLike<number>, Number);
      const values = Array.from(field.values as ArrayLike<unknown>, finiteOrNull);
      out.push({ key, target, resource: resourceName(target), timestamps, values });
    }
  }
  return out;
}

/** Where the capacity table's estimate stands, for the view (loading, computing n of m, …). */
export type CapacityStatus =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'no-data' }
  | { kind: 'computing'; done: number; total: number }
  | { kind: 'done' };
