import { QueryVariable } from '@grafana/scenes';
import { VariableRefresh } from '@grafana/schema';

import { PROMETHEUS_DS_REF } from '../../constants';
import { MATCH_ALL_REGEX } from '../../queries/escape';

/** A match-everything regex rather than a list of every value: shorter queries, new values show up at once. */
export const ALL_VALUE = MATCH_ALL_REGEX;

/** A multi-value Prometheus query variable that defaults to All. */
export function multiQueryVariable(name: string, label: string, query: string): QueryVariable {
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
