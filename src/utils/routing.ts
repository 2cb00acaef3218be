// The app's route table and the URL keys its pages read and write (logs-drilldown keeps these in one
// module too, so links and routes cannot drift apart).
import { PLUGIN_BASE_URL, PLUGIN_ID, VAR_DS } from '../constants';

export type AppRoute = (typeof ROUTES)[keyof typeof ROUTES];

export const ROUTES = {
  Overview: 'overview',
  Services: 'services',
  Canary: 'canary',
  Satellites: 'satellites',
  Infrastructure: 'infrastructure',
  Deployments: 'deployments',
  Trends: 'trends',
} as const;

/** Query-string keys the pages read or carry between pages. */
export const URL_KEYS = {
  /** Active tab of the Service Deep-Dive. */
  serviceTab: 'tab',
  timeFrom: 'from',
  timeTo: 'to',
  timeZone: 'timezone',
  refresh: 'refresh',
  datasource: `var-${VAR_DS}`,
} as const;

/**
 * What a breadcrumb back to a list page carries: the time range and the data source, not the
 * deep-dive's own state (`tab`, `var-instance`, `var-endpoint` mean nothing on the list).
 */
export const LIST_PAGE_URL_KEYS: string[] = [
  URL_KEYS.timeFrom,
  URL_KEYS.timeTo,
  URL_KEYS.timeZone,
  URL_KEYS.refresh,
  URL_KEYS.datasource,
];

/** The home page: the app's root and unknown paths redirect here. */
export const HOME_ROUTE = ROUTES.Overview;

/** Absolute app URL for a route, e.g. `/a/codesentinel-analytics-app/overview`. */
export function prefixRoute(route: string): string {
  return `${PLUGIN_BASE_URL}/${route}`;
}

/** The Service Deep-Dive URL; the name is percent-encoded so any service name is one path segment. */
export function serviceUrl(service: string): string {
  return `${prefixRoute(ROUTES.Services)}/${encodeURIComponent(service)}`;
}

/**
 * Data-link template for a table cell holding a service name: opens the Service Deep-Dive with the
 * current time range and Prometheus data source. `${__value.text:percentencode}` keeps names with
 * `/`, `?` or `#` in one path segment; `${ds:queryparam}` renders `var-ds=<uid>`.
 */
export const SERVICE_DRILLDOWN_LINK = `${prefixRoute(ROUTES.Services)}/\${__value.text:percentencode}?\${__url_time_range}&\${${VAR_DS}:queryparam}`;

/** The app configuration page (the config page registered in module.tsx has id `configuration`). */
export const CONFIG_PAGE_URL = `/plugins/${PLUGIN_ID}?page=configuration`;
