// The pages the screens spec visits, with the panels that must hold data on the demo stack.
import { incidents } from '../../demo/load';
import { callersOf } from '../../demo/topology';
import { anomalyTitle, signalSpec } from '../../src/pages/overview/anomalySignals';

const DEMO_INCIDENTS = incidents(0);
export interface ScreenPage {
  /** Screenshot file stem. */
  name: string;
  /** Route under /a/codesentinel-analytics-app/. */
  path: string;
  query?: Record<string, string>;
  title: string;
  mainPanels: string[];
  /** Text that must be on the page (for pages whose main content is not a panel). */
  expectText?: RegExp[];
  /** The overview's anomaly list must name exactly these "service · signal" pairs (each at least once). */
  expectAnomalies?: string[];
}

const RED = ['Throughput', 'Error rate', 'p95 latency', 'Availability'];

export const SCREEN_PAGES: ScreenPage[] = [
  {
    name: 'overview',
    path: 'overview',
    title: 'System Overview',
    mainPanels: [...RED, 'Services', 'Requests per service', 'Error rate per service', 'p95 latency per service'],
  },
  {
    // A week: the anomaly list should name the demo's injected incidents (latency spike every 3 days,
    // error burst every 2) and nothing else.
    name: 'overview-7d',
    path: 'overview',
    title: 'System Overview',
    query: { from: 'now-7d', to: 'now' },
    mainPanels: ['Services'],
    expectText: [/Anomalies to investigate/],
    // demo/load.ts: an error burst every 2 days and a latency spike every 3 days (services fixed, only
    // the timing depends on the seed). The spike's callers wait on it (demo/topology.ts CALL_EDGES):
    // their p95 rises with it (about 1.7× for checkout), errors stay with the burst's own service.
    expectAnomalies: [
      anomalyTitle(DEMO_INCIDENTS.errorBurst.service, signalSpec('errors').label),
      anomalyTitle(DEMO_INCIDENTS.latencySpike.service, signalSpec('latency').label),
      ...callersOf(DEMO_INCIDENTS.latencySpike.service).map((caller) =>
        anomalyTitle(caller, signalSpec('latency').label)
      ),
    ],
  },
  { name: 'services', path: 'services', title: 'Services', mainPanels: ['Services'] },
  {
    name: 'service-checkout',
    path: 'services/checkout',
    title: 'checkout',
    mainPanels: [...RED, 'Requests per endpoint', 'Error rate per endpoint', 'p95 latency per endpoint'],
  },
  {
    // The demo's known bottleneck: the nightly batch job's disk bursts on worker-3 slow search-1
    // (00:00–08:00 UTC); the finder should name worker-3's disk I/O when the range covers the job.
    name: 'service-search-finder',
    path: 'services/search',
    query: { from: 'now-4h', to: 'now' },
    title: 'search',
    mainPanels: RED,
    expectText: [/What moves with latency/],
  },
  {
    name: 'infrastructure',
    path: 'infrastructure',
    title: 'Infrastructure Health',
    mainPanels: [
      'Targets up',
      'Scrape targets',
      'Node CPU',
      'CPU I/O wait and steal',
      'Disk utilisation',
      'Disk latency',
      'Network errors',
      'Container CPU',
      'Pods not ready',
      'Pod restarts',
      'Node conditions',
      'Databases',
    ],
  },
  {
    name: 'deployments',
    path: 'deployments',
    title: 'Deployment Pipeline',
    mainPanels: ['Deployment duration', 'Deployments', 'Runs per service'],
  },
  {
    name: 'trends',
    path: 'trends',
    title: 'Trends & Capacity',
    mainPanels: [
      'Request rate forecast',
      'p95 latency forecast',
      'Requests by hour of day',
      'Requests by day of week',
      // "Last 13 months", from the VictoriaMetrics the stack loads with the demo's year.
      'Request rate, 90 days ahead',
      'Requests by month of year (13 months)',
      'Requests by day of week (13 months)',
    ],
    expectText: [/Time to exhaustion/, /Last 13 months/],
  },
  {
    // Past Prometheus' retention the forecasts read the long-term store's aggregates.
    name: 'trends-13m',
    path: 'trends',
    query: { from: 'now-13M', to: 'now' },
    title: 'Trends & Capacity',
    mainPanels: ['Request rate forecast', 'p95 latency forecast', 'Request rate, 90 days ahead'],
    expectText: [/Forecasts read the long-term store/],
  },
  {
    name: 'canary-unselected',
    path: 'canary',
    title: 'Canary Analysis',
    mainPanels: [],
    // The default split (canary pods by instance name) needs no typing: the first service, which
    // runs no canary in the demo, is judged at once and the page says so.
    expectText: [/No canary traffic/],
  },
  {
    name: 'canary-checkout',
    path: 'canary',
    query: { 'var-service': 'checkout', 'var-canary': 'checkout-canary-0', 'var-baseline': 'checkout-0' },
    title: 'Canary Analysis',
    mainPanels: [
      'Request volume',
      'p95 latency: canary vs baseline',
      'error rate: canary vs baseline',
      'CPU per pod: canary vs baseline',
    ],
  },
  {
    // A quarter of the satellite demo in a real Elasticsearch: deployment/PROC-2 fails often, archive/PROC-2
    // is never used, tools/codesentinel/PROC-2 was rewritten 12 days ago and now fails less.
    name: 'satellites',
    path: 'satellites',
    title: 'Satellite Health',
    mainPanels: [
      'Most used procedures',
      'Outcomes over time',
      'Procedure duration percentiles',
      'Feedback per procedure',
    ],
    expectText: [/Task speed by task type since/, /code-review/, /fails less: failure rate/, /archive\/PROC-2/],
  },
  // A Grafana without an Elasticsearch data source: the page says what to configure.
  {
    name: 'satellites-no-elasticsearch',
    path: 'satellites',
    query: { es: 'none' },
    title: 'Satellite Health',
    mainPanels: [],
    expectText: [/Elasticsearch/],
  },
];
