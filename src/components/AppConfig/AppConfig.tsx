import { css } from '@emotion/css';
import { type AppPluginMeta, type GrafanaTheme2, type PluginConfigPageProps } from '@grafana/data';
import { Alert, Button, Field, FieldSet, Switch, useStyles2 } from '@grafana/ui';
import React, { type FormEvent, useState } from 'react';

import { ELASTICSEARCH_DS_TYPE, PROMETHEUS_DS_TYPE } from '../../constants';
import { type ConfigErrors, type ConfigForm, canaryErrorsOf, toForm, toJsonData } from '../../settings/form';
import type { AppJsonData } from '../../settings/jsonData';
import { validateForm } from '../../settings/validation';
import { testIds } from '../testIds';

import { CanaryFields } from './CanaryFields';
import { ConventionFields } from './ConventionFields';
import { DataSourceField, TextField } from './fields';
import { saveAppSettings } from './saveSettings';

const DATA_SOURCE_FIELDS = [
  {
    key: 'prometheusDatasourceUid',
    id: 'prometheus-datasource',
    testId: testIds.appConfig.prometheusPicker,
    type: PROMETHEUS_DS_TYPE,
    label: 'Prometheus',
    description: 'Metrics for every page. Pages also let you switch data source with the ds variable.',
  },
  {
    key: 'elasticsearchDatasourceUid',
    id: 'elasticsearch-datasource',
    testId: testIds.appConfig.elasticsearchPicker,
    type: ELASTICSEARCH_DS_TYPE,
    label: 'Elasticsearch',
    description: 'Logs and traces of agent satellites (optional).',
  },
  {
    key: 'longTermDatasourceUid',
    id: 'long-term-datasource',
    testId: testIds.appConfig.longTermPicker,
    type: PROMETHEUS_DS_TYPE,
    label: 'Long-term store',
    description:
      'A Prometheus-compatible long-term store (VictoriaMetrics, Thanos, Mimir) with months of history. Trends reads it for ranges longer than Prometheus keeps, e.g. the last 13 months. Leave empty to read every range from Prometheus.',
  },
] as const;

const SLO_FIELDS = [
  {
    key: 'sloAvailabilityPercent',
    id: 'slo-availability',
    testId: testIds.appConfig.sloAvailability,
    label: 'Availability target (%)',
    description: 'Share of requests that must not fail with a 5xx status. Colours availability and error-rate panels.',
    suffix: '%',
  },
  {
    key: 'sloLatencyP95Ms',
    id: 'slo-latency',
    testId: testIds.appConfig.sloLatency,
    label: 'p95 latency target (ms)',
    description: '95th percentile request duration the services should stay under.',
    suffix: 'ms',
  },
] as const;

export interface AppConfigProps extends PluginConfigPageProps<AppPluginMeta<AppJsonData>> {}

const AppConfig = ({ plugin }: AppConfigProps) => {
  const styles = useStyles2(getStyles);
  const { enabled, pinned, jsonData, id } = plugin.meta;
  const [form, setForm] = useState<ConfigForm>(() => toForm(jsonData));
  const [errors, setErrors] = useState<ConfigErrors>({});
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);

  const update = (patch: Partial<ConfigForm>) => setForm((f) => ({ ...f, ...patch }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateForm(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      await saveAppSettings(id, { enabled, pinned, jsonData: toJsonData(form) });
    } catch (e) {
      setSaveError(
        e instanceof Error
          ? e.message
          : 'Grafana rejected the settings; check that you are an admin of this organisation.'
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={onSubmit} data-testid={testIds.appConfig.container} className={styles.form}>
      <FieldSet label="Data sources">
        {DATA_SOURCE_FIELDS.map(({ key, ...field }) => (
          <DataSourceField
            key={key}
            {...field}
            uid={form[key]}
            error={errors[key]}
            onChange={(uid) => update({ [key]: uid })}
          />
        ))}
        <TextField
          id="short-term-retention"
          testId={testIds.appConfig.retention}
          label="Prometheus retention (days)"
          description="How long Prometheus keeps samples (--storage.tsdb.retention.time). A time range reaching further back than this reads the long-term store."
          width={20}
          inputMode="numeric"
          suffix="days"
          value={form.shortTermRetentionDays}
          error={errors.shortTermRetentionDays}
          onChange={(shortTermRetentionDays) => update({ shortTermRetentionDays })}
        />
      </FieldSet>

      <ConventionFields
        form={form}
        errors={errors}
        onPreset={(preset) => update({ preset })}
        onOverride={(name, value) => update({ overrides: { ...form.overrides, [name]: value } })}
      />

      <FieldSet label="Service level objectives">
        {SLO_FIELDS.map(({ key, ...field }) => (
          <TextField
            key={key}
            {...field}
            width={20}
            inputMode="decimal"
            value={form[key]}
            error={errors[key]}
            onChange={(value) => update({ [key]: value })}
          />
        ))}
        <Field
          label="Use recording rules"
          description="Read codesentinel:* recording rules on the overview instead of raw counters. Turn on only if those rules are loaded in Prometheus."
        >
          <Switch
            id="recording-rules"
            data-testid={testIds.appConfig.recordingRules}
            value={form.useRecordingRules}
            onChange={(e) => update({ useRecordingRules: e.currentTarget.checked })}
          />
        </Field>
      </FieldSet>

      <CanaryFields
        form={form.canary}
        errors={canaryErrorsOf(errors)}
        onChange={(patch) => update({ canary: { ...form.canary, ...patch } })}
      />

      {saveError && (
        <Alert severity="error" title="Settings were not saved">
          {saveError}
        </Alert>
      )}
      <Button
        type="submit"
        data-testid={testIds.appConfig.submit}
        disabled={saving}
        icon={saving ? 'spinner' : undefined}
      >
        Save settings
      </Button>
    </form>
  );
};

export default AppConfig;

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({ marginTop: theme.spacing(4), maxWidth: theme.breakpoints.values.xl }),
});
