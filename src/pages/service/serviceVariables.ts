import { SceneVariableSet } from '@grafana/scenes';

import { VAR_ENDPOINT, VAR_INSTANCE } from '../../constants';
import type { MetricConvention } from '../../queries/conventions';
import { serviceVariableQueries } from '../../queries/service';
import { multiQueryVariable } from '../shared/multiVariable';
import { makePrometheusDatasourceVariable } from '../shared/sceneParts';

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
