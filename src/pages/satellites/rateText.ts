// How the Satellite Health page writes a Wilson interval. No @grafana/* imports, so the e2e specs
// derive the pattern they expect from the same function.
import { formatPercent } from '../../analytics';

/** "[8.1 %–17.9 %]": the interval written after the rate in the table. */
export function formatInterval(lower: number, upper: number): string {
  return `[${formatPercent(lower)}–${formatPercent(upper)}]`;
}
