import { fireEvent, render, screen, within } from '@testing-library/react';
import React, { useState } from 'react';

import { type CanaryErrors, type CanaryForm, toCanaryForm } from '../../../settings/canaryForm';
import { testIds } from '../../testIds';
import { CanaryFields } from '../CanaryFields';

function Harness({ initial, errors = {} }: { initial: CanaryForm; errors?: CanaryErrors }) {
  const [form, setForm] = useState(initial);
  return (
    <>
      <CanaryFields form={form} errors={errors} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} />
      <output data-testid="state">{JSON.stringify(form)}</output>
    </>
  );
}

/** The Field around an input: its closest ancestor that also holds the field's label. */
function fieldOf(input: HTMLElement): HTMLElement {
  let element = input.parentElement;
  while (element && !element.querySelector('label')) {
    element = element.parentElement;
  }
  if (!element) {
    throw new Error('input is not inside a Field');
  }
  return element;
}

const state = () => JSON.parse(screen.getByTestId('state').textContent ?? '{}') as CanaryForm;

it('shows every threshold with its default as placeholder and a plain-words description', () => {
  render(<Harness initial={toCanaryForm(undefined)} />);
  const placeholders: Array<[string, string]> = [
    ['alpha', '0.05'],
    ['passScore', '95'],
    ['marginalScore', '75'],
    ['minSamples', '10'],
    ['minCanaryRequests', '100'],
  ];
  for (const [field, placeholder] of placeholders) {
    const input = screen.getByTestId(testIds.appConfig.canary(field));
    expect(input).toHaveAttribute('placeholder', placeholder);
    expect(input).toHaveValue('');
  }
  expect(screen.getByLabelText(/Significance level \(alpha\)/)).toBe(
    screen.getByTestId(testIds.appConfig.canary('alpha'))
  );
  expect(screen.getByText(/about 1 time in 20/)).toBeInTheDocument();
  expect(screen.getByText(/0 turns the check off/)).toBeInTheDocument();
  expect(screen.getByText('jsonData.canary.metrics')).toBeInTheDocument();
  // The default choice shows as selected although nothing is stored yet.
  expect(screen.getByLabelText('No regression')).toBeChecked();
  expect(screen.getByLabelText('Significant improvement')).not.toBeChecked();
});

it('shows stored values and reports typed values and the promote choice as set', () => {
  render(<Harness initial={toCanaryForm({ passScore: 90, promoteWhen: 'no-regression' })} />);
  expect(screen.getByTestId(testIds.appConfig.canary('passScore'))).toHaveValue('90');
  fireEvent.change(screen.getByTestId(testIds.appConfig.canary('minSamples')), { target: { value: '25' } });
  fireEvent.click(screen.getByLabelText('Significant improvement'));
  expect(state()).toMatchObject({ passScore: '90', minSamples: '25', promoteWhen: 'improvement', alpha: '' });
});

it('shows a message next to the field it is about', () => {
  render(
    <Harness
      initial={toCanaryForm({ alpha: 0.7 })}
      errors={{ alpha: 'The significance level must be above 0 and at most 0.5; 0.05 is usual.' }}
    />
  );
  const alpha = screen.getByTestId(testIds.appConfig.canary('alpha'));
  expect(alpha).toHaveValue('0.7');
  expect(within(fieldOf(alpha)).getByRole('alert')).toHaveTextContent(
    'The significance level must be above 0 and at most 0.5; 0.05 is usual.'
  );
  expect(within(fieldOf(screen.getByTestId(testIds.appConfig.canary('passScore')))).queryByRole('alert')).toBeNull();
  expect(screen.getAllByRole('alert')).toHaveLength(1);
});

it('shows each metric allowed change in percent, its default as placeholder and its message', () => {
  render(
    <Harness
      initial={toCanaryForm({ metrics: { p99: { tolerance: 0.2 } } })}
      errors={{ 'tolerance.cpu': 'The allowed change of CPU per pod cannot be negative.' }}
    />
  );
  expect(screen.getByTestId(testIds.appConfig.tolerance('p95'))).toHaveAttribute('placeholder', '5');
  expect(screen.getByTestId(testIds.appConfig.tolerance('memory'))).toHaveAttribute('placeholder', '10');
  expect(screen.getByTestId(testIds.appConfig.tolerance('p99'))).toHaveValue('20');
  expect(screen.getByLabelText(/^p95 latency \(%\)/)).toBe(screen.getByTestId(testIds.appConfig.tolerance('p95')));
  expect(
    within(fieldOf(screen.getByTestId(testIds.appConfig.tolerance('cpu')))).getByText(
      'The allowed change of CPU per pod cannot be negative.'
    )
  ).toBeInTheDocument();
  fireEvent.change(screen.getByTestId(testIds.appConfig.tolerance('p50')), { target: { value: '3' } });
  expect(state().tolerances.p50).toBe('3');
  expect(state().tolerances.p99).toBe('20');
});
