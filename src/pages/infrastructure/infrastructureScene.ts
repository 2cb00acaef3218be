import {
  EmbeddedScene,
  PanelBuilders,
  SceneFlexItem,
  SceneDataTransformer,
  SceneFlexLayout,
  SceneVariableSet,
  type VizPanel,
} from '@grafana/scenes';
import {
  LegendDisplayMode,
  MappingType,
  TableCellBackgroundDisplayMode,
  TableCellDisplayMode,
  type VizLegendOptions,
} from '@grafana/schema';

import { VAR_NAMESPACE, VAR_NODE } from '../../constants';
import { infrastructureQueries, infrastructureVariableQueries } from '../../queries/infrastructure';
import { CPU_CORES_UNIT } from '../../queries/resources';
import type { AppSettings } from '../../settings/resolve';
import { grid } from '../shared/layout';
import { multiQueryVariable } from '../shared/multiVariable';
import { promRunner, statPanel, timeseriesPanel } from '../shared/panels';
import {
  instantQuery,
  legendFor,
  makeControls,
  makePrometheusDatasourceVariable,
  makeTimeRange,
  rangeQuery,
} from '../shared/sceneParts';
import { HEALTHY_SHARE_THRESHOLDS, SATURATION_THRESHOLDS } from '../shared/thresholds';

const NODE = legendFor('instance');
const CONTAINER = '{{namespace}}/{{pod}}/{{container}}';

export const TARGET_STATE_COLUMN = 'State';

function targetsTable(expr: string): VizPanel {
  return PanelBuilders.table()
    .setTitle('Scrape targets')
    .setDescription('Every target Prometheus scrapes, down first; a target that is down stops reporting metrics.')
    .setData(
      new SceneDataTransformer({
        $data: promRunner(instantQuery('up', expr)),
        transformations: [
          // A lone table query's value column is "Value"; the refId suffix appears only with several.
          {
            id: 'organize',
            options: {
              excludeByName: { Time: true },
              renameByName: { Value: TARGET_STATE_COLUMN, 'Value #up': TARGET_STATE_COLUMN },
            },
          },
          { id: 'sortBy', options: { sort: [{ field: TARGET_STATE_COLUMN, desc: false }] } },
        ],
      })
    )
    .setNoValue('No targets')
    .setOverrides((b) =>
      b
        .matchFieldsWithName(TARGET_STATE_COLUMN)
        .overrideMappings([
          {
            type: MappingType.ValueToText,
            options: { '1': { text: 'Up', color: 'green' }, '0': { text: 'Down', color: 'red' } },
          },
        ])
        .overrideCustomFieldConfig('cellOptions', {
          type: TableCellDisplayMode.ColorBackground,
          mode: TableCellBackgroundDisplayMode.Basic,
        })
    )
    .build();
}

/**
 * A page has one or two nodes but a dozen or more containers: a list legend at the bottom shows only
 * the first few. A table legend on the right scrolls through all of them, busiest first.
 */
export const CONTAINER_LEGEND: VizLegendOptions = {
  showLegend: true,
  displayMode: LegendDisplayMode.Table,
  placement: 'right',
  calcs: ['max'],
  sortBy: 'Max',
  sortDesc: true,
};

function withContainerLegend(panel: VizPanel): VizPanel {
  panel.setState({ options: { ...panel.state.options, legend: CONTAINER_LEGEND } });
  return panel;
}

/**
 * A grid whose column count divides its panel count, so no row ends in an empty cell: four small
 * node panels side by side, the container panels two by two with room for their legends.
 */
function gridItem(panels: VizPanel[], minColumnWidth: number, rowHeight: number): SceneFlexItem {
  return new SceneFlexItem({ ySizing: 'content', body: grid(panels, { minColumnWidth, rowHeight }) });
}

/** Infrastructure Health: node-exporter hosts and cAdvisor containers, per node and namespace. */
export function buildInfrastructureScene(settings: AppSettings): EmbeddedScene {
  const q = infrastructureQueries();
  const v = infrastructureVariableQueries();
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: new SceneVariableSet({
      variables: [
        makePrometheusDatasourceVariable(settings.prometheusUid),
        multiQueryVariable(VAR_NODE, 'Node', v.node.query),
        multiQueryVariable(VAR_NAMESPACE, 'Namespace', v.namespace.query),
      ],
    }),
    controls: makeControls(),
    body: new SceneFlexLayout({
      direction: 'column',
      children: [
        new SceneFlexItem({
          height: 240,
          body: new SceneFlexLayout({
            direction: 'row',
            children: [
              new SceneFlexItem({
                width: '25%',
                body: statPanel({
                  title: 'Targets up',
                  description: 'Share of Prometheus scrape targets that answered their last scrape.',
                  expr: q.targetsUp,
                  unit: 'percentunit',
                  decimals: 1,
                  thresholds: HEALTHY_SHARE_THRESHOLDS,
                }),
              }),
              new SceneFlexItem({ body: targetsTable(q.upByTarget) }),
            ],
          }),
        }),
        gridItem(
          [
            timeseriesPanel({
              title: 'Node CPU',
              description: 'Share of CPU time not idle, per node (node_cpu_seconds_total).',
              unit: 'percentunit',
              ratio: true,
              thresholds: SATURATION_THRESHOLDS,
              queries: [rangeQuery('A', q.nodeCpu, NODE)],
            }),
            timeseriesPanel({
              title: 'Node memory',
              description: 'Memory in use per node: 1 − MemAvailable / MemTotal.',
              unit: 'percentunit',
              ratio: true,
              thresholds: SATURATION_THRESHOLDS,
              queries: [rangeQuery('A', q.nodeMemory, NODE)],
            }),
            timeseriesPanel({
              title: 'Node disk',
              description: 'Fullest real filesystem per node (tmpfs, overlay and similar excluded).',
              unit: 'percentunit',
              ratio: true,
              thresholds: SATURATION_THRESHOLDS,
              queries: [rangeQuery('A', q.nodeDisk, NODE)],
            }),
            timeseriesPanel({
              title: 'Node network',
              description: 'Bytes per second received and sent per node, loopback and virtual interfaces excluded.',
              unit: 'Bps',
              queries: [
                rangeQuery('rx', q.nodeNetworkReceive, `${NODE} received`),
                rangeQuery('tx', q.nodeNetworkTransmit, `${NODE} sent`),
              ],
            }),
          ],
          300,
          260
        ),
        gridItem(
          [
            withContainerLegend(
              timeseriesPanel({
                title: 'Container CPU',
                description: 'CPU cores used per container (cAdvisor): 1 core is one CPU fully busy.',
                unit: CPU_CORES_UNIT,
                queries: [rangeQuery('A', q.containerCpu, CONTAINER)],
              })
            ),
            withContainerLegend(
              timeseriesPanel({
                title: 'Container memory',
                description: 'Working set per container (cAdvisor), the memory the kernel cannot reclaim.',
                unit: 'bytes',
                queries: [rangeQuery('A', q.containerMemory, CONTAINER)],
              })
            ),
            withContainerLegend(
              timeseriesPanel({
                title: 'Container memory of limit',
                description:
                  'Working set as a share of the memory limit; at 100 % the container is OOM-killed. Containers without a limit are not shown.',
                unit: 'percentunit',
                ratio: true,
                thresholds: SATURATION_THRESHOLDS,
                queries: [rangeQuery('A', q.containerMemoryOfLimit, CONTAINER)],
              })
            ),
            timeseriesPanel({
              title: 'Volume usage',
              description: 'Used share of each persistent volume claim (kubelet volume stats).',
              unit: 'percentunit',
              ratio: true,
              thresholds: SATURATION_THRESHOLDS,
              queries: [rangeQuery('A', q.volumeUsage, '{{namespace}}/{{persistentvolumeclaim}}')],
            }),
          ],
          560,
          340
        ),
      ],
    }),
  });
}
