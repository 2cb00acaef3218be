import { Alert } from '@grafana/ui';
import React, { type ReactNode } from 'react';

/** The next step for a failed Prometheus query on a page with a data source picker. */
export const CHECK_DATASOURCE = 'Check the data source in the picker above, then refresh.';

interface Props {
  /** What could not be done, e.g. "Could not load the request rate". */
  title: string;
  /** The data source's own message, shown first so the cause is visible. */
  message?: string;
  /** What to do next; defaults to checking the data source. */
  children?: ReactNode;
  testId?: string;
}

/** A failed query: the cause as the data source reported it, then what to do about it. */
export function ErrorView({ title, message, children = CHECK_DATASOURCE, testId }: Props) {
  return (
    <Alert severity="error" title={title} data-testid={testId}>
      {message && <>{message} </>}
      {children}
    </Alert>
  );
}
