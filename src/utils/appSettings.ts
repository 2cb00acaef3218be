// One typed view of the app's jsonData for every page: the metric convention, SLO targets and
// data sources, with defaults filled in. Pages get it from the App root, never from props drilling.
import { type MetricConvention, resolveConvention } from '../queries/conventions';
import { type AppJsonData, type SloTargets, resolveSloTargets } from '../queries/settings';

export interface AppSettings {
  jsonData: AppJsonData;
  convention: MetricConvention;
  slo: SloTargets;
  prometheusUid?: string;
  elasticsearchUid?: string;
  /** The long-term store's data source, if one is configured. */
  longTermUid?: string;
  useRecordingRules: boolean;
}

export function resolveAppSettings(jsonData?: AppJsonData | null): AppSettings {
  const data = jsonData ?? {};
  return {
    jsonData: data,
    convention: resolveConvention(data),
    slo: resolveSloTargets(data),
    prometheusUid: data.prometheusDatasourceUid || undefined,
    elasticsearchUid: data.elasticsearchDatasourceUid || undefined,
    longTermUid: data.longTermDatasourceUid || undefined,
    useRecordingRules: data.useRecordingRules === true,
  };
}
