// Container CPU and memory for a service's instances, from cAdvisor-style series. The request
// metrics' instance label is matched against the `pod` label (the demo names pods after instances,
// as Kubernetes service discovery does with `instance` relabelled to the pod name).
import { VAR_INSTANCE_EXPR } from '../constants';

import { type LabelMatcher, aggregate, rate, selector } from './selector';

export const CADVISOR = {
  cpuSeconds: 'container_cpu_usage_seconds_total',
  memoryWorkingSet: 'container_memory_working_set_bytes',
  memoryLimit: 'container_spec_memory_limit_bytes',
  containerLabel: 'container',
  podLabel: 'pod',
} as const;

/**
 * Grafana unit for series measured in CPU cores (a CPU-seconds counter's rate). Grafana has no
 * "cores" unit; a custom `suffix:` unit keeps the axis and legend values from reading unitless.
 */
export const CPU_CORES_UNIT = 'suffix: cores';

export interface ResourceQueries {
  /** CPU cores used per pod. */
  cpuCores: string;
  /** Working-set bytes per pod. */
  memoryBytes: string;
  /** Memory limit bytes per pod (absent when no limit is set). */
  memoryLimitBytes: string;
}

export function containerResourceQueries(service: string): ResourceQueries {
  const scope: LabelMatcher[] = [
    { label: CADVISOR.containerLabel, equals: service },
    { label: CADVISOR.podLabel, variable: VAR_INSTANCE_EXPR },
  ];
  const perPod = [CADVISOR.podLabel];
  return {
    cpuCores: aggregate('sum', perPod, rate(selector(CADVISOR.cpuSeconds, scope))),
    memoryBytes: aggregate('sum', perPod, selector(CADVISOR.memoryWorkingSet, scope)),
    memoryLimitBytes: aggregate('max', perPod, selector(CADVISOR.memoryLimit, scope)),
  };
}
