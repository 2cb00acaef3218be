// How the Satellite Health page writes a rate and its Wilson interval. No @grafana/* imports, so the
// e2e specs derive the pattern they expect from the same functions.

/** "12.3%" */
export function formatRate(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** "[8.1%–17.9%]": the interval written after the rate in the table. */
export function formatInterval(lower: number, upper: number): string {
  return `[${formatRate(lower)}–${formatRate(upper)}]`;
}
