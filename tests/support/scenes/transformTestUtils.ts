// Runs a SceneDataTransformer's transformations on hand-made frames with @grafana/data's own
// transformers, so table pipelines are checked on data shaped like the Prometheus data source's.
import {
  type DataFrame,
  type DataTransformerConfig,
  type TransformerRegistryItem,
  FieldType,
  getFieldDisplayName,
  standardTransformers,
  standardTransformersRegistry,
  toDataFrame,
  transformDataFrame,
} from '@grafana/data';
import { lastValueFrom } from 'rxjs';

let registered = false;

function ensureRegistry(): void {
  if (registered) {
    return;
  }
  registered = true;
  // Deprecated entries (seriesToColumns) reuse another transformer's id; register each id once.
  const byId = new Map(Object.values(standardTransformers).map((t) => [t.id, t]));
  standardTransformersRegistry.setInit(() =>
    [...byId.values()].map((t): TransformerRegistryItem => ({
      id: t.id,
      aliasIds: t.aliasIds,
      name: t.name,
      transformation: t,
      editor: () => null,
      // Only the editor UI uses the images; the registry requires them.
      imageDark: '',
      imageLight: '',
    }))
  );
}

export async function applyTransformations(
  transformations: DataTransformerConfig[],
  frames: DataFrame[]
): Promise<DataFrame[]> {
  ensureRegistry();
  return lastValueFrom(transformDataFrame(transformations, frames));
}

/** An instant query in table format as the Prometheus data source returns it: Time, labels, `Value #refId`. */
export function instantTableFrame(
  refId: string,
  labels: string[],
  rows: Array<{ labels: string[]; value: number }>,
  t = 1_700_000_000_000
): DataFrame {
  return toDataFrame({
    refId,
    fields: [
      { name: 'Time', type: FieldType.time, values: rows.map(() => t) },
      ...labels.map((label, i) => ({ name: label, type: FieldType.string, values: rows.map((r) => r.labels[i]) })),
      { name: `Value #${refId}`, type: FieldType.number, values: rows.map((r) => r.value) },
    ],
  });
}

/** Column titles as the table shows them (organize renames set the display name, not `name`). */
export function columnNames(frame: DataFrame): string[] {
  return frame.fields.map((f) => getFieldDisplayName(f, frame, [frame]));
}

export function column(frame: DataFrame, displayName: string): unknown[] {
  const field = frame.fields.find((f) => getFieldDisplayName(f, frame, [frame]) === displayName);
  if (!field) {
    throw new Error(`no field ${displayName} in ${columnNames(frame).join(', ')}`);
  }
  return [...field.values];
}
