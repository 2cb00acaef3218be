import { QueryVariable, SceneVariableSet } from '@grafana/scenes';
import { VariableRefresh } from '@grafana/schema';

import { PROMETHEUS_DS_REF, VAR_ENDPOINT, VAR_INSTANCE } from '../../constants';
import type { MetricConvention } from '../../queries/conventions';
import { serviceVariableQueries } from '../../queries/service';
import { makePrometheusDatasourceVariable } from '../shared/sceneParts';

/** `.*` rather than a list of every value: shorter queries, and new instances show up at once. */
export const ALL_VALUE = '.*';

function multiQueryVariable(name: string, label: string, query: string): QueryVariable {
  return new QueryVariable({
    name,
    label,
    datasource: PROMETHEUS_DS_REF,
    query: { refId: name, query },
    isMulti: true,
    includeAll: true,
    defaultToAll: true,
    allValue: ALL_VALUE,
    refresh: VariableRefresh.onTimeRangeChanged,
  });
}

/** `ds`, then `instance` and `endpoint` of this service (endpoint options follow the instances). */
export function makeServiceVariables(c: MetricConvention, service: string, prometheusUid?: string): SceneVariableSet {
  const q = serviceVariableQueries(c, service);
  return new SceneVariableSet({
    variables: [
      makePrometheusDatasourceVariable(prometheusUid),
      multiQueryVariable(VAR_INSTANCE, 'Instance', q.instance.query),
      multiQueryVariable(VAR_ENDPOINT, 'Endpoint', q.endpoint.query),
    ],
  });
}
