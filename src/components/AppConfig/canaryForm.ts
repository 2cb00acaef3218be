// The "Canary analysis" part of the config form and its pure validation. An empty box means "use the
// default", and only boxes the user filled in are saved, so a later change of a default reaches every
// installation that never chose a value of its own.
import { DEFAULT_THRESHOLDS } from '../../analytics';
import { DEFAULT_MIN_CANARY_REQUESTS, type CanarySettings } from '../../queries/settings';

export type PromoteWhen = NonNullable<CanarySettings['promoteWhen']>;

/** The defaults the canary page applies to a missing value, shown as placeholders. */
export const CANARY_DEFAULTS = {
  alpha: DEFAULT_THRESHOLDS.alpha,
  passScore: DEFAULT_THRESHOLDS.passScore,
  marginalScore: DEFAULT_THRESHOLDS.marginalScore,
  minSamples: DEFAULT_THRESHOLDS.minSamples,
  minCanaryRequests: DEFAULT_MIN_CANARY_REQUESTS,
  promoteWhen: DEFAULT_THRESHOLDS.promoteWhen,
} as const;

/**
 * Prometheus refuses a range query of more than 11,000 points per series, so a metric can never have
 * more samples than that and a larger minimum would leave every metric unjudged.
 */
export const MAX_MIN_SAMPLES = 11_000;

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

/** A decimal as typed by a person: `0.05`, `.05`, `95`, `-3`. No exponent, comma, `NaN` or `Infinity`. */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

function alphaError(text: string): string | undefined {
  if (!DECIMAL.test(text)) {
    return `"${text}" is not a number. Enter a significance level such as 0.05.`;
  }
  const alpha = Number(text);
  if (alpha >= 1 && alpha <= 50) {
    return `Enter the significance level as a fraction, not a percentage: ${alpha} % is ${alpha / 100}.`;
  }
  if (alpha <= 0 || alpha > 0.5) {
    return 'The significance level must be above 0 and at most 0.5; 0.05 is usual.';
  }
  return undefined;
}

function passScoreError(text: string): string | undefined {
  if (!DECIMAL.test(text)) {
    return `"${text}" is not a number. Enter a score from 0 to 100, such as ${CANARY_DEFAULTS.passScore}.`;
  }
  const score = Number(text);
  return score <= 0 || score > 100
    ? 'The pass score must be above 0 and at most 100 (the score is a percentage of metrics).'
    : undefined;
}

function marginalScoreError(text: string): string | undefined {
  if (!DECIMAL.test(text)) {
    return `"${text}" is not a number. Enter a score from 0 to 100, such as ${CANARY_DEFAULTS.marginalScore}.`;
  }
  const score = Number(text);
  return score < 0 || score > 100
    ? 'The marginal score must be from 0 to 100 (the score is a percentage of metrics).'
    : undefined;
}

function minSamplesError(text: string): string | undefined {
  if (!DECIMAL.test(text)) {
    return `"${text}" is not a number. Enter a whole number of samples such as ${CANARY_DEFAULTS.minSamples}.`;
  }
  const n = Number(text);
  if (!Number.isInteger(n)) {
    return `The minimum samples per group must be a whole number, not ${text}.`;
  }
  if (n < 2) {
    return 'The minimum samples per group must be at least 2 (a test needs two samples in each group).';
  }
  return n > MAX_MIN_SAMPLES
    ? `The minimum samples per group must be at most ${MAX_MIN_SAMPLES} (Prometheus returns no more points per series).`
    : undefined;
}

function minCanaryRequestsError(text: string): string | undefined {
  if (!DECIMAL.test(text)) {
    return `"${text}" is not a number. Enter a whole number of requests such as ${CANARY_DEFAULTS.minCanaryRequests}.`;
  }
  const n = Number(text);
  if (!Number.isInteger(n)) {
    return `The minimum canary requests must be a whole number, not ${text}.`;
  }
  if (n < 0) {
    return 'The minimum canary requests cannot be negative; enter 0 to turn the check off.';
  }
  return n > Number.MAX_SAFE_INTEGER ? 'The minimum canary requests is too large to store exactly.' : undefined;
}

export function validateCanaryForm(form: CanaryForm): CanaryErrors {
  const errors: CanaryErrors = {};
  const text = Object.fromEntries(CANARY_NUMBER_FIELDS.map((f) => [f, form[f].trim()])) as Record<
    CanaryNumberField,
    string
  >;
  const check = (field: CanaryNumberField, find: (t: string) => string | undefined) => {
    const message = text[field] ? find(text[field]) : undefined;
    if (message) {
      errors[field] = message;
    }
  };

  check('alpha', alphaError);
  check('passScore', passScoreError);
  check('marginalScore', marginalScoreError);
  check('minSamples', minSamplesError);
  check('minCanaryRequests', minCanaryRequestsError);

  // Compare with the value the page will use, default included, and put the message on the box the
  // user filled in: changing only the pass score to 70 clashes with the default marginal score of 75.
  if (!errors.passScore && !errors.marginalScore) {
    const pass = text.passScore ? Number(text.passScore) : CANARY_DEFAULTS.passScore;
    const marginal = text.marginalScore ? Number(text.marginalScore) : CANARY_DEFAULTS.marginalScore;
    if (marginal >= pass) {
      if (text.marginalScore) {
        errors.marginalScore = `The marginal score must be below the pass score (${pass}); otherwise no canary is ever held for a closer look.`;
      } else {
        errors.passScore = `The pass score must be above the marginal score (${marginal} by default); lower the marginal score as well.`;
      }
    }
  }
  return errors;
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
