// Text that Grafana renders (not this plugin), for the specs that drive Grafana's own editors. Each
// entry names where Grafana renders it; tests/e2eCheck cannot check these against this repository's
// sources, so they live here and nowhere else.

/** TestData's query editor (public/app/plugins/datasource/grafana-testdata-datasource/QueryEditor.tsx): the scenario picker's label. */
export const TESTDATA_SCENARIO_LABEL = 'Scenario';
/** TestData's scenario list (pkg/tsdb/grafana-testdata-datasource/scenarios.go): returns a frame without points. */
export const TESTDATA_NO_DATA_SCENARIO = 'No Data Points';
