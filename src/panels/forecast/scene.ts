import type { FieldConfigSource } from '@grafana/data';
import { type DeepPartial, type SceneDataProvider, VizPanel } from '@grafana/scenes';

import { DEFAULT_OPTIONS } from './defaults';
import pluginJson from './plugin.json';
import type { ForecastFieldConfig, ForecastPanelOptions } from './types';

export const FORECAST_PANEL_ID = pluginJson.id;

export interface ForecastPanelSceneOptions {
  title?: string;
  description?: string;
  options?: DeepPartial<ForecastPanelOptions>;
  fieldConfig?: FieldConfigSource<DeepPartial<ForecastFieldConfig>>;
}

/**
 * The same panel the dashboards embed, for the app's scene pages. Grafana resolves the plugin id to
 * the nested panel module (listed in the app's plugin.json includes), so pages do not bundle it.
 */
export function forecastPanel(
  queryRunner: SceneDataProvider,
  settings: ForecastPanelSceneOptions = {}
): VizPanel<ForecastPanelOptions, ForecastFieldConfig> {
  const o = settings.options ?? {};
  return new VizPanel<ForecastPanelOptions, ForecastFieldConfig>({
    pluginId: FORECAST_PANEL_ID,
    title: settings.title ?? 'Forecast',
    description: settings.description,
    $data: queryRunner,
    options: {
      ...DEFAULT_OPTIONS,
      ...o,
      model: { ...DEFAULT_OPTIONS.model, ...o.model },
      forecast: { ...DEFAULT_OPTIONS.forecast, ...o.forecast },
      anomalies: { ...DEFAULT_OPTIONS.anomalies, ...o.anomalies },
      capacity: { ...DEFAULT_OPTIONS.capacity, ...o.capacity },
      display: { ...DEFAULT_OPTIONS.display, ...o.display },
      legend: { ...DEFAULT_OPTIONS.legend, ...o.legend },
    },
    fieldConfig: settings.fieldConfig ?? { defaults: {}, overrides: [] },
  });
}
