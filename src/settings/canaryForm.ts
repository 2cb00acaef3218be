// The "Canary analysis" part of the config form: typed text in, `canary` jsonData out. An empty box
// means "use the default", and only boxes the user filled in are saved, so a later change of a
// default reaches every installation that never chose a value of its own.
import { type CanaryPageMetricId, DEFAULT_CANARY_METRICS } from './canary';
import type { CanarySettings, PromoteWhen } from './jsonData';

/** The metrics whose allowed change the form edits, in the page's order. */
export const TOLERANCE_METRICS: readonly CanaryPageMetricId[] = DEFAULT_CANARY_METRICS.map((m) => m.id);

export interface CanaryForm {
  alpha: string;
  passScore: string;
  marginalScore: string;
  minSamples: string;
  minCanaryRequests: string;
  /** '' = not set: the page uses the default. */
  promoteWhen: PromoteWhen | '';
  /**
   * Each metric's allowed change in percent of the baseline as typed ('' = the default). jsonData
   * stores a fraction (5 % = 0.05); people think of "p95 may rise 5 %", so the form speaks percent.
   */
  tolerances: Record<CanaryPageMetricId, string>;
  /** Per-metric overrides; the form edits `tolerance`, the rest (enabled, critical, direction) is kept. */
  metrics?: CanarySettings['metrics'];
}

export type CanaryNumberField = Exclude<keyof CanaryForm, 'promoteWhen' | 'metrics' | 'tolerances'>;
/** A message key of the canary section: a threshold, or `tolerance.<metric id>`. */
export type CanaryErrorKey = CanaryNumberField | `tolerance.${CanaryPageMetricId}`;

export const CANARY_NUMBER_FIELDS: readonly CanaryNumberField[] = [
  'alpha',
  'passScore',
  'marginalScore',
  'minSamples',
  'minCanaryRequests',
];

export type CanaryErrors = Partial<Record<CanaryErrorKey, string>>;

/** Every message key of the section, in form order. */
export const CANARY_ERROR_KEYS: readonly CanaryErrorKey[] = [
  ...CANARY_NUMBER_FIELDS,
  ...TOLERANCE_METRICS.map((id): CanaryErrorKey => `tolerance.${id}`),
];

/** A fraction as the percentage a person would type: 0.07 → "7", not "7.000000000000001". */
export function fractionToPercentText(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(12)));
}

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
    tolerances: Object.fromEntries(
      TOLERANCE_METRICS.map((id) => {
        const t = s.metrics?.[id]?.tolerance;
        return [id, typeof t === 'number' && Number.isFinite(t) ? fractionToPercentText(t) : ''];
      })
    ) as Record<CanaryPageMetricId, string>,
    ...(s.metrics ? { metrics: s.metrics } : {}),
  };
}

/** The per-metric overrides with the typed allowed changes applied; undefined when none is left. */
function metricsWithTolerances(form: CanaryForm): CanarySettings['metrics'] {
  const metrics: NonNullable<CanarySettings['metrics']> = {};
  for (const [id, override] of Object.entries(form.metrics ?? {})) {
    const { tolerance: _dropped, ...rest } = override ?? {};
    if (Object.keys(rest).length > 0) {
      metrics[id] = rest;
    }
  }
  for (const id of TOLERANCE_METRICS) {
    const text = (form.tolerances[id] ?? '').trim();
    if (text) {
      metrics[id] = { ...metrics[id], tolerance: Number(text) / 100 };
    }
  }
  return Object.keys(metrics).length > 0 ? metrics : undefined;
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
  const metrics = metricsWithTolerances(form);
  if (metrics) {
    settings.metrics = metrics;
  }
  return Object.keys(settings).length > 0 ? settings : undefined;
}
