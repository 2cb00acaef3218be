import { render, screen } from '@testing-library/react';
import React from 'react';

import { EmptyView } from '../EmptyView';
import { CHECK_DATASOURCE, ErrorView } from '../ErrorView';
import { LoadingView } from '../LoadingView';

test('the error view shows the cause first, then the next step (checking the data source by default)', () => {
  render(<ErrorView title="Could not load X" message="bad_data: parse error" testId="err" />);
  const alert = screen.getByTestId('err');
  expect(alert.textContent).toContain('Could not load X');
  expect(alert.textContent).toContain(`bad_data: parse error ${CHECK_DATASOURCE}`);
  expect(screen.getByRole('alert')).toBe(alert);
});

test('the error view takes a specific next step', () => {
  render(
    <ErrorView title="Elasticsearch query failed" message="index_not_found." testId="err">
      Check the index pattern.
    </ErrorView>
  );
  expect(screen.getByTestId('err').textContent).toContain('index_not_found. Check the index pattern.');
  expect(screen.getByTestId('err').textContent).not.toContain(CHECK_DATASOURCE);
});

test('the empty view says what to change, and a hostile value stays text', () => {
  render(
    <EmptyView title="No samples" testId="empty">
      {'<img src=x onerror=alert(1)>'} Widen the time range.
    </EmptyView>
  );
  expect(screen.getByTestId('empty').textContent).toContain('Widen the time range.');
  expect(document.querySelector('img')).toBeNull();
});

test('the loading view names what is loading', () => {
  render(<LoadingView text="Loading the request rate…" />);
  expect(screen.getByText('Loading the request rate…')).toBeTruthy();
});
