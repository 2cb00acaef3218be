// The "Canary analysis" part of the config form: typed text in, `canary` jsonData out. An empty box
// means "use the default", and only boxes the user filled in are saved, so a later change of a
// default reaches every installation that never chose a value of its own.
import type { CanarySettings, PromoteWhen } from './jsonData';

export interface CanaryForm {
  alpha: string;
  passScore: string;
  marginalScore: string;
  minSamples: string;
  minCanaryRequests: string;
  /** '' = not set: the page uses the default. */
  promoteWhen: PromoteWhen | '';
  /** Per-metric overrides come from provisioning only; kept as they are so saving the page keeps them. */
  metrics?: CanarySettings['metrics'];
}

export type CanaryNumberField = Exclude<keyof CanaryForm, 'promoteWhen' | 'metrics'>;

export const CANARY_NUMBER_FIELDS: readonly CanaryNumberField[] = [
  'alpha',
  'passScore',
  'marginalScore',
  'minSamples',
  'minCanaryRequests',
];

export type CanaryErrors = Partial<Record<CanaryNumberField, string>>;

/** A stored value as text; anything that is not a number or a string (null, an object) counts as unset. */
function asText(value: unknown): string {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

export function toCanaryForm(settings?: CanarySettings | null): CanaryForm {
  const s = settings ?? {};
  const promoteWhen = s.promoteWhen === 'improvement' || s.promoteWhen === 'no-regression' ? s.promoteWhen : '';
  return {
    alpha: asText(s.alpha),
    passScore: asText(s.passScore),
    marginalScore: asText(s.marginalScore),
    minSamples: asText(s.minSamples),
    minCanaryRequests: asText(s.minCanaryRequests),
    promoteWhen,
    ...(s.metrics ? { metrics: s.metrics } : {}),
  };
}

/** The `canary` jsonData to save: only the values the user set, or undefined when nothing is set. */
export function toCanarySettings(form: CanaryForm): CanarySettings | undefined {
  const settings: CanarySettings = {};
  for (const field of CANARY_NUMBER_FIELDS) {
    const value = form[field].trim();
    if (value) {
      settings[field] = Number(value);
    }
  }
  if (form.promoteWhen) {
    settings.promoteWhen = form.promoteWhen;
  }
  if (form.metrics) {
    settings.metrics = form.metrics;
  }
  return Object.keys(settings).length > 0 ? settings : undefined;
}
