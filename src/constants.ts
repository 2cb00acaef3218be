import pluginJson from '../plugin.json';

export const PLUGIN_ID = pluginJson.id;
export const PLUGIN_BASE_URL = `/a/${pluginJson.id}`;

// Template variable names shared by every page and by src/queries (metrics-drilldown keeps these in
// one place too, so a rename cannot leave a dangling `${...}` in some query).
export const VAR_DS = 'ds';
export const VAR_DS_EXPR = '${ds}';
export const VAR_ES = 'es';
export const VAR_ES_EXPR = '${es}';
export const VAR_SERVICE = 'service';
export const VAR_SERVICE_EXPR = '${service}';
export const VAR_INSTANCE = 'instance';
export const VAR_INSTANCE_EXPR = '${instance}';
export const VAR_ENDPOINT = 'endpoint';
export const VAR_ENDPOINT_EXPR = '${endpoint}';
export const VAR_NODE = 'node';
export const VAR_NODE_EXPR = '${node}';
export const VAR_NAMESPACE = 'namespace';
export const VAR_NAMESPACE_EXPR = '${namespace}';
export const VAR_DATABASE = 'database';
export const VAR_DATABASE_EXPR = '${database}';
export const VAR_ENVIRONMENT = 'environment';
export const VAR_ENVIRONMENT_EXPR = '${environment}';

/** Every Prometheus query in the app goes through the `ds` data source variable. */
export const PROMETHEUS_DS_REF = { uid: VAR_DS_EXPR, type: 'prometheus' } as const;
export const ELASTICSEARCH_DS_REF = { uid: VAR_ES_EXPR, type: 'elasticsearch' } as const;

export const PROMETHEUS_DS_TYPE = 'prometheus';
export const ELASTICSEARCH_DS_TYPE = 'elasticsearch';
