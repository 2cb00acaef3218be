// Every data-testid in the app, used by the components and by the e2e specs in tests/e2e.
export const testIds = {
  appConfig: {
    container: 'data-testid ac-container',
    prometheusPicker: 'data-testid ac-prometheus-datasource',
    elasticsearchPicker: 'data-testid ac-elasticsearch-datasource',
    preset: 'data-testid ac-preset',
    override: (name: string) => `data-testid ac-override-${name}`,
    sloAvailability: 'data-testid ac-slo-availability',
    sloLatency: 'data-testid ac-slo-latency',
    recordingRules: 'data-testid ac-recording-rules',
    submit: 'data-testid ac-submit-form',
  },
  dataStatus: {
    container: 'data-testid data-status',
    noDatasource: 'data-testid data-status-no-datasource',
    error: 'data-testid data-status-error',
    noSeries: 'data-testid data-status-no-series',
  },
  overview: {
    container: 'data-testid overview',
  },
  canary: {
    container: 'data-testid canary-analysis',
    selection: 'data-testid canary-selection',
    error: 'data-testid canary-error',
    verdict: 'data-testid canary-verdict',
    traffic: 'data-testid canary-traffic',
    results: 'data-testid canary-results',
  },
  service: {
    container: 'data-testid service-deep-dive',
    tab: (value: string) => `data-testid service-tab-${value}`,
  },
  satellites: {
    container: 'data-testid satellite-health',
    insights: 'data-testid satellite-insights',
    error: 'data-testid satellite-error',
    trend: 'data-testid satellite-trend',
    rates: 'data-testid satellite-rates',
    review: 'data-testid satellite-needs-review',
    neverUsed: 'data-testid satellite-never-used',
  },
};
