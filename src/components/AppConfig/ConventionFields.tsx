import { Field, FieldSet, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import React from 'react';

import {
  OVERRIDABLE_NAMES,
  type OverridableName,
  PRESETS,
  PRESET_IDS,
  PRESET_LABELS,
  type PresetId,
} from '../../queries/conventions';
import type { ConfigErrors, ConfigForm } from '../../settings/form';
import { testIds } from '../testIds';

import { TextField, getFieldSetStyles } from './fields';

const NAME_LABELS: Record<OverridableName, { label: string; description: string }> = {
  requestsMetric: { label: 'Requests counter', description: 'Counter of HTTP requests served.' },
  latencyBucketMetric: {
    label: 'Latency histogram',
    description: 'The _bucket series of the request duration histogram.',
  },
  serviceLabel: { label: 'Service label', description: 'Label naming the service.' },
  endpointLabel: { label: 'Endpoint label', description: 'Label naming the route or operation.' },
  methodLabel: { label: 'Method label', description: 'Label holding the HTTP method.' },
  statusLabel: {
    label: 'Status code label',
    description: 'Label holding the HTTP status code (5xx counts as an error).',
  },
  instanceLabel: { label: 'Instance label', description: 'Label naming the instance (pod) that served the request.' },
};

interface Props {
  form: ConfigForm;
  errors: ConfigErrors;
  onPreset: (preset: PresetId) => void;
  onOverride: (name: OverridableName, value: string) => void;
}

/** Preset picker plus one override box per name, with the preset's default as placeholder. */
export function ConventionFields({ form, errors, onPreset, onOverride }: Props) {
  const styles = useStyles2(getFieldSetStyles);
  const preset = PRESETS[form.preset];
  return (
    <FieldSet label="Metric convention">
      <Field label="Preset" description={PRESET_LABELS[form.preset].description}>
        <RadioButtonGroup
          data-testid={testIds.appConfig.preset}
          options={PRESET_IDS.map((id) => ({
            value: id,
            label: PRESET_LABELS[id].label,
            description: PRESET_LABELS[id].description,
          }))}
          value={form.preset}
          onChange={onPreset}
        />
      </Field>
      <p className={styles.hint}>
        Leave a name empty to use the preset&apos;s default (shown greyed out).
        {preset.latencyUnit === 'milliseconds' &&
          ' This preset’s histogram is in milliseconds; the app converts it to seconds.'}
      </p>
      <div className={styles.grid}>
        {OVERRIDABLE_NAMES.map((name) => (
          <TextField
            key={name}
            id={`override-${name}`}
            testId={testIds.appConfig.override(name)}
            label={NAME_LABELS[name].label}
            description={NAME_LABELS[name].description}
            value={form.overrides[name]}
            placeholder={preset[name]}
            error={errors[`overrides.${name}`]}
            onChange={(value) => onOverride(name, value)}
          />
        ))}
      </div>
    </FieldSet>
  );
}
