import { MappingType } from '@grafana/data';
import { EmbeddedScene, SceneFlexItem, SceneFlexLayout, SceneVariableSet, type VizPanel } from '@grafana/scenes';
import { LegendDisplayMode, type VizLegendOptions } from '@grafana/schema';

import { VAR_DATABASE, VAR_NAMESPACE, VAR_NODE } from '../../constants';
import { infrastructureQueries, infrastructureVariableQueries } from '../../queries/infrastructure';
import { kubernetesQueries } from '../../queries/kubernetes';
import { postgresQueries, postgresVariableQueries } from '../../queries/postgres';
import { CPU_CORES_UNIT } from '../../queries/resources';
import type { AppSettings } from '../../settings/resolve';
import { multiQueryVariable } from '../shared/multiVariable';
import { statPanel, timeseriesPanel } from '../shared/panels';
import { makeControls, makePrometheusDatasourceVariable, makeTimeRange, rangeQuery } from '../shared/sceneParts';
import { HEALTHY_SHARE_THRESHOLDS, SATURATION_THRESHOLDS } from '../shared/thresholds';

import { databaseItems } from './databaseSection';
import { kubernetesStats, kubernetesTables } from './kubernetesSection';
import { nodePanels } from './nodeSection';
import { gridItem, heading } from './sections';
import { stateTable } from './stateTable';

const CONTAINER = '{{namespace}}/{{pod}}/{{container}}';

export const TARGET_STATE_COLUMN = 'State';

function targetsTable(expr: string): VizPanel {
  return stateTable({
    title: 'Scrape targets',
    description: 'Every target Prometheus scrapes, down first; a target that is down stops reporting metrics.',
    refId: 'up',
    expr,
    column: TARGET_STATE_COLUMN,
    descending: false,
    noValue: 'No targets',
    mappings: [{ type: MappingType.ValueToText, options: { '1': { text: 'Up', color: 'green' }, '0': { text: 'Down', color: 'red' } } }],
  });
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
 * Infrastructure Health: nodes (node-exporter), containers (cAdvisor), Kubernetes object state
 * (kube-state-metrics) and PostgreSQL (postgres_exporter), per node, namespace and database.
 */
export function buildInfrastructureScene(settings: AppSettings): EmbeddedScene {
  const q = infrastructureQueries();
  const v = infrastructureVariableQueries();
  const k = kubernetesQueries();
  const p = postgresQueries();
  return new EmbeddedScene({
    $timeRange: makeTimeRange(),
    $variables: new SceneVariableSet({
      variables: [
        makePrometheusDatasourceVariable(settings.prometheusUid),
        multiQueryVariable(VAR_NODE, 'Node', v.node.query),
        multiQueryVariable(VAR_NAMESPACE, 'Namespace', v.namespace.query),
        multiQueryVariable(VAR_DATABASE, 'Database', postgresVariableQueries().database.query),
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
        heading('Nodes'),
        nodePanels(q),
        heading('Containers'),
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
        heading('Kubernetes'),
        kubernetesStats(k),
        kubernetesTables(k),
        heading('PostgreSQL'),
        ...databaseItems(p),
      ],
    }),
  });
}
