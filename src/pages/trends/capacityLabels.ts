// Labels of the capacity view that the e2e specs derive their expectations from: no @grafana/*
// imports, so a Playwright spec can load this module in Node.
import type { CapacityTarget } from '../../queries/trends';

import { CAPACITY_KIND_LABEL } from './capacityModel';

/** Title of the chart that opens under the table for one row. */
export function capacityChartTitle(kind: CapacityTarget['kind'], resource: string): string {
  return `${CAPACITY_KIND_LABEL[kind]}: ${resource}`;
}
