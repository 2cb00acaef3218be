// One instant query as a table, its value column renamed and sorted: the worst-first lists of the
// Infrastructure Health page (targets down first, pods and deployments in trouble first).
import { type ThresholdsConfig, type ValueMapping } from '@grafana/data';
import { PanelBuilders, SceneDataTransformer, type VizPanel } from '@grafana/scenes';
import { TableCellBackgroundDisplayMode, TableCellDisplayMode } from '@grafana/schema';

import { promRunner } from '../shared/panels';
import { instantQuery } from '../shared/sceneParts';

export interface StateTableOptions {
  title: string;
  description: string;
  /** refId of the query; a lone table query's value column is "Value", with several "Value #<refId>". */
  refId: string;
  expr: string;
  column: string;
  /** true: largest first (restarts, unavailable replicas); false: smallest first (up = 0 first). */
  descending: boolean;
  noValue: string;
  unit?: string;
  decimals?: number;
  mappings?: ValueMapping[];
  thresholds?: ThresholdsConfig;
}

export function stateTableTransformations(o: Pick<StateTableOptions, 'refId' | 'column' | 'descending'>) {
  return [
    {
      id: 'organize',
      options: { excludeByName: { Time: true }, renameByName: { Value: o.column, [`Value #${o.refId}`]: o.column } },
    },
    { id: 'sortBy', options: { sort: [{ field: o.column, desc: o.descending }] } },
  ];
}

export function stateTable(o: StateTableOptions): VizPanel {
  return PanelBuilders.table()
    .setTitle(o.title)
    .setDescription(o.description)
    .setData(new SceneDataTransformer({ $data: promRunner(instantQuery(o.refId, o.expr)), transformations: stateTableTransformations(o) }))
    .setNoValue(o.noValue)
    .setOverrides((b) => {
      const col = b.matchFieldsWithName(o.column);
      if (o.unit) {
        col.overrideUnit(o.unit);
      }
      if (o.decimals !== undefined) {
        col.overrideDecimals(o.decimals);
      }
      if (o.mappings) {
        col.overrideMappings(o.mappings);
      }
      if (o.thresholds) {
        col.overrideThresholds(o.thresholds).overrideColor({ mode: 'thresholds' });
      }
      col.overrideCustomFieldConfig('cellOptions', {
        type: TableCellDisplayMode.ColorBackground,
        mode: TableCellBackgroundDisplayMode.Basic,
      });
    })
    .build();
}
