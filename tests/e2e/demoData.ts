// What the provisioned demo stack contains (demo/topology.ts, demo/exposition.ts,
// demo/satellites/generate.ts and the satellite fixtures in telemetry/__fixtures__). Specs take data
// values from here, never as literals, so tests/e2eCheck can tell data from page text and check that
// every token below still exists in the demo's sources.

/** demo/topology.ts: the service with a canary instance and two baseline instances. */
export const DEMO_SERVICE = 'checkout';
export const DEMO_CANARY_INSTANCE = 'checkout-canary-0';
export const DEMO_BASELINE_INSTANCES = ['checkout-0', 'checkout-1'];
export const DEMO_OTHER_SERVICE = 'search';

/** demo/exposition.ts: cAdvisor-style series live in namespace "demo"; one volume `<svc>-data` per service. */
export const DEMO_NAMESPACE = 'demo';
export const demoVolume = (service: string) => `${DEMO_NAMESPACE}/${service}-data`;
/** Container rows read `<namespace>/<pod>/<container>`. */
export const demoContainer = (pod: string, container: string) => `${DEMO_NAMESPACE}/${pod}/${container}`;

/** demo/satellites/generate.ts: this procedure fails often and reads unclear; the archive one never runs. */
export const DEMO_SATELLITE = 'deployment';
export const DEMO_FAILING_PROCEDURE = 'deployment/PROC-2';
export const DEMO_UNUSED_PROCEDURE = 'archive/PROC-2';

/** provisioning/: the data sources the app is pointed at. */
export const DEMO_ELASTICSEARCH_UID = 'codesentinel-satellites-es';
export const DEMO_PROMETHEUS_UID = 'codesentinel-prometheus';
/** Grafana's TestData (uid gdev-testdata), for the panel-editor specs; the file under provisioning/datasources. */
export const TESTDATA_PROVISIONING_FILE = 'testdata.yaml';
