// The Grafana variables and time range the conformance suites interpolate catalogue queries with.
import { NODE_NAMES } from '../../../demo/cluster';
import { ENVIRONMENTS } from '../../../demo/deploySimulator';
import { buildTopology, SERVICE_NAMES } from '../../../demo/topology';
import { type GrafanaQueryContext, type TemplateVariable } from '../support/grafanaInterpolation';
import { LOAD_DATABASE } from '../support/postgres';

const SERVICE = 'checkout';
/** The provisioned data source's scrape interval (jsonData.timeInterval, provisioning/datasources/default.yaml). */
const SCRAPE_INTERVAL_SECONDS = 30;
export const RANGE_SECONDS = 6 * 3600;

const checkout = buildTopology(42).find((s) => s.name === SERVICE)!;
const ALL_INSTANCES = checkout.instances.map((i) => i.name);
const ALL_ENDPOINTS = checkout.endpoints.map((e) => e.route);
/** Two values of each multi-value variable (one where there is only one), as a user would tick them; `node` is the host's node-exporter. */
export function subsetFor(node: string) {
  return {
    instance: ['checkout-0', 'checkout-canary-0'],
    endpoint: ['/api/cart', '/api/cart/items'],
    service: ['checkout', 'payments'],
    environment: ['production'],
    node: [node],
    namespace: ['demo'],
    database: [LOAD_DATABASE],
  };
}

export type Scenario = 'all' | 'subset';

/** The variables and time range a panel would interpolate its query with, for 'all' or the subset. */
export function grafanaContext(scenario: Scenario, node: string): GrafanaQueryContext {
  const multi = (values: string[], allValue?: string): TemplateVariable => ({
    values,
    multi: true,
    includeAll: true,
    allValue,
  });
  return {
    rangeSeconds: RANGE_SECONDS,
    maxDataPoints: 1000,
    scrapeIntervalSeconds: SCRAPE_INTERVAL_SECONDS,
    variables:
      scenario === 'all'
        ? // The app's multi-value variables use `.*` as their custom "All" value.
          {
            instance: multi(ALL_INSTANCES, '.*'),
            endpoint: multi(ALL_ENDPOINTS, '.*'),
            service: multi(SERVICE_NAMES, '.*'),
            environment: multi([...ENVIRONMENTS], '.*'),
            node: multi([node, ...NODE_NAMES], '.*'),
            namespace: multi(['demo', 'batch'], '.*'),
            database: multi(['postgres', LOAD_DATABASE], '.*'),
          }
        : Object.fromEntries(Object.entries(subsetFor(node)).map(([name, values]) => [name, multi(values)])),
  };
}
