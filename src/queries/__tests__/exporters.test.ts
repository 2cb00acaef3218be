import { finderQueries } from '../bottleneck';
import { PRESETS } from '../conventions';
import { deployMarkerQuery, deploymentQueries, deploymentVariableQueries } from '../deployments';
import { infrastructureQueries, infrastructureVariableQueries } from '../infrastructure';
import { kubernetesQueries } from '../kubernetes';

describe('infrastructureQueries', () => {
  const q = infrastructureQueries();
  test.each([
    ['targetsUp', 'avg(up)'],
    ['upByTarget', 'max by (job, instance) (up)'],
    [
      'nodeCpu',
      '1 - avg by (instance) (rate(node_cpu_seconds_total{instance=~"${node}", mode="idle"}[$__rate_interval]))',
    ],
    [
      'nodeMemory',
      '1 - (sum by (instance) (node_memory_MemAvailable_bytes{instance=~"${node}"}) / sum by (instance) (node_memory_MemTotal_bytes{instance=~"${node}"}))',
    ],
    [
      'nodeDisk',
      'max by (instance) (1 - (node_filesystem_avail_bytes{instance=~"${node}", fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs"}' +
        ' / node_filesystem_size_bytes{instance=~"${node}", fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs|devtmpfs"}))',
    ],
    [
      'nodeNetworkReceive',
      'sum by (instance) (rate(node_network_receive_bytes_total{instance=~"${node}", device!~"lo|veth.*|docker.*|br-.*|cni.*|flannel.*"}[$__rate_interval]))',
    ],
    [
      'containerCpu',
      'sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{namespace=~"${namespace}", container!~"|POD"}[$__rate_interval]))',
    ],
    [
      'containerMemoryOfLimit',
      'sum by (namespace, pod, container) (container_memory_working_set_bytes{namespace=~"${namespace}", container!~"|POD"})' +
        ' / (sum by (namespace, pod, container) (container_spec_memory_limit_bytes{namespace=~"${namespace}", container!~"|POD"}) > 0)',
    ],
    [
      'volumeUsage',
      'max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes{namespace=~"${namespace}"} / kubelet_volume_stats_capacity_bytes{namespace=~"${namespace}"})',
    ],
  ] as const)('%s', (key, expected) => {
    expect(q[key]).toBe(expected);
  });

  it('has node and namespace variables', () => {
    expect(infrastructureVariableQueries().node.query).toBe('label_values(node_cpu_seconds_total, instance)');
    expect(infrastructureVariableQueries().namespace.query).toBe(
      'label_values(container_cpu_usage_seconds_total, namespace)'
    );
  });
});

describe('deploymentQueries', () => {
  const q = deploymentQueries();
  const scope = 'job="ci_deploy", service=~"${service}", environment=~"${environment}"';
  const finished = `codesentinel_deploy_run_finished_timestamp_seconds{${scope}}[$__range]`;
  // Each run is its own series (run_id): counted once if its finish time lies in the range.
  const distinct = `max by (service, environment, run_id) (last_over_time(${finished})) >= (time() - $__range_s)`;
  test.each([
    [
      'runs',
      `max by (service, environment, run_id, status, version, commit, url) (last_over_time(${finished})) >= (time() - $__range_s)`,
    ],
    [
      'runDurations',
      `max by (service, environment, run_id) (last_over_time(codesentinel_deploy_run_duration_seconds{${scope}}[$__range]))`,
    ],
    [
      'runLeadTimes',
      `max by (service, environment, run_id) (last_over_time(codesentinel_deploy_run_lead_time_seconds{${scope}}[$__range]))`,
    ],
    ['runCount', `count by (service, environment) (${distinct})`],
    ['totalRuns', `count(${distinct}) or vector(0)`],
    [
      'incidents',
      'max by (service, alertname) (ALERTS{alertstate="firing", severity=~"P1|P2", alertname!~"Deploy.*|Pushgateway.*", service=~"${service}", service!=""})' +
        ' or on (service) 0 * group by (service) (codesentinel_deploy_run_started_timestamp_seconds{job="ci_deploy", service=~"${service}"})',
    ],
  ] as const)('%s', (key, expected) => {
    expect(q[key]).toBe(expected);
  });

  test.each([
    [{ kind: 'all' } as const, 'job="ci_deploy"'],
    [{ kind: 'variable', variable: '${service}' } as const, 'job="ci_deploy", service=~"${service}"'],
    // A literal service name (the Deep-Dive's route) is escaped, never spliced in.
    [{ kind: 'service', service: 'a"b\\c' } as const, 'job="ci_deploy", service="a\\"b\\\\c"'],
  ])('deploy markers for %j', (scope, matchers) => {
    expect(deployMarkerQuery(scope)).toBe(
      `max by (service, environment, run_id, status, version, commit, url) (last_over_time(codesentinel_deploy_run_finished_timestamp_seconds{${matchers}}[$__range])) >= (time() - $__range_s)`
    );
  });

  it('lists services and environments from the CI job only', () => {
    expect(deploymentVariableQueries().service.query).toBe(
      'label_values(codesentinel_deploy_run_started_timestamp_seconds{job="ci_deploy"}, service)'
    );
  });
});

describe('OOM kills (kube-state-metrics)', () => {
  const reason =
    'max_over_time(kube_pod_container_status_last_terminated_reason{namespace=~"${namespace}", reason="OOMKilled"}[$__range]) == 1';
  test('Infrastructure Health counts containers restarted in the range whose last stop was an OOM kill', () => {
    expect(kubernetesQueries().oomKilledInRange).toBe(
      `count((increase(kube_pod_container_status_restarts_total{namespace=~"\${namespace}"}[$__range]) > 0) and on (namespace, pod, container) (${reason})) or vector(0)`
    );
  });
  test("the finder's OOM family reads the service's containers per interval, the service name escaped", () => {
    const family = finderQueries(PRESETS.otel, 'pay"ments').families.find((f) => f.key === 'oom-kills')!;
    expect(family.expr).toBe(
      'sum by (pod) ((increase(kube_pod_container_status_restarts_total{container="pay\\"ments", pod=~"${instance}"}[$__rate_interval]) > 0)' +
        ' and on (namespace, pod, container) (max_over_time(kube_pod_container_status_last_terminated_reason{container="pay\\"ments", pod=~"${instance}", reason="OOMKilled"}[$__rate_interval]) == 1))'
    );
  });
});

test("every finder family's unit names what its axis counts (no bare numbers)", () => {
  const bare = finderQueries(PRESETS.otel, 'checkout')
    .families.filter((f) => f.unit === 'short' || f.unit === 'none' || f.unit === '')
    .map((f) => f.key);
  expect(bare).toEqual([]);
});
