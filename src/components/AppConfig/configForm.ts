// The config page's form model and its pure validation. Numbers are kept as typed text so a bad
// entry can be shown back with a specific message instead of being coerced to NaN.
import {
  type ConventionOverrides,
  DEFAULT_PRESET,
  OVERRIDABLE_NAMES,
  type OverridableName,
  type PresetId,
  isMetricName,
  isPresetId,
  isValidName,
} from '../../queries/conventions';
import { type AppJsonData, DEFAULT_SLO_AVAILABILITY_PERCENT, DEFAULT_SLO_LATENCY_P95_MS } from '../../queries/settings';

import {
  CANARY_NUMBER_FIELDS,
  type CanaryErrors,
  type CanaryForm,
  type CanaryNumberField,
  toCanaryForm,
  toCanarySettings,
  validateCanaryForm,
} from './canaryForm';

export interface ConfigForm {
  prometheusDatasourceUid: string;
  elasticsearchDatasourceUid: string;
  preset: PresetId;
  overrides: Record<OverridableName, string>;
  sloAvailabilityPercent: string;
  sloLatencyP95Ms: string;
  useRecordingRules: boolean;
  canary: CanaryForm;
}

export type ConfigField =
  Exclude<keyof ConfigForm, 'overrides' | 'canary'> | `overrides.${OverridableName}` | `canary.${CanaryNumberField}`;

export type ConfigErrors = Partial<Record<ConfigField, string>>;

export function toForm(jsonData?: AppJsonData | null): ConfigForm {
  const d = jsonData ?? {};
  const overrides = Object.fromEntries(OVERRIDABLE_NAMES.map((n) => [n, d.overrides?.[n] ?? ''])) as Record<
    OverridableName,
    string
  >;
  return {
    prometheusDatasourceUid: d.prometheusDatasourceUid ?? '',
    elasticsearchDatasourceUid: d.elasticsearchDatasourceUid ?? '',
    preset: isPresetId(d.preset) ? d.preset : DEFAULT_PRESET,
    overrides,
    sloAvailabilityPercent: String(d.sloAvailabilityPercent ?? DEFAULT_SLO_AVAILABILITY_PERCENT),
    sloLatencyP95Ms: String(d.sloLatencyP95Ms ?? DEFAULT_SLO_LATENCY_P95_MS),
    useRecordingRules: d.useRecordingRules === true,
    canary: toCanaryForm(d.canary),
  };
}

/** A decimal number as typed by a person: digits with an optional fraction, nothing else. */
const DECIMAL = /^\d+(\.\d+)?$/;

export function validateForm(form: ConfigForm): ConfigErrors {
  const errors: ConfigErrors = {};

  for (const name of OVERRIDABLE_NAMES) {
    const value = form.overrides[name].trim();
    if (value && !isValidName(name, value)) {
      errors[`overrides.${name}`] = isMetricName(name)
        ? `"${value}" is not a valid metric name: use letters, digits, _ and :, not starting with a digit.`
        : `"${value}" is not a valid label name: use letters, digits and _, not starting with a digit.`;
    }
  }

  const availability = form.sloAvailabilityPercent.trim();
  if (!availability) {
    errors.sloAvailabilityPercent = 'Enter an availability target in percent, e.g. 99.5.';
  } else if (!DECIMAL.test(availability)) {
    errors.sloAvailabilityPercent = `"${availability}" is not a number. Enter a percentage such as 99.5.`;
  } else if (Number(availability) <= 0 || Number(availability) >= 100) {
    errors.sloAvailabilityPercent =
      'The availability target must be above 0 and below 100 % (100 % leaves no error budget).';
  }

  const latency = form.sloLatencyP95Ms.trim();
  if (!latency) {
    errors.sloLatencyP95Ms = 'Enter a p95 latency target in milliseconds, e.g. 300.';
  } else if (!DECIMAL.test(latency)) {
    errors.sloLatencyP95Ms = `"${latency}" is not a number. Enter milliseconds such as 300.`;
  } else if (Number(latency) <= 0) {
    errors.sloLatencyP95Ms = 'The p95 latency target must be greater than 0 ms.';
  } else if (Number(latency) > 600_000) {
    errors.sloLatencyP95Ms = 'The p95 latency target must be at most 600000 ms (10 minutes).';
  }

  for (const [field, message] of Object.entries(validateCanaryForm(form.canary))) {
    errors[`canary.${field as CanaryNumberField}`] = message;
  }

  return errors;
}

/** The canary section's messages, keyed by its own field names. */
export function canaryErrorsOf(errors: ConfigErrors): CanaryErrors {
  const found: CanaryErrors = {};
  for (const field of CANARY_NUMBER_FIELDS) {
    const message = errors[`canary.${field}`];
    if (message) {
      found[field] = message;
    }
  }
  return found;
}

/**
 * jsonData to save; call only when validateForm returned no errors. Empty overrides are dropped, and
 * `canary` holds only the values the user set (and is left out when there are none).
 */
export function toJsonData(form: ConfigForm): AppJsonData {
  const overrides: ConventionOverrides = {};
  for (const name of OVERRIDABLE_NAMES) {
    const value = form.overrides[name].trim();
    if (value) {
      overrides[name] = value;
    }
  }
  const canary = toCanarySettings(form.canary);
  return {
    prometheusDatasourceUid: form.prometheusDatasourceUid || undefined,
    elasticsearchDatasourceUid: form.elasticsearchDatasourceUid || undefined,
    preset: form.preset,
    overrides,
    sloAvailabilityPercent: Number(form.sloAvailabilityPercent.trim()),
    sloLatencyP95Ms: Number(form.sloLatencyP95Ms.trim()),
    useRecordingRules: form.useRecordingRules,
    ...(canary ? { canary } : {}),
  };
}
