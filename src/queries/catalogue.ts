// The one enumerator of every PromQL string the app can emit. Pages build their queries from the same
// builders, so a query missing here is a query no test has run on Prometheus. Features that add
// queries (canary, satellites, ...) add their list to CONTRIBUTORS.
import { canaryCatalogueEntries } from './canary';
import type { CatalogueEntry } from './catalogueTypes';
import type { MetricConvention } from './conventions';
import { overviewQueries, requestSeriesCount } from './overview';
import { RULE_SERVICE_LABEL } from './recordingRules';
import { CADVISOR, containerResourceQueries } from './resources';
import { serviceQueries, servicesVariableQuery, serviceVariableQueries } from './service';

export type { CatalogueEntry } from './catalogueTypes';
export { CATALOGUE_SUBSTITUTIONS, substituteTemplateVariables } from './catalogueTypes';

export interface CatalogueOptions {
  /** Service name used for the per-service pages (the demo's services are checkout, payments, ...). */
  service?: string;
}

type Contributor = (c: MetricConvention, options: Required<CatalogueOptions>) => CatalogueEntry[];

function overviewEntries(c: MetricConvention): CatalogueEntry[] {
  const entries: CatalogueEntry[] = [];
  for (const useRecordingRules of [false, true]) {
    const q = overviewQueries(c, { useRecordingRules });
    const page = useRecordingRules ? 'overview-rules' : 'overview';
    const svc = [useRecordingRules ? RULE_SERVICE_LABEL : c.serviceLabel];
    entries.push(
      { id: `${page}.throughput`, page, expr: q.throughput, expectLabels: [], description: 'Requests per second, all services' },
      { id: `${page}.error-ratio`, page, expr: q.errorRatio, expectLabels: [], description: '5xx share of requests, all services' },
      { id: `${page}.availability`, page, expr: q.availability, expectLabels: [], description: 'Non-5xx share, all services' },
      { id: `${page}.p95`, page, expr: q.p95, expectLabels: [], description: 'p95 latency (s), all services' },
      { id: `${page}.service-rate`, page, expr: q.perService.requestRate, expectLabels: svc, description: 'Requests per second per service' },
      { id: `${page}.service-error-ratio`, page, expr: q.perService.errorRatio, expectLabels: svc, description: '5xx share per service' },
      { id: `${page}.service-availability`, page, expr: q.perService.availability, expectLabels: svc, description: 'Availability per service' },
      { id: `${page}.service-p95`, page, expr: q.perService.p95, expectLabels: svc, description: 'p95 latency (s) per service' },
      { id: `${page}.service-trend`, page, expr: q.perService.trend, expectLabels: svc, description: 'Request-rate sparkline per service' }
    );
  }
  return entries;
}

function serviceEntries(c: MetricConvention, { service }: Required<CatalogueOptions>): CatalogueEntry[] {
  const page = 'service';
  const q = serviceQueries(c, service);
  const vars = serviceVariableQueries(c, service);
  const services = servicesVariableQuery(c);
  const resources = containerResourceQueries(service);
  const pod = [CADVISOR.podLabel];
  return [
    { id: 'service.stat-rate', page, expr: q.stats.requestRate, expectLabels: [], description: 'Service requests per second' },
    { id: 'service.stat-error-ratio', page, expr: q.stats.errorRatio, expectLabels: [], description: 'Service 5xx share' },
    { id: 'service.stat-availability', page, expr: q.stats.availability, expectLabels: [], description: 'Service availability' },
    { id: 'service.stat-p95', page, expr: q.stats.p95, expectLabels: [], description: 'Service p95 latency (s)' },
    { id: 'service.endpoint-rate', page, expr: q.byEndpoint.requestRate, expectLabels: [c.endpointLabel], description: 'Requests per second per endpoint' },
    { id: 'service.endpoint-error-ratio', page, expr: q.byEndpoint.errorRatio, expectLabels: [c.endpointLabel], description: '5xx share per endpoint' },
    { id: 'service.endpoint-p95', page, expr: q.byEndpoint.p95, expectLabels: [c.endpointLabel], description: 'p95 latency (s) per endpoint' },
    { id: 'service.instance-rate', page, expr: q.byInstance.requestRate, expectLabels: [c.instanceLabel], description: 'Requests per second per instance' },
    { id: 'service.instance-error-ratio', page, expr: q.byInstance.errorRatio, expectLabels: [c.instanceLabel], description: '5xx share per instance' },
    { id: 'service.instance-p95', page, expr: q.byInstance.p95, expectLabels: [c.instanceLabel], description: 'p95 latency (s) per instance' },
    ...q.percentiles.map(({ quantile, expr }) => ({
      id: `service.latency-p${Math.round(quantile * 100)}`,
      page,
      expr,
      expectLabels: [],
      description: `p${Math.round(quantile * 100)} latency (s)`,
    })),
    { id: 'service.failures-by-status', page, expr: q.failuresByStatus, expectLabels: [c.statusLabel], description: '4xx/5xx per second by status code' },
    { id: 'service.container-cpu', page, expr: resources.cpuCores, expectLabels: pod, description: 'Container CPU cores per pod' },
    { id: 'service.container-memory', page, expr: resources.memoryBytes, expectLabels: pod, description: 'Container working set bytes per pod' },
    { id: 'service.container-memory-limit', page, expr: resources.memoryLimitBytes, expectLabels: pod, description: 'Container memory limit per pod' },
    {
      id: 'service.var-instance',
      page,
      expr: vars.instance.query,
      expectLabels: [vars.instance.label],
      description: 'instance variable',
      labelValues: { selector: vars.instance.selector, label: vars.instance.label },
    },
    {
      id: 'service.var-endpoint',
      page,
      expr: vars.endpoint.query,
      expectLabels: [vars.endpoint.label],
      description: 'endpoint variable',
      labelValues: { selector: vars.endpoint.selector, label: vars.endpoint.label },
    },
    {
      id: 'app.services',
      page: 'app',
      expr: services.query,
      expectLabels: [services.label],
      description: 'Service names the request counter knows (config check, pickers)',
      labelValues: { selector: services.selector, label: services.label },
    },
    {
      id: 'app.request-series-count',
      page: 'app',
      expr: requestSeriesCount(c),
      expectLabels: [],
      description: 'Number of request series; drives the "no data for this convention" hint',
    },
  ];
}

const CONTRIBUTORS: Contributor[] = [overviewEntries, serviceEntries, (c, { service }) => canaryCatalogueEntries(c, service)];

/** Every PromQL query (and label_values variable query) the app can emit for `convention`. */
export function allPromQueries(convention: MetricConvention, options: CatalogueOptions = {}): CatalogueEntry[] {
  const resolved: Required<CatalogueOptions> = { service: options.service ?? 'checkout' };
  return CONTRIBUTORS.flatMap((contribute) => contribute(convention, resolved));
}
