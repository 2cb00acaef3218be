// The Service Deep-Dive's views as a typed list (metrics-drilldown's MetricActionBar pattern): adding a
// view is one entry here.
import { SceneFlexItem, SceneFlexLayout, type SceneObject } from '@grafana/scenes';

import type { MetricConvention } from '../../queries/conventions';
import { containerResourceQueries } from '../../queries/resources';
import { serviceQueries } from '../../queries/service';
import type { SloTargets } from '../../settings/resolve';
import { grid } from '../shared/layout';

import {
  containerResources,
  failuresByStatus,
  latencyPercentiles,
  redByEndpoint,
  redByInstance,
} from './servicePanels';

export interface ServiceContext {
  service: string;
  convention: MetricConvention;
  slo: SloTargets;
}

export type ServiceTabValue = 'endpoints' | 'instances' | 'latency' | 'errors';

export interface ServiceTab {
  value: ServiceTabValue;
  displayName: string;
  getScene: (ctx: ServiceContext) => SceneObject;
}

const TAB_ROW_HEIGHT = 280;

export const SERVICE_TABS: readonly ServiceTab[] = [
  {
    value: 'endpoints',
    displayName: 'Endpoints',
    getScene: ({ convention, service }) =>
      grid(redByEndpoint(convention, serviceQueries(convention, service)), { columns: 3, rowHeight: TAB_ROW_HEIGHT }),
  },
  {
    value: 'instances',
    displayName: 'Instances & resources',
    // RED per instance on the left, the same instances' container CPU and memory on the right.
    getScene: ({ convention, service }) => {
      const [rate, errors, p95] = redByInstance(convention, serviceQueries(convention, service));
      const [cpu, memory] = containerResources(containerResourceQueries(service));
      return grid([rate, cpu, errors, memory, p95], { columns: 2, rowHeight: TAB_ROW_HEIGHT });
    },
  },
  {
    value: 'latency',
    displayName: 'Latency',
    getScene: ({ convention, service }) =>
      new SceneFlexLayout({
        direction: 'column',
        children: [new SceneFlexItem({ height: 360, body: latencyPercentiles(serviceQueries(convention, service)) })],
      }),
  },
  {
    value: 'errors',
    displayName: 'Errors',
    getScene: ({ convention, service }) => {
      const q = serviceQueries(convention, service);
      return grid([failuresByStatus(convention, q), redByEndpoint(convention, q)[1]], {
        columns: 2,
        rowHeight: TAB_ROW_HEIGHT,
      });
    },
  },
];

export const DEFAULT_SERVICE_TAB: ServiceTabValue = 'endpoints';

export function isServiceTabValue(value: unknown): value is ServiceTabValue {
  return SERVICE_TABS.some((t) => t.value === value);
}
