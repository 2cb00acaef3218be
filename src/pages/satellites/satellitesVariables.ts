// The Satellite Health page's variables: the Elasticsearch data source (`es`), then satellite and
// procedure pickers filled by terms queries on the telemetry indices. Their values reach queries
// only through src/queries/elasticsearch (escaped), never through Grafana's `${...}` interpolation.
import { DataSourceVariable, QueryVariable, type SceneObject, sceneGraph } from '@grafana/scenes';
import { VariableRefresh } from '@grafana/schema';

import { ELASTICSEARCH_DS_REF, ELASTICSEARCH_DS_TYPE, VAR_ES } from '../../constants';
import { FIELDS, termsVariableQuery, type SatelliteFilter } from '../../queries/elasticsearch/satellites';

export const VAR_SATELLITE = 'satellite';
export const VAR_PROCEDURE = 'procedure';
/** Scenes' value for the "All" option (not exported by @grafana/scenes). */
const ALL_VALUE = '$__all';

export function makeElasticsearchVariable(configuredUid?: string): DataSourceVariable {
  return new DataSourceVariable({
    name: VAR_ES,
    label: 'Elasticsearch',
    pluginId: ELASTICSEARCH_DS_TYPE,
    value: configuredUid ?? '',
  });
}

function termsVariable(name: string, label: string, query: string): QueryVariable {
  return new QueryVariable({
    name,
    label,
    datasource: ELASTICSEARCH_DS_REF,
    query,
    includeAll: true,
    defaultToAll: true,
    isMulti: false,
    // Options are re-read when the time range changes: a satellite may only exist in part of it.
    refresh: VariableRefresh.onTimeRangeChanged,
  });
}

export function makeSatelliteVariable(): QueryVariable {
  return termsVariable(VAR_SATELLITE, 'Satellite', termsVariableQuery(FIELDS.satellite));
}

export function makeProcedureVariable(satellite?: string): QueryVariable {
  return termsVariable(VAR_PROCEDURE, 'Procedure', termsVariableQuery(FIELDS.procedure, { satellite }));
}

function singleValue(scene: SceneObject, name: string): string | undefined {
  const variable = sceneGraph.lookupVariable(name, scene);
  if (!(variable instanceof QueryVariable)) {
    return undefined;
  }
  // With "All" selected Scenes' getValue() lists every option (there is no allValue), and its first
  // entry is not the selection: "All" means no filter.
  if (variable.hasAllValue()) {
    return undefined;
  }
  const value = variable.getValue();
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined || v === null || v === '' || v === ALL_VALUE ? undefined : String(v);
}

/** The current selection; "All" (or nothing loaded yet) is `undefined`, meaning no filter. */
export function getSatelliteFilter(scene: SceneObject): SatelliteFilter {
  return { satellite: singleValue(scene, VAR_SATELLITE), procedure: singleValue(scene, VAR_PROCEDURE) };
}

export function getProcedureVariable(scene: SceneObject): QueryVariable | undefined {
  const variable = sceneGraph.lookupVariable(VAR_PROCEDURE, scene);
  return variable instanceof QueryVariable ? variable : undefined;
}
