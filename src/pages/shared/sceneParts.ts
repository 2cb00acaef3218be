// Pieces every page's root scene uses: the Prometheus data source variable, the controls bar and
// Prometheus query objects.
import {
  DataSourceVariable,
  SceneControlsSpacer,
  SceneDataLayerControls,
  SceneRefreshPicker,
  SceneTimePicker,
  SceneTimeRange,
  VariableValueSelectors,
} from '@grafana/scenes';
import { type DataQuery } from '@grafana/schema';

import { PROMETHEUS_DS_TYPE, VAR_DS } from '../../constants';

export const DEFAULT_TIME_RANGE = { from: 'now-1h', to: 'now' } as const;

export function makeTimeRange(range: { from: string; to: string } = DEFAULT_TIME_RANGE): SceneTimeRange {
  return new SceneTimeRange({ ...range });
}

/** `ds`: the Prometheus data source, defaulting to the one chosen in the app configuration. */
export function makePrometheusDatasourceVariable(configuredUid?: string): DataSourceVariable {
  return new DataSourceVariable({
    name: VAR_DS,
    label: 'Data source',
    pluginId: PROMETHEUS_DS_TYPE,
    // With no configured uid the variable falls back to the first Prometheus data source it lists.
    value: configuredUid ?? '',
  });
}

export function makeControls() {
  return [
    new VariableValueSelectors({}),
    // The page's data layers (deploy markers) as switches; nothing on pages without layers.
    new SceneDataLayerControls(),
    new SceneControlsSpacer(),
    new SceneTimePicker({ isOnCanvas: true }),
    new SceneRefreshPicker({ intervals: ['30s', '1m', '5m', '15m'], isOnCanvas: true }),
  ];
}

export interface PromQuery extends DataQuery {
  expr: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  legendFormat?: string;
  /** Grafana's "Min interval": the step is never finer than this (e.g. '1d' for daily aggregates). */
  interval?: string;
}

/** A range query for time series panels. */
export function rangeQuery(refId: string, expr: string, legendFormat?: string): PromQuery {
  return { refId, expr, range: true, instant: false, ...(legendFormat ? { legendFormat } : {}) };
}

/** An instant query in table format, for stats and table columns. */
export function instantQuery(refId: string, expr: string): PromQuery {
  return { refId, expr, instant: true, range: false, format: 'table' };
}

/** `{{label}}` legend for series grouped by `label`. */
export function legendFor(label: string): string {
  return `{{${label}}}`;
}
