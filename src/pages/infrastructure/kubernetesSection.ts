// Kubernetes object state (kube-state-metrics): counts that should be zero, then worst-first
// tables of the pods, deployments and node conditions behind them.
import { MappingType, type ValueMapping } from '@grafana/data';
import { type SceneFlexItem } from '@grafana/scenes';

import { type KubernetesQueries } from '../../queries/kubernetes';
import { row } from '../shared/layout';
import { statPanel } from '../shared/panels';
import { ZERO_IS_HEALTHY_THRESHOLDS } from '../shared/thresholds';

import { gridItem } from './sections';
import { stateTable } from './stateTable';

const PROBLEM_MAPPING: ValueMapping[] = [
  { type: MappingType.ValueToText, options: { '0': { text: 'OK', color: 'green' }, '1': { text: 'Problem', color: 'red' } } },
];

export function kubernetesStats(k: KubernetesQueries): SceneFlexItem {
  const count = (title: string, description: string, expr: string) =>
    statPanel({ title, description, expr, unit: 'none', decimals: 0, thresholds: ZERO_IS_HEALTHY_THRESHOLDS });
  return row(140, [
    count('Pods not ready', 'Pods whose Ready condition is false or unknown: they receive no traffic from their Service.', k.podsNotReady),
    count(
      'OOM kills',
      'Containers that restarted in the time range after the kernel killed them for using more memory than their limit: raise the limit or find the leak (Service Deep-Dive, memory against limit).',
      k.oomKilledInRange
    ),
    count('Pending pods', 'Pods not yet scheduled or started: waiting for CPU or memory on a node, a volume, or an image pull.', k.pendingPods),
    count(
      'Deployments short of replicas',
      'Deployments with at least one unavailable replica: less capacity than asked for, or a rollout that is stuck.',
      k.deploymentsShort
    ),
  ]);
}

export function kubernetesTables(k: KubernetesQueries): SceneFlexItem {
  return gridItem(
    [
      stateTable({
        title: 'Pod restarts',
        description: 'Container restarts per pod in the time range, most first. Restarts from a crash loop or OOM kills show here.',
        refId: 'restarts',
        expr: k.restartsInRange,
        column: 'Restarts',
        descending: true,
        noValue: 'No pods reported',
        unit: 'none',
        decimals: 0,
        thresholds: ZERO_IS_HEALTHY_THRESHOLDS,
      }),
      stateTable({
        title: 'Pod readiness',
        description: 'Readiness per pod now, not-ready first.',
        refId: 'ready',
        expr: k.podNotReady,
        column: 'Readiness',
        descending: true,
        noValue: 'No pods reported',
        mappings: [{ type: MappingType.ValueToText, options: { '0': { text: 'Ready', color: 'green' }, '1': { text: 'Not ready', color: 'red' } } }],
      }),
      stateTable({
        title: 'Deployments',
        description: 'Unavailable replicas per deployment now, most first.',
        refId: 'unavailable',
        expr: k.deploymentsUnavailable,
        column: 'Unavailable replicas',
        descending: true,
        noValue: 'No deployments reported',
        unit: 'none',
        decimals: 0,
        thresholds: ZERO_IS_HEALTHY_THRESHOLDS,
      }),
      stateTable({
        title: 'Node conditions',
        description: 'Every node condition, problems first: Ready not true, or MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable true.',
        refId: 'conditions',
        expr: k.nodeConditionProblems,
        column: 'State',
        descending: true,
        noValue: 'No nodes reported',
        mappings: PROBLEM_MAPPING,
      }),
    ],
    420,
    300
  );
}
