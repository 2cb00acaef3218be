// Catalogue entries of the pages built on the request metrics (System Overview, Service Deep-Dive).
import { type CatalogueEntry, entry, labelValuesEntry } from './catalogueTypes';
import type { MetricConvention } from './conventions';
import { overviewQueries, requestSeriesCount } from './overview';
import { RULE_SERVICE_LABEL } from './recordingRules';
import { CADVISOR, containerResourceQueries } from './resources';
import { serviceQueries, servicesVariableQuery, serviceVariableQueries } from './service';

/** Both overview variants: raw metrics (`overview.*`) and recording rules (`overview-rules.*`). */
export function overviewEntries(c: MetricConvention): CatalogueEntry[] {
  return [false, true].flatMap((useRecordingRules) => {
    const q = overviewQueries(c, { useRecordingRules });
    const page = useRecordingRules ? 'overview-rules' : 'overview';
    const svc = [useRecordingRules ? RULE_SERVICE_LABEL : c.serviceLabel];
    return [
      entry(page, 'throughput', q.throughput, [], 'Requests per second, all services'),
      entry(page, 'error-ratio', q.errorRatio, [], '5xx share of requests, all services'),
      entry(page, 'availability', q.availability, [], 'Non-5xx share, all services'),
      entry(page, 'p95', q.p95, [], 'p95 latency (s), all services'),
      entry(page, 'service-rate', q.perService.requestRate, svc, 'Requests per second per service'),
      entry(page, 'service-error-ratio', q.perService.errorRatio, svc, '5xx share per service'),
      entry(page, 'service-availability', q.perService.availability, svc, 'Availability per service'),
      entry(page, 'service-p95', q.perService.p95, svc, 'p95 latency (s) per service'),
      entry(page, 'service-trend', q.perService.trend, svc, 'Request-rate sparkline per service'),
    ];
  });
}

export function serviceEntries(c: MetricConvention, service: string): CatalogueEntry[] {
  const page = 'service';
  const q = serviceQueries(c, service);
  const vars = serviceVariableQueries(c, service);
  const resources = containerResourceQueries(service);
  const pod = [CADVISOR.podLabel];
  return [
    entry(page, 'stat-rate', q.stats.requestRate, [], 'Service requests per second'),
    entry(page, 'stat-error-ratio', q.stats.errorRatio, [], 'Service 5xx share'),
    entry(page, 'stat-availability', q.stats.availability, [], 'Service availability'),
    entry(page, 'stat-p95', q.stats.p95, [], 'Service p95 latency (s)'),
    entry(page, 'endpoint-rate', q.byEndpoint.requestRate, [c.endpointLabel], 'Requests per second per endpoint'),
    entry(page, 'endpoint-error-ratio', q.byEndpoint.errorRatio, [c.endpointLabel], '5xx share per endpoint'),
    entry(page, 'endpoint-p95', q.byEndpoint.p95, [c.endpointLabel], 'p95 latency (s) per endpoint'),
    entry(page, 'instance-rate', q.byInstance.requestRate, [c.instanceLabel], 'Requests per second per instance'),
    entry(page, 'instance-error-ratio', q.byInstance.errorRatio, [c.instanceLabel], '5xx share per instance'),
    entry(page, 'instance-p95', q.byInstance.p95, [c.instanceLabel], 'p95 latency (s) per instance'),
    ...q.percentiles.map(({ quantile, expr }) => {
      const p = `p${Math.round(quantile * 100)}`;
      return entry(page, `latency-${p}`, expr, [], `${p} latency (s)`);
    }),
    entry(page, 'failures-by-status', q.failuresByStatus, [c.statusLabel], '4xx/5xx per second by status code'),
    entry(page, 'container-cpu', resources.cpuCores, pod, 'Container CPU cores per pod'),
    entry(page, 'container-memory', resources.memoryBytes, pod, 'Container working set bytes per pod'),
    entry(page, 'container-memory-limit', resources.memoryLimitBytes, pod, 'Container memory limit per pod'),
    labelValuesEntry(page, 'var-instance', vars.instance, 'instance variable'),
    labelValuesEntry(page, 'var-endpoint', vars.endpoint, 'endpoint variable'),
    labelValuesEntry('app', 'services', servicesVariableQuery(c), 'Service names the request counter knows'),
    entry(
      'app',
      'request-series-count',
      requestSeriesCount(c),
      [],
      'Number of request series; drives the "no data" hint'
    ),
  ];
}
