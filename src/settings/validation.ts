// Validation of the config form, one rule per field, each message saying what to type instead.
// Pure: the form's typed text in, messages keyed by field out.
import { OVERRIDABLE_NAMES, isMetricName, isValidName } from '../queries/conventions';

import { DEFAULT_CANARY_METRICS } from './canary';
import {
  CANARY_NUMBER_FIELDS,
  type CanaryErrorKey,
  type CanaryErrors,
  type CanaryForm,
  type CanaryNumberField,
  TOLERANCE_METRICS,
} from './canaryForm';
import {
  CANARY_DEFAULTS,
  MAX_MIN_SAMPLES,
  MAX_SHORT_TERM_RETENTION_DAYS,
  MAX_SLO_LATENCY_P95_MS,
  MAX_TOLERANCE_PERCENT,
} from './defaults';
import type { ConfigErrors, ConfigForm } from './form';

/**
 * A decimal as typed by a person: `0.05`, `.05`, `95`, `-3`. No exponent, comma, `NaN` or `Infinity`
 * (all of which `Number()` would accept). A sign is allowed so that "-1" gets the range message
 * rather than "not a number".
 */
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

function availabilityError(text: string): string | undefined {
  if (!text) {
    return 'Enter an availability target in percent, e.g. 99.5.';
  }
  if (!isDecimal(text)) {
    return `"${text}" is not a number. Enter a percentage such as 99.5.`;
  }
  const percent = Number(text);
  return percent <= 0 || percent >= 100
    ? 'The availability target must be above 0 and below 100 % (100 % leaves no error budget).'
    : undefined;
}

function latencyError(text: string): string | undefined {
  if (!text) {
    return 'Enter a p95 latency target in milliseconds, e.g. 300.';
  }
  if (!isDecimal(text)) {
    return `"${text}" is not a number. Enter milliseconds such as 300.`;
  }
  const ms = Number(text);
  if (ms <= 0) {
    return 'The p95 latency target must be greater than 0 ms.';
  }
  return ms > MAX_SLO_LATENCY_P95_MS
    ? `The p95 latency target must be at most ${MAX_SLO_LATENCY_P95_MS} ms (10 minutes).`
    : undefined;
}

function retentionError(text: string): string | undefined {
  if (!text) {
    return 'Enter how many days Prometheus keeps, e.g. 30 (its --storage.tsdb.retention.time).';
  }
  if (!isDecimal(text)) {
    return `"${text}" is not a number. Enter whole days such as 30.`;
  }
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1) {
    return `Prometheus' retention must be a whole number of days, at least 1; got ${text}.`;
  }
  return days > MAX_SHORT_TERM_RETENTION_DAYS
    ? `Prometheus' retention must be at most ${MAX_SHORT_TERM_RETENTION_DAYS} days here; beyond that, read the long-term store.`
    : undefined;
}

function alphaError(text: string): string | undefined {
  if (!isDecimal(text)) {
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
  if (!isDecimal(text)) {
    return `"${text}" is not a number. Enter a score from 0 to 100, such as ${CANARY_DEFAULTS.passScore}.`;
  }
  const score = Number(text);
  return score <= 0 || score > 100
    ? 'The pass score must be above 0 and at most 100 (the score is a percentage of metrics).'
    : undefined;
}

function marginalScoreError(text: string): string | undefined {
  if (!isDecimal(text)) {
    return `"${text}" is not a number. Enter a score from 0 to 100, such as ${CANARY_DEFAULTS.marginalScore}.`;
  }
  const score = Number(text);
  return score < 0 || score > 100
    ? 'The marginal score must be from 0 to 100 (the score is a percentage of metrics).'
    : undefined;
}

function minSamplesError(text: string): string | undefined {
  if (!isDecimal(text)) {
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
  if (!isDecimal(text)) {
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

/** One metric's allowed change, typed in percent of the baseline. */
export function toleranceError(label: string, text: string): string | undefined {
  if (!isDecimal(text)) {
    return `"${text}" is not a number. Enter the allowed change of ${label} in percent, such as 5.`;
  }
  const percent = Number(text);
  if (percent < 0) {
    return `The allowed change of ${label} cannot be negative; enter 0 to count any significant change.`;
  }
  return percent > MAX_TOLERANCE_PERCENT
    ? `The allowed change of ${label} must be at most ${MAX_TOLERANCE_PERCENT} % (a canary ${MAX_TOLERANCE_PERCENT / 100 + 1} times the baseline); larger would never flag a regression.`
    : undefined;
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
  for (const id of TOLERANCE_METRICS) {
    const typed = (form.tolerances[id] ?? '').trim();
    const label = DEFAULT_CANARY_METRICS.find((m) => m.id === id)?.label ?? id;
    const message = typed ? toleranceError(label, typed) : undefined;
    if (message) {
      errors[`tolerance.${id}`] = message;
    }
  }

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

  const availability = availabilityError(form.sloAvailabilityPercent.trim());
  if (availability) {
    errors.sloAvailabilityPercent = availability;
  }
  const latency = latencyError(form.sloLatencyP95Ms.trim());
  if (latency) {
    errors.sloLatencyP95Ms = latency;
  }

  const longTerm = form.longTermDatasourceUid.trim();
  if (longTerm && longTerm === form.prometheusDatasourceUid.trim()) {
    errors.longTermDatasourceUid =
      'The long-term store must be another data source than Prometheus (e.g. VictoriaMetrics, Thanos or Mimir); clear it to read every range from Prometheus.';
  }
  const retention = retentionError(form.shortTermRetentionDays.trim());
  if (retention) {
    errors.shortTermRetentionDays = retention;
  }

  for (const [field, message] of Object.entries(validateCanaryForm(form.canary))) {
    errors[`canary.${field as CanaryErrorKey}`] = message;
  }
  return errors;
}
