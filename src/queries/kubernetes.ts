// Kubernetes object state from kube-state-metrics: pods that are not ready, restarting or pending,
// deployments short of replicas, nodes with a condition that is not healthy. The page's `namespace`
// variable narrows the namespaced ones.
import { VAR_NAMESPACE_EXPR } from '../constants';

import { type LabelMatcher, aggregate, selector } from './selector';

export const KUBE_STATE = {
  podReady: 'kube_pod_status_ready',
  podPhase: 'kube_pod_status_phase',
  restarts: 'kube_pod_container_status_restarts_total',
  lastTerminatedReason: 'kube_pod_container_status_last_terminated_reason',
  unavailable: 'kube_deployment_status_replicas_unavailable',
  nodeCondition: 'kube_node_status_condition',
} as const;

export interface KubernetesQueries {
  /** Pods whose Ready condition is false or unknown, in total. */
  podsNotReady: string;
  /** Per pod: 1 while it is not ready (0 when ready), for the worst-first table. */
  podNotReady: string;
  /** Container restarts per pod over the dashboard range. */
  restartsInRange: string;
  /** Containers that restarted in the range and were last stopped by the OOM killer, in total. */
  oomKilledInRange: string;
  /** Pods waiting to be scheduled or started, in total. */
  pendingPods: string;
  /** Unavailable replicas per deployment. */
  deploymentsUnavailable: string;
  /** Deployments with at least one unavailable replica, in total. */
  deploymentsShort: string;
  /** Per node and condition: 1 when unhealthy (Ready not true, a pressure condition true). */
  nodeConditionProblems: string;
}

/**
 * Per container: its restarts over `window`, kept only where kube-state-metrics said within that
 * window that the last termination was an OOM kill (the reason series is 1 for the latest reason).
 */
export function oomKilled(scope: LabelMatcher | readonly LabelMatcher[], window: string): string {
  const matchers = Array.isArray(scope) ? scope : [scope as LabelMatcher];
  const reason = selector(KUBE_STATE.lastTerminatedReason, [...matchers, { label: 'reason', equals: 'OOMKilled' }]);
  return `(increase(${selector(KUBE_STATE.restarts, matchers)}[${window}]) > 0) and on (namespace, pod, container) (max_over_time(${reason}[${window}]) == 1)`;
}

export function kubernetesQueries(): KubernetesQueries {
  const ns: LabelMatcher = { label: 'namespace', variable: VAR_NAMESPACE_EXPR };
  const notReady = selector(KUBE_STATE.podReady, [ns, { label: 'condition', pattern: 'false|unknown' }]);
  const unavailable = aggregate('max', ['namespace', 'deployment'], selector(KUBE_STATE.unavailable, [ns]));
  return {
    podsNotReady: `sum(${notReady}) or vector(0)`,
    podNotReady: aggregate('max', ['namespace', 'pod'], notReady),
    restartsInRange: aggregate('sum', ['namespace', 'pod'], `increase(${selector(KUBE_STATE.restarts, [ns])}[$__range])`),
    oomKilledInRange: `count(${oomKilled(ns, '$__range')}) or vector(0)`,
    pendingPods: `sum(${selector(KUBE_STATE.podPhase, [ns, { label: 'phase', equals: 'Pending' }])}) or vector(0)`,
    deploymentsUnavailable: unavailable,
    deploymentsShort: `count(${unavailable} > 0) or vector(0)`,
    // Ready is healthy when its "true" series is 1; every other condition (MemoryPressure,
    // DiskPressure, PIDPressure, NetworkUnavailable) is healthy when its "true" series is 0.
    nodeConditionProblems: aggregate(
      'max',
      ['node', 'condition'],
      `${selector(KUBE_STATE.nodeCondition, [
        { label: 'condition', notEquals: 'Ready' },
        { label: 'status', equals: 'true' },
      ])} or ${selector(KUBE_STATE.nodeCondition, [
        { label: 'condition', equals: 'Ready' },
        { label: 'status', pattern: 'false|unknown' },
      ])}`
    ),
  };
}
