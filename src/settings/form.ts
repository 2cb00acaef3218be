// The config page's form model. Numbers are kept as typed text so a bad entry can be shown back
// with a specific message (validation.ts) instead of being coerced to NaN.
import {
  type ConventionOverrides,
  DEFAULT_PRESET,
  OVERRIDABLE_NAMES,
  type OverridableName,
  type PresetId,
  isPresetId,
} from '../queries/conventions';

import {
  CANARY_ERROR_KEYS,
  type CanaryErrorKey,
  type CanaryErrors,
  type CanaryForm,
  toCanaryForm,
  toCanarySettings,
} from './canaryForm';
import {
  DEFAULT_SHORT_TERM_RETENTION_DAYS,
  DEFAULT_SLO_AVAILABILITY_PERCENT,
  DEFAULT_SLO_LATENCY_P95_MS,
} from './defaults';
import type { AppJsonData } from './jsonData';

export interface ConfigForm {
  prometheusDatasourceUid: string;
  elasticsearchDatasourceUid: string;
  /** '' = no long-term store: every range reads Prometheus. */
  longTermDatasourceUid: string;
  shortTermRetentionDays: string;
  preset: PresetId;
  overrides: Record<OverridableName, string>;
  sloAvailabilityPercent: string;
  sloLatencyP95Ms: string;
  useRecordingRules: boolean;
  canary: CanaryForm;
}

export type ConfigField =
  Exclude<keyof ConfigForm, 'overrides' | 'canary'> | `overrides.${OverridableName}` | `canary.${CanaryErrorKey}`;

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
    longTermDatasourceUid: d.longTermDatasourceUid ?? '',
    shortTermRetentionDays: String(d.shortTermRetentionDays ?? DEFAULT_SHORT_TERM_RETENTION_DAYS),
    preset: isPresetId(d.preset) ? d.preset : DEFAULT_PRESET,
    overrides,
    sloAvailabilityPercent: String(d.sloAvailabilityPercent ?? DEFAULT_SLO_AVAILABILITY_PERCENT),
    sloLatencyP95Ms: String(d.sloLatencyP95Ms ?? DEFAULT_SLO_LATENCY_P95_MS),
    useRecordingRules: d.useRecordingRules === true,
    canary: toCanaryForm(d.canary),
  };
}

/** The canary section's messages, keyed by its own field names. */
export function canaryErrorsOf(errors: ConfigErrors): CanaryErrors {
  const found: CanaryErrors = {};
  for (const field of CANARY_ERROR_KEYS) {
    const message = errors[`canary.${field}`];
    if (message) {
      found[field] = message;
    }
  }
  return found;
}

/**
 * jsonData to save; call only when `validateForm` returned no errors. Empty overrides are dropped, and
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
    longTermDatasourceUid: form.longTermDatasourceUid.trim() || undefined,
    shortTermRetentionDays: Number(form.shortTermRetentionDays.trim()),
    preset: form.preset,
    overrides,
    sloAvailabilityPercent: Number(form.sloAvailabilityPercent.trim()),
    sloLatencyP95Ms: Number(form.sloLatencyP95Ms.trim()),
    useRecordingRules: form.useRecordingRules,
    ...(canary ? { canary } : {}),
  };
}
