// Option labels of the panel editor that the e2e specs derive what they pick from (no @grafana/*
// imports, so Playwright can load this module in Node).

/** "80 %" for 0.8: how the Confidence select names a prediction-band level. */
export function confidenceLabel(level: number): string {
  return `${Math.round(level * 100)} %`;
}
