// The panel plugins VizPanel can load in the harness. Grafana's core panels (timeseries, stat, table,
// bargauge, barchart) are not published as packages, so these are STAND-INS built from @grafana/ui's
// real components; only the forecast panel is the app's real plugin.
import {
  FieldColorModeId,
  FieldConfigProperty,
  PanelPlugin,
  type PanelPlugin as PanelPluginType,
  type PanelProps,
  PluginType,
  identityOverrideProcessor,
} from '@grafana/data';
import { type ComponentType } from 'react';

import { plugin as forecastPlugin } from '../../../../src/panels/forecast/module';
import forecastMeta from '../../../../src/panels/forecast/plugin.json';

import { BarChartStandIn } from './BarChartStandIn';
import { BarGaugeStandIn, StatStandIn } from './StatStandIn';
import { TableStandIn } from './TableStandIn';
import { TimeSeriesStandIn } from './TimeSeriesStandIn';

function withMeta(plugin: PanelPluginType, id: string, name: string): PanelPluginType {
  plugin.meta = {
    id,
    name,
    type: PluginType.panel,
    module: `harness:${id}`,
    baseUrl: '',
    sort: 0,
    info: {
      author: { name: id === forecastMeta.id ? 'Codesentinel' : 'Grafana Labs (harness stand-in)' },
      description: '',
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '12.4.10',
    },
  };
  return plugin;
}

const noEditor = () => null;

/**
 * Field options the app sets per panel type. Grafana drops every field option its plugin does not
 * declare (getPanelOptionsWithDefaults cleanProperties), so the stand-ins declare the core panel's.
 */
function standIn(
  id: string,
  name: string,
  component: ComponentType<PanelProps<any>>,
  custom: string[],
  color: FieldColorModeId = FieldColorModeId.Thresholds
) {
  const plugin = new PanelPlugin(component).useFieldConfig({
    standardOptions: { [FieldConfigProperty.Color]: { defaultValue: { mode: color } } },
    useCustomConfig: (builder) => {
      for (const path of custom) {
        builder.addCustomEditor({
          id: path,
          path,
          name: path,
          editor: noEditor,
          override: noEditor,
          process: identityOverrideProcessor,
          shouldApply: () => true,
        });
      }
    },
  });
  return withMeta(plugin, id, `${name} (stand-in)`);
}

const GRAPH_OPTIONS = [
  'drawStyle',
  'lineWidth',
  'lineStyle',
  'lineInterpolation',
  'fillOpacity',
  'gradientMode',
  'showPoints',
  'pointSize',
  'spanNulls',
  'stacking',
  'thresholdsStyle',
  'axisPlacement',
  'axisLabel',
  'axisSoftMin',
  'axisSoftMax',
  'hideFrom',
];
const TABLE_OPTIONS = ['cellOptions', 'width', 'minWidth', 'align', 'filterable', 'inspect', 'hidden'];

export const panelPlugins: Record<string, PanelPluginType> = {
  timeseries: standIn('timeseries', 'Time series', TimeSeriesStandIn, GRAPH_OPTIONS, FieldColorModeId.PaletteClassic),
  stat: standIn('stat', 'Stat', StatStandIn, []),
  table: standIn('table', 'Table', TableStandIn, TABLE_OPTIONS),
  bargauge: standIn('bargauge', 'Bar gauge', BarGaugeStandIn, []),
  barchart: standIn(
    'barchart',
    'Bar chart',
    BarChartStandIn,
    ['fillOpacity', 'lineWidth', 'hideFrom'],
    FieldColorModeId.PaletteClassic
  ),
  [forecastMeta.id]: withMeta(forecastPlugin as unknown as PanelPluginType, forecastMeta.id, forecastMeta.name),
};
