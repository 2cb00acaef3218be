import { type AppPluginMeta, type PluginConfigPageProps, PluginType } from '@grafana/data';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import React from 'react';
import { of } from 'rxjs';

import type { AppJsonData } from '../../../settings/jsonData';
import { testIds } from '../../testIds';
import AppConfig from '../AppConfig';

const fetch = jest.fn(() => of({ data: {} }));
const reload = jest.fn();

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ fetch }),
  locationService: { reload: () => reload() },
  // The real picker needs Grafana's data source service; the form only needs its onChange contract.
  DataSourcePicker: ({ inputId, onChange }: { inputId: string; onChange: (ds: { uid: string }) => void }) => (
    <button type="button" id={inputId} onClick={() => onChange({ uid: `${inputId}-uid` })}>
      pick {inputId}
    </button>
  ),
}));

function props(jsonData: AppJsonData): PluginConfigPageProps<AppPluginMeta<AppJsonData>> {
  return {
    plugin: {
      meta: {
        id: 'codesentinel-analytics-app',
        name: 'CodeSentinel Analytics',
        type: PluginType.app,
        enabled: true,
        pinned: true,
        jsonData,
        info: {} as never,
        module: '',
        baseUrl: '',
      },
    } as never,
    query: {},
  };
}

beforeEach(() => {
  fetch.mockClear();
  reload.mockClear();
});

it('shows a specific message next to a bad SLO field and does not save', async () => {
  render(<AppConfig {...props({})} />);
  fireEvent.change(screen.getByTestId(testIds.appConfig.sloAvailability), { target: { value: '100' } });
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  expect(
    await screen.findByText('The availability target must be above 0 and below 100 % (100 % leaves no error budget).')
  ).toBeInTheDocument();
  expect(fetch).not.toHaveBeenCalled();
});

it('shows the preset default as placeholder of each override', () => {
  render(<AppConfig {...props({ preset: 'istio' })} />);
  expect(screen.getByTestId(testIds.appConfig.override('serviceLabel'))).toHaveAttribute(
    'placeholder',
    'destination_service_name'
  );
  expect(screen.getByTestId(testIds.appConfig.override('latencyBucketMetric'))).toHaveAttribute(
    'placeholder',
    'istio_request_duration_milliseconds_bucket'
  );
});

it('posts jsonData with enabled and pinned kept, then reloads', async () => {
  render(<AppConfig {...props({ preset: 'prometheus' })} />);
  fireEvent.click(screen.getByText('pick prometheus-datasource'));
  fireEvent.change(screen.getByTestId(testIds.appConfig.sloLatency), { target: { value: '200' } });
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  await waitFor(() => expect(reload).toHaveBeenCalled());
  expect(fetch).toHaveBeenCalledWith({
    url: '/api/plugins/codesentinel-analytics-app/settings',
    method: 'POST',
    data: {
      enabled: true,
      pinned: true,
      jsonData: {
        prometheusDatasourceUid: 'prometheus-datasource-uid',
        elasticsearchDatasourceUid: undefined,
        longTermDatasourceUid: undefined,
        shortTermRetentionDays: 30,
        preset: 'prometheus',
        overrides: {},
        sloAvailabilityPercent: 99.5,
        sloLatencyP95Ms: 200,
        useRecordingRules: false,
      },
    },
  });
});

it('explains a bad canary threshold next to its field and does not save', async () => {
  render(<AppConfig {...props({})} />);
  fireEvent.change(screen.getByTestId(testIds.appConfig.canary('marginalScore')), { target: { value: '96' } });
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  expect(
    await screen.findByText(
      'The marginal score must be below the pass score (95); otherwise no canary is ever held for a closer look.'
    )
  ).toBeInTheDocument();
  expect(fetch).not.toHaveBeenCalled();
});

it('saves only the canary values that were set and keeps provisioned per-metric overrides', async () => {
  const metrics = { cpu: { enabled: false } };
  render(<AppConfig {...props({ canary: { metrics } })} />);
  fireEvent.change(screen.getByTestId(testIds.appConfig.canary('alpha')), { target: { value: '0.01' } });
  fireEvent.click(screen.getByLabelText('Significant improvement'));
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  await waitFor(() => expect(reload).toHaveBeenCalled());
  expect(fetch).toHaveBeenCalledWith(
    expect.objectContaining({
      data: expect.objectContaining({
        jsonData: expect.objectContaining({ canary: { alpha: 0.01, promoteWhen: 'improvement', metrics } }),
      }),
    })
  );
});

it('saves a typed allowed change as a fraction next to the provisioned per-metric settings', async () => {
  render(<AppConfig {...props({ canary: { metrics: { p95: { critical: true } } } })} />);
  fireEvent.change(screen.getByTestId(testIds.appConfig.tolerance('p95')), { target: { value: '8' } });
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  await waitFor(() => expect(reload).toHaveBeenCalled());
  const saved = (fetch.mock.calls[0] as unknown as [{ data: { jsonData: AppJsonData } }])[0].data.jsonData;
  expect(saved.canary).toEqual({ metrics: { p95: { critical: true, tolerance: 0.08 } } });
});

it('explains a bad allowed change next to its field and does not save', async () => {
  render(<AppConfig {...props({})} />);
  fireEvent.change(screen.getByTestId(testIds.appConfig.tolerance('error-ratio')), { target: { value: '-5' } });
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  expect(
    await screen.findByText(
      'The allowed change of error rate cannot be negative; enter 0 to count any significant change.'
    )
  ).toBeInTheDocument();
  expect(fetch).not.toHaveBeenCalled();
});

it('picks the long-term store and refuses Prometheus as its own long-term store', async () => {
  render(<AppConfig {...props({ prometheusDatasourceUid: 'long-term-datasource-uid' })} />);
  fireEvent.click(screen.getByText('pick long-term-datasource'));
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  expect(
    await screen.findByText(/The long-term store must be another data source than Prometheus/)
  ).toBeInTheDocument();
  expect(fetch).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText('pick prometheus-datasource'));
  fireEvent.change(screen.getByTestId(testIds.appConfig.retention), { target: { value: '14' } });
  fireEvent.click(screen.getByTestId(testIds.appConfig.submit));
  await waitFor(() => expect(reload).toHaveBeenCalled());
  const saved = (fetch.mock.calls[0] as unknown as [{ data: { jsonData: AppJsonData } }])[0].data.jsonData;
  expect(saved).toMatchObject({ longTermDatasourceUid: 'long-term-datasource-uid', shortTermRetentionDays: 14 });
});
