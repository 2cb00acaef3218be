import fc from 'fast-check';

import { resolveThresholds } from '../../analytics';
import { resolveCanaryConfig } from '../canary';
import { type CanaryForm, type CanaryNumberField, toCanaryForm, toCanarySettings } from '../canaryForm';
import { CANARY_DEFAULTS } from '../defaults';
import { validateCanaryForm } from '../validation';

const empty = (): CanaryForm => toCanaryForm(undefined);
const withValue = (field: CanaryNumberField, value: string): CanaryForm => ({ ...empty(), [field]: value });

describe('CANARY_DEFAULTS', () => {
  it('are the values the Canary Analysis page falls back to, so the placeholders tell the truth', () => {
    const page = resolveCanaryConfig(undefined);
    expect(page.minCanaryRequests).toBe(CANARY_DEFAULTS.minCanaryRequests);
    expect(page.thresholds).toMatchObject({
      alpha: CANARY_DEFAULTS.alpha,
      passScore: CANARY_DEFAULTS.passScore,
      marginalScore: CANARY_DEFAULTS.marginalScore,
      minSamples: CANARY_DEFAULTS.minSamples,
      promoteWhen: CANARY_DEFAULTS.promoteWhen,
    });
  });
});

describe('validateCanaryForm', () => {
  it('accepts an empty section (all defaults) and typical values', () => {
    expect(validateCanaryForm(empty())).toEqual({});
    expect(
      validateCanaryForm({
        ...empty(),
        alpha: '0.01',
        passScore: '90',
        marginalScore: '60',
        minSamples: '20',
        minCanaryRequests: '0',
        promoteWhen: 'improvement',
      })
    ).toEqual({});
    expect(validateCanaryForm(withValue('alpha', '.5'))).toEqual({});
    expect(validateCanaryForm(withValue('alpha', ' 0.1 '))).toEqual({});
    expect(validateCanaryForm(withValue('marginalScore', '0'))).toEqual({});
    expect(validateCanaryForm(withValue('minSamples', '2'))).toEqual({});
  });

  test.each<[CanaryNumberField, string, string]>([
    ['alpha', 'abc', '"abc" is not a number. Enter a significance level such as 0.05.'],
    ['alpha', '0,05', '"0,05" is not a number. Enter a significance level such as 0.05.'],
    ['alpha', '5e-2', '"5e-2" is not a number. Enter a significance level such as 0.05.'],
    ['alpha', 'NaN', '"NaN" is not a number. Enter a significance level such as 0.05.'],
    ['alpha', '0', 'The significance level must be above 0 and at most 0.5; 0.05 is usual.'],
    ['alpha', '-0.05', 'The significance level must be above 0 and at most 0.5; 0.05 is usual.'],
    ['alpha', '0.51', 'The significance level must be above 0 and at most 0.5; 0.05 is usual.'],
    ['alpha', '5', 'Enter the significance level as a fraction, not a percentage: 5 % is 0.05.'],
    ['alpha', '1', 'Enter the significance level as a fraction, not a percentage: 1 % is 0.01.'],
    ['alpha', '99', 'The significance level must be above 0 and at most 0.5; 0.05 is usual.'],
    ['passScore', 'Infinity', '"Infinity" is not a number. Enter a score from 0 to 100, such as 95.'],
    ['passScore', '0', 'The pass score must be above 0 and at most 100 (the score is a percentage of metrics).'],
    ['passScore', '100.5', 'The pass score must be above 0 and at most 100 (the score is a percentage of metrics).'],
    [
      'passScore',
      '0.95',
      'The pass score must be above the marginal score (75 by default); lower the marginal score as well.',
    ],
    [
      'passScore',
      '75',
      'The pass score must be above the marginal score (75 by default); lower the marginal score as well.',
    ],
    ['marginalScore', 'high', '"high" is not a number. Enter a score from 0 to 100, such as 75.'],
    ['marginalScore', '-1', 'The marginal score must be from 0 to 100 (the score is a percentage of metrics).'],
    ['marginalScore', '101', 'The marginal score must be from 0 to 100 (the score is a percentage of metrics).'],
    [
      'marginalScore',
      '95',
      'The marginal score must be below the pass score (95); otherwise no canary is ever held for a closer look.',
    ],
    ['minSamples', 'ten', '"ten" is not a number. Enter a whole number of samples such as 10.'],
    ['minSamples', '2.5', 'The minimum samples per group must be a whole number, not 2.5.'],
    ['minSamples', '1', 'The minimum samples per group must be at least 2 (a test needs two samples in each group).'],
    ['minSamples', '-10', 'The minimum samples per group must be at least 2 (a test needs two samples in each group).'],
    [
      'minSamples',
      '11001',
      'The minimum samples per group must be at most 11000 (Prometheus returns no more points per series).',
    ],
    ['minCanaryRequests', '1e3', '"1e3" is not a number. Enter a whole number of requests such as 100.'],
    ['minCanaryRequests', '100.5', 'The minimum canary requests must be a whole number, not 100.5.'],
    ['minCanaryRequests', '-1', 'The minimum canary requests cannot be negative; enter 0 to turn the check off.'],
    ['minCanaryRequests', '99999999999999999999', 'The minimum canary requests is too large to store exactly.'],
  ])('%s = %j -> %s', (field, value, message) => {
    expect(validateCanaryForm(withValue(field, value))).toEqual({ [field]: message });
  });

  it('puts the marginal ≥ pass message on the marginal box when both are set', () => {
    expect(validateCanaryForm({ ...empty(), passScore: '80', marginalScore: '80' })).toEqual({
      marginalScore:
        'The marginal score must be below the pass score (80); otherwise no canary is ever held for a closer look.',
    });
    expect(validateCanaryForm({ ...empty(), passScore: '80', marginalScore: '79.9' })).toEqual({});
  });

  it('does not compare scores while one of them is not a valid score', () => {
    expect(validateCanaryForm({ ...empty(), passScore: 'x', marginalScore: '99' })).toEqual({
      passScore: '"x" is not a number. Enter a score from 0 to 100, such as 95.',
    });
  });

  it('never throws and answers a string or nothing for any typed text', () => {
    const fields: CanaryNumberField[] = ['alpha', 'passScore', 'marginalScore', 'minSamples', 'minCanaryRequests'];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.string(), (field, text) => {
        const errors = validateCanaryForm(withValue(field, text));
        return Object.values(errors).every((m) => typeof m === 'string' && m.length > 0);
      })
    );
  });

  it('keeps the bounds the form accepts: α = 0.5, a pass score of 100 and a marginal score of 0', () => {
    const form = { ...empty(), alpha: '0.5', passScore: '100', marginalScore: '0', minSamples: '2' };
    expect(validateCanaryForm(form)).toEqual({});
    expect(resolveThresholds(toCanarySettings(form))).toMatchObject({
      alpha: 0.5,
      passScore: 100,
      marginalScore: 0,
      minSamples: 2,
    });
  });

  it('whatever it accepts, the page uses as typed (resolveThresholds does not silently replace it)', () => {
    const decimal = (lo: number, hi: number) =>
      fc.double({ min: lo, max: hi, noNaN: true }).map((v) => String(Number(v.toFixed(4))));
    fc.assert(
      fc.property(
        decimal(0, 0.5),
        decimal(0, 100),
        decimal(0, 100),
        fc.integer({ min: 0, max: 12_000 }),
        (alpha, pass, marginal, minSamples) => {
          const form = { ...empty(), alpha, passScore: pass, marginalScore: marginal, minSamples: String(minSamples) };
          if (Object.keys(validateCanaryForm(form)).length > 0) {
            return true;
          }
          const saved = toCanarySettings(form)!;
          expect(resolveThresholds(saved)).toMatchObject({
            alpha: saved.alpha,
            passScore: saved.passScore,
            marginalScore: saved.marginalScore,
            minSamples: saved.minSamples,
          });
          return true;
        }
      )
    );
  });
});

describe('toCanaryForm / toCanarySettings', () => {
  it('saves nothing when no box is filled in', () => {
    expect(toCanarySettings(empty())).toBeUndefined();
  });

  it('saves only the values the user set, as numbers', () => {
    expect(toCanarySettings({ ...empty(), alpha: ' 0.01 ', minCanaryRequests: '0' })).toEqual({
      alpha: 0.01,
      minCanaryRequests: 0,
    });
    expect(toCanarySettings({ ...empty(), promoteWhen: 'no-regression' })).toEqual({ promoteWhen: 'no-regression' });
  });

  it('round-trips stored settings and keeps the provisioned per-metric overrides', () => {
    const stored = {
      alpha: 0.01,
      passScore: 90,
      marginalScore: 50,
      minSamples: 20,
      minCanaryRequests: 500,
      promoteWhen: 'improvement' as const,
      metrics: { cpu: { enabled: false }, p99: { critical: true, tolerance: 0.05 } },
    };
    expect(toCanarySettings(toCanaryForm(stored))).toEqual(stored);
    expect(toCanarySettings(toCanaryForm({ metrics: stored.metrics }))).toEqual({ metrics: stored.metrics });
  });

  it('shows hand-provisioned junk back as text so it is validated, and ignores non-values', () => {
    const form = toCanaryForm({
      alpha: '0.05' as never,
      passScore: Number.NaN,
      marginalScore: null as never,
      minSamples: { n: 3 } as never,
      promoteWhen: 'always' as never,
    });
    expect(form).toEqual({ ...empty(), alpha: '0.05', passScore: 'NaN' });
    expect(validateCanaryForm(form)).toEqual({
      passScore: '"NaN" is not a number. Enter a score from 0 to 100, such as 95.',
    });
  });
});

describe('allowed change per metric (practical significance) in the form', () => {
  const withTolerance = (id: string, value: string): CanaryForm => ({
    ...empty(),
    tolerances: { ...empty().tolerances, [id]: value },
  });

  it('shows stored fractions as percent and saves typed percent as fractions', () => {
    const form = toCanaryForm({ metrics: { p95: { tolerance: 0.07 }, memory: { tolerance: 0.2, enabled: false } } });
    expect(form.tolerances.p95).toBe('7');
    expect(form.tolerances.memory).toBe('20');
    expect(form.tolerances.p50).toBe('');
    form.tolerances.p50 = '2.5';
    form.tolerances.p95 = '';
    expect(toCanarySettings(form)).toEqual({
      metrics: { memory: { tolerance: 0.2, enabled: false }, p50: { tolerance: 0.025 } },
    });
  });

  it('a saved allowed change is the one the page judges with', () => {
    const page = resolveCanaryConfig(toCanarySettings(withTolerance('p99', '15')));
    expect(page.metrics.find((m) => m.id === 'p99')?.tolerance).toBe(0.15);
  });

  it('round-trips every percentage a person types (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (hundredths) => {
        const typed = String(hundredths / 100);
        const saved = toCanarySettings(withTolerance('cpu', typed));
        expect(toCanaryForm(saved).tolerances.cpu).toBe(typed);
        expect(validateCanaryForm(withTolerance('cpu', typed))).toEqual({});
      })
    );
  });

  test.each([
    ['p95', 'five', '"five" is not a number. Enter the allowed change of p95 latency in percent, such as 5.'],
    ['p95', '5%', '"5%" is not a number. Enter the allowed change of p95 latency in percent, such as 5.'],
    [
      'error-ratio',
      '-1',
      'The allowed change of error rate cannot be negative; enter 0 to count any significant change.',
    ],
    [
      'memory',
      '150',
      'The allowed change of memory per pod must be at most 100 % (a canary 2 times the baseline); larger would never flag a regression.',
    ],
  ])('%s = %j -> %s', (id, value, message) => {
    expect(validateCanaryForm(withTolerance(id, value))).toEqual({ [`tolerance.${id}`]: message });
  });
});
