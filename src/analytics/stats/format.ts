// Number formatting for explanations and pages (plain text, never HTML).

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

export function formatP(p: number): string {
  if (p < 1e-4) {
    return p.toExponential(1);
  }
  return Number(p.toPrecision(2)).toString();
}

/**
 * The one percent format of the app: three significant digits, trailing zeros dropped, a space before
 * the sign ("80 %", "99.5 %", "0.123 %"). Small error rates keep their digits; "–" for no number.
 */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${Number((ratio * 100).toPrecision(3))} %` : '–';
}

/** A change as a signed percent: "−12.5 %", "+3 %" (a true minus sign). */
export function formatSignedPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio < 0 ? '−' : '+'}${formatPercent(Math.abs(ratio))}` : '–';
}

/** Events and requests are whole numbers; Prometheus' increase() extrapolates them to fractions. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}
