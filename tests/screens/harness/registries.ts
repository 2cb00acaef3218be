// Grafana core fills two registries at boot that VizPanel relies on and @grafana/data ships empty:
// the standard field options (without them unit, min/max, thresholds… are silently dropped by
// applyFieldOverrides) and the transformations. These mirror core's definitions
// (public/app/core/components/OptionsUI/registry.tsx, features/transformers/standardTransformers.ts)
// minus the editors, which the harness never shows.
import {
  type FieldConfigPropertyItem,
  FieldType,
  ThresholdsMode,
  type TransformerRegistryItem,
  dataLinksOverrideProcessor,
  displayNameOverrideProcessor,
  identityOverrideProcessor,
  numberOverrideProcessor,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  stringOverrideProcessor,
  thresholdsOverrideProcessor,
  unitOverrideProcessor,
  valueMappingsOverrideProcessor,
} from '@grafana/data';

import { timeSeriesTableTransformer } from './timeSeriesTable';

const noEditor = () => null;
const numeric = (field: { type: FieldType }) => field.type !== FieldType.string && field.type !== FieldType.time;

function option(
  id: string,
  process: FieldConfigPropertyItem['process'],
  shouldApply: FieldConfigPropertyItem['shouldApply'] = () => true,
  defaultValue?: unknown
): FieldConfigPropertyItem {
  return { id, path: id, name: id, editor: noEditor, override: noEditor, process, shouldApply, defaultValue };
}

/** The option editors PanelOptionsEditorBuilder looks up (its add* helpers), as inert entries. */
const OPTION_EDITORS = [
  'boolean',
  'color',
  'dashboard-uid',
  'field-name',
  'multi-select',
  'number',
  'radio',
  'select',
  'slider',
  'stats-picker',
  'strings',
  'text',
  'timezone',
  'unit',
];

export function registerStandardOptions(): void {
  standardEditorsRegistry.setInit(() => OPTION_EDITORS.map((id) => ({ id, name: id, editor: noEditor })));
  standardFieldConfigEditorRegistry.setInit(() => [
    option('unit', unitOverrideProcessor),
    option('min', numberOverrideProcessor, numeric),
    option('max', numberOverrideProcessor, numeric),
    option('fieldMinMax', identityOverrideProcessor, numeric),
    option('decimals', numberOverrideProcessor, numeric),
    option('displayName', displayNameOverrideProcessor),
    option('color', identityOverrideProcessor),
    option('noValue', stringOverrideProcessor),
    option('thresholds', thresholdsOverrideProcessor, () => true, {
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'green' },
        { value: 80, color: 'red' },
      ],
    }),
    option('mappings', valueMappingsOverrideProcessor),
    option('links', dataLinksOverrideProcessor),
    option('filterable', identityOverrideProcessor),
  ]);

  // standardTransformers lists joinByField twice (once under its deprecated seriesToColumns name).
  const transformers = [...new Set([...Object.values(standardTransformers), timeSeriesTableTransformer])];
  standardTransformersRegistry.setInit(() =>
    transformers.map((transformation): TransformerRegistryItem => ({
      id: transformation.id,
      name: transformation.name,
      description: transformation.description,
      transformation,
      editor: noEditor,
      imageDark: '',
      imageLight: '',
    }))
  );
}
