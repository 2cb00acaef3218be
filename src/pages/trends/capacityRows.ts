// The time-to-exhaustion table's input: data frames → one series per volume or container. Requests
// and rows are pure functions in capacityModel.ts (re-exported here for the page).
import { type DataFrame, FieldType } from '@grafana/data';

import type { CapacityTarget } from '../../queries/trends';

import { type CapacitySeries, targetKey } from './capacityModel';

export * from './capacityModel';

export const VOLUMES_REF_ID = 'volumes';
export const MEMORY_REF_ID = 'memory';

function resourceName(target: CapacityTarget): string {
  return target.kind === 'volume'
    ? `${target.namespace}/${target.claim}`
    : `${target.namespace}/${target.pod}/${target.container}`;
}

function targetFromLabels(refId: string | undefined, labels: Record<string, string>): CapacityTarget | undefined {
  const namespace = labels.namespace ?? '';
  if (refId === VOLUMES_REF_ID && labels.persistentvolumeclaim) {
    return { kind: 'volume', namespace, claim: labels.persistentvolumeclaim };
  }
  if (refId === MEMORY_REF_ID && labels.pod && labels.container) {
    return { kind: 'memory', namespace, pod: labels.pod, container: labels.container };
  }
  return undefined;
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

