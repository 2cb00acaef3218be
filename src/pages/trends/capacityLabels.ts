// Labels of the capacity view that the e2e specs derive their expectations from: no @grafana/*
// imports, so a Playwright spec can load this module in Node.
import type { CapacityTarget } from '../../queries/trends';

/** "90 %", "87.5 %": a share as people write it. */
export function formatShare(share: number): string {
  return `${Number((share * 100).toFixed(1))} %`;
}

/** Title of the chart that opens under the table for one row. */
export function capacityChartTitle(kind: CapacityTarget['kind'], resource: string): string {
  return `${kind === 'volume' ? 'Volume' : 'Memory of limit'}: ${resource}`;
}
