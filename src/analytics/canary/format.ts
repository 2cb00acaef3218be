// Number formatting for explanations (plain text, never HTML).

export function formatValue(v: number, unit?: string): string {
  if (!Number.isFinite(v)) {
    return String(v);
  }
  const a = Math.abs(v);
  let s: string;
  if (a === 0) {
    s = '0';
  } else if (a >= 1e6 || a < 1e-3) {
    s = v.toExponential(2);
  } else {
    s = Number(v.toPrecision(3)).toString();
  }
  return unit ? `${s} ${unit}` : s;
}

export function formatSigned(v: number, unit?: string): string {
  return v > 0 ? `+${formatValue(v, unit)}` : formatValue(v, unit);
}

export function formatP(p: number): string {
  if (p < 1e-4) {
    return p.toExponential(1);
  }
  return Number(p.toPrecision(2)).toString();
}

export function formatPercent(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(3))} %`;
}

/** Events and requests are whole numbers; Prometheus' increase() extrapolates them to fractions. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}
