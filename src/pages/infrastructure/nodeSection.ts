// Node panels (node-exporter): CPU busy and where the rest goes (I/O wait, steal), load, memory,
// disk space and disk I/O, network throughput and errors. Each legend is a table sorted by its
// worst value, so the node in trouble is on top.
import { type SceneFlexItem, type VizPanel } from '@grafana/scenes';
import { LegendDisplayMode, type VizLegendOptions } from '@grafana/schema';

import { type InfrastructureQueries } from '../../queries/infrastructure';
import { timeseriesPanel } from '../shared/panels';
import { legendFor, rangeQuery } from '../shared/sceneParts';
import { SATURATION_THRESHOLDS } from '../shared/thresholds';

import { gridItem } from './sections';

const NODE = legendFor('instance');

/** A handful of nodes: a table legend under the chart, worst (highest) maximum first. */
export const NODE_LEGEND: VizLegendOptions = {
  showLegend: true,
  displayMode: LegendDisplayMode.Table,
  placement: 'bottom',
  calcs: ['max', 'lastNotNull'],
  sortBy: 'Max',
  sortDesc: true,
};

function withNodeLegend(panel: VizPanel): VizPanel {
  panel.setState({ options: { ...panel.state.options, legend: NODE_LEGEND } });
  return panel;
}

export function nodePanels(q: InfrastructureQueries): SceneFlexItem {
  const ratio = (title: string, description: string, expr: string, legend = NODE) =>
    withNodeLegend(
      timeseriesPanel({ title, description, unit: 'percentunit', ratio: true, thresholds: SATURATION_THRESHOLDS, queries: [rangeQuery('A', expr, legend)] })
    );
  return gridItem(
    [
      ratio('Node CPU', 'Share of CPU time not idle, per node (node_cpu_seconds_total).', q.nodeCpu),
      withNodeLegend(
        timeseriesPanel({
          title: 'CPU I/O wait and steal',
          description:
            'Share of CPU time waiting for disk I/O (iowait: a slow or saturated disk) and taken by the hypervisor for other guests (steal: a noisy neighbour). Either one slows everything on the node.',
          unit: 'percentunit',
          queries: [rangeQuery('A', q.nodeCpuWaitSteal, `${NODE} {{mode}}`)],
        })
      ),
      withNodeLegend(
        timeseriesPanel({
          title: 'Load per core',
          description: '1-minute load average divided by the number of cores: above 1, runnable or I/O-blocked work is queueing.',
          unit: 'suffix: per core',
          queries: [rangeQuery('A', q.nodeLoadPerCore, NODE)],
        })
      ),
      ratio('Node memory', 'Memory in use per node: 1 − MemAvailable / MemTotal.', q.nodeMemory),
      ratio('Node disk space', 'Fullest real filesystem per node (tmpfs, overlay and similar excluded).', q.nodeDisk),
      ratio(
        'Disk utilisation',
        'Share of time the busiest disk had I/O in flight (node_disk_io_time_seconds_total). Near 100 % the disk is saturated and requests queue.',
        q.nodeDiskUtilisation
      ),
      withNodeLegend(
        timeseriesPanel({
          title: 'Disk latency',
          description: 'Mean time per completed read or write, per node: rising latency with high utilisation means the disk is the bottleneck.',
          unit: 's',
          queries: [rangeQuery('A', q.nodeDiskLatency, NODE)],
        })
      ),
      withNodeLegend(
        timeseriesPanel({
          title: 'Node network',
          description: 'Bytes per second received and sent per node, loopback and virtual interfaces excluded.',
          unit: 'Bps',
          queries: [rangeQuery('rx', q.nodeNetworkReceive, `${NODE} received`), rangeQuery('tx', q.nodeNetworkTransmit, `${NODE} sent`)],
        })
      ),
      withNodeLegend(
        timeseriesPanel({
          title: 'Network errors',
          description: 'Receive and transmit errors per second per node: any steady rate points at a NIC, cable or driver problem.',
          unit: 'suffix: errors/s',
          queries: [rangeQuery('A', q.nodeNetworkErrors, NODE)],
        })
      ),
    ],
    300,
    300
  );
}
