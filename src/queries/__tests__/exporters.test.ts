import { deploymentQueries, deploymentVariableQueries } from '../deployments';
import { infrastructureQueries, infrastructureVariableQueries } from '../infrastructure';

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
  // Runs in range: every change of the pushed timestamp, plus the first value if it lies in the range.
  const runs = (gauge: string, agg = 'sum by (service, environment) ') => {
    const series = `codesentinel_deploy_${gauge}_timestamp_seconds{${scope}}[$__range]`;
    return `${agg}(changes(${series}) + (min_over_time(${series}) > bool (time() - $__range_s)))`;
  };
  test.each([
    ['runsInRange', runs('last_run')],
    ['successRatio', `(${runs('last_success')} or ${runs('last_run')} * 0) / (${runs('last_run')} > 0)`],
    ['totalRuns', runs('last_run', 'sum')],
    ['totalSuccessRatio', `(${runs('last_success', 'sum')} or ${runs('last_run', 'sum')} * 0) / (${runs('last_run', 'sum')} > 0)`],
    ['lastDuration', `max by (service, environment) (codesentinel_deploy_duration_seconds{${scope}})`],
    ['lastResult', `min by (service, environment) (codesentinel_deploy_last_result{${scope}})`],
    ['lastRunAtMs', `1000 * max by (service, environment) (codesentinel_deploy_last_run_timestamp_seconds{${scope}})`],
    ['failingNow', `count(codesentinel_deploy_last_result{${scope}} == 0) or vector(0)`],
  ] as const)('%s', (key, expected) => {
    expect(q[key]).toBe(expected);
  });

  it('lists services and environments from the CI job only', () => {
    expect(deploymentVariableQueries().service.query).toBe(
      'label_values(codesentinel_deploy_last_run_timestamp_seconds{job="ci_deploy"}, service)'
    );
  });
});
