import { FieldConfigProperty, PanelPlugin } from '@grafana/data';

import { ForecastPanel } from './components/ForecastPanel';
import { fromTimeSeriesPanel, migrateOptions } from './migrations';
import { buildFieldConfig, buildPanelOptions } from './options';
import type { ForecastFieldConfig, ForecastPanelOptions } from './types';

export const plugin = new PanelPlugin<ForecastPanelOptions, ForecastFieldConfig>(ForecastPanel)
  .setPanelOptions(buildPanelOptions)
  .useFieldConfig({
    disableStandardOptions: [FieldConfigProperty.Thresholds, FieldConfigProperty.Mappings],
    useCustomConfig: buildFieldConfig,
  })
  .setMigrationHandler(migrateOptions)
  .setPanelChangeHandler((_panel, prevPluginId, prevOptions) =>
    prevPluginId === 'timeseries' ? fromTimeSeriesPanel(prevOptions) : {}
  );
