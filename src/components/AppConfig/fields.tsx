import { css } from '@emotion/css';
import { type GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker } from '@grafana/runtime';
import { Field, Input } from '@grafana/ui';
import React from 'react';

interface TextFieldProps {
  id: string;
  testId: string;
  label: string;
  description: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  suffix?: string;
  inputMode?: 'decimal' | 'numeric';
  width?: number;
}

/** One labelled text box of the config page, with its validation message under it. */
export function TextField({ id, testId, label, description, value, onChange, error, ...input }: TextFieldProps) {
  return (
    <Field label={label} description={description} invalid={Boolean(error)} error={error}>
      <Input id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)} {...input} />
    </Field>
  );
}

interface DataSourceFieldProps {
  id: string;
  testId: string;
  type: string;
  label: string;
  description: string;
  uid: string;
  onChange: (uid: string) => void;
  error?: string;
}

/** A data source of one type, or none (cleared). */
export function DataSourceField({ id, testId, type, label, description, uid, onChange, error }: DataSourceFieldProps) {
  return (
    <Field label={label} description={description} invalid={Boolean(error)} error={error}>
      <div data-testid={testId}>
        <DataSourcePicker
          inputId={id}
          type={type}
          current={uid || null}
          noDefault
          onChange={(ds) => onChange(ds.uid)}
          onClear={() => onChange('')}
        />
      </div>
    </Field>
  );
}

/** The hint paragraph and the grid of boxes the config sections share. */
export const getFieldSetStyles = (theme: GrafanaTheme2) => ({
  hint: css({ color: theme.colors.text.secondary, marginBottom: theme.spacing(2) }),
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))',
    columnGap: theme.spacing(2),
  }),
});
