import { Field, FieldSet, RadioButtonGroup, Text, useStyles2 } from '@grafana/ui';
import React from 'react';

import { DEFAULT_CANARY_METRICS } from '../../settings/canary';
import {
  type CanaryErrors,
  type CanaryForm,
  type CanaryNumberField,
  fractionToPercentText,
} from '../../settings/canaryForm';
import { CANARY_DEFAULTS } from '../../settings/defaults';
import type { PromoteWhen } from '../../settings/jsonData';
import { testIds } from '../testIds';

import { TextField, getFieldSetStyles } from './fields';

const NUMBER_FIELDS: ReadonlyArray<{
  field: CanaryNumberField;
  label: string;
  description: string;
  suffix?: string;
}> = [
  {
    field: 'alpha',
    label: 'Significance level (alpha)',
    description:
      'How sure the analysis must be before it calls a metric changed. With 0.05 a difference this large would appear by pure chance about 1 time in 20. Smaller means fewer false alarms but small regressions slip through. Above 0, at most 0.5.',
  },
  {
    field: 'passScore',
    label: 'Pass score (0–100)',
    description:
      'The score is the percentage of compared metrics that did not get worse. At or above this score the page says promote. A critical metric that got worse rolls back whatever the score.',
  },
  {
    field: 'marginalScore',
    label: 'Marginal score (0–100)',
    description:
      'Between this score and the pass score the page says hold: look closer before promoting. Below it, roll back. Must be lower than the pass score.',
  },
  {
    field: 'minSamples',
    label: 'Minimum samples per group',
    description:
      'Data points (query steps) the canary and the baseline each need before a metric is judged; with fewer, that metric shows as not enough data. Whole number, at least 2.',
    suffix: 'samples',
  },
  {
    field: 'minCanaryRequests',
    label: 'Minimum canary requests',
    description:
      'With fewer canary requests than this in the time range, the page warns that the sample is too small and holds instead of promoting. Whole number; 0 turns the check off.',
    suffix: 'requests',
  },
];

const TOLERANCE_DESCRIPTIONS = {
  continuous:
    'Relative to the baseline median: 5 lets the canary be up to 5 % higher (or lower, for a metric where a drop is bad).',
  count: 'Relative to the baseline rate: 10 lets the canary fail up to 1.1 times as often per request.',
  quantile:
    "Relative to the baseline's quantile over the window: 5 lets the canary's p95 be up to 5 % higher (or lower, for a metric where a drop is bad).",
} as const;

const PROMOTE_OPTIONS: Array<{ value: PromoteWhen; label: string; description: string }> = [
  {
    value: 'no-regression',
    label: 'No regression',
    description: 'Promote when the score passes and no critical metric got worse.',
  },
  {
    value: 'improvement',
    label: 'Significant improvement',
    description: 'Promote only when, in addition, at least one metric is significantly better; otherwise hold.',
  },
];

interface Props {
  form: CanaryForm;
  errors: CanaryErrors;
  onChange: (patch: Partial<CanaryForm>) => void;
}

/** The thresholds the Canary Analysis page judges with; an empty box keeps the default shown in grey. */
export function CanaryFields({ form, errors, onChange }: Props) {
  const styles = useStyles2(getFieldSetStyles);
  return (
    <FieldSet label="Canary analysis">
      <p className={styles.hint}>
        Thresholds the Canary Analysis page judges a canary with. Leave a box empty to use the default shown in grey.
        The other per-metric settings (turning a metric off, marking it critical, its direction) are set in provisioning
        under <code>jsonData.canary.metrics</code>; saving this page keeps them.
      </p>
      <div className={styles.grid}>
        {NUMBER_FIELDS.map(({ field, label, description, suffix }) => (
          <TextField
            key={field}
            id={`canary-${field}`}
            testId={testIds.appConfig.canary(field)}
            label={label}
            description={description}
            inputMode="decimal"
            suffix={suffix}
            value={form[field]}
            placeholder={String(CANARY_DEFAULTS[field])}
            error={errors[field]}
            onChange={(value) => onChange({ [field]: value })}
          />
        ))}
      </div>
      <Text element="h4" variant="h5">
        Allowed change per metric
      </Text>
      <p className={styles.hint}>
        How much a metric may move, in percent of the baseline, before it matters. A change inside it is &quot;no
        relevant change&quot; however significant; the canary counts as worse only when the whole confidence interval of
        its shift lies beyond it. 0 counts any significant change.
      </p>
      <div className={styles.grid}>
        {DEFAULT_CANARY_METRICS.map((metric) => (
          <TextField
            key={metric.id}
            id={`canary-tolerance-${metric.id}`}
            testId={testIds.appConfig.tolerance(metric.id)}
            label={`${metric.label} (%)`}
            description={TOLERANCE_DESCRIPTIONS[metric.kind]}
            inputMode="decimal"
            suffix="%"
            value={form.tolerances[metric.id]}
            placeholder={fractionToPercentText(metric.tolerance ?? 0)}
            error={errors[`tolerance.${metric.id}`]}
            onChange={(value) => onChange({ tolerances: { ...form.tolerances, [metric.id]: value } })}
          />
        ))}
      </div>
      <Field
        label="Promote when"
        description="What a canary must show to be promoted. Requiring an improvement suits changes meant to make things faster or more reliable."
      >
        <RadioButtonGroup
          data-testid={testIds.appConfig.canary('promoteWhen')}
          options={PROMOTE_OPTIONS}
          value={form.promoteWhen || CANARY_DEFAULTS.promoteWhen}
          onChange={(promoteWhen) => onChange({ promoteWhen })}
        />
      </Field>
    </FieldSet>
  );
}
