import { Alert } from '@grafana/ui';
import React, { type ReactNode } from 'react';

interface Props {
  /** What is missing, e.g. "No request-rate samples". */
  title: string;
  /** Why it may be missing and what to change (time range, picker, app configuration). */
  children: ReactNode;
  /** `warning` when the data exists but cannot be used (too short a history). */
  severity?: 'info' | 'warning';
  testId?: string;
}

/** A query that returned nothing usable, with what the user can change to get a result. */
export function EmptyView({ title, children, severity = 'info', testId }: Props) {
  return (
    <Alert severity={severity} title={title} data-testid={testId}>
      {children}
    </Alert>
  );
}
