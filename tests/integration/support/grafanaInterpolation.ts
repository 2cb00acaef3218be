// Template interpolation as Grafana's Prometheus data source does it, so the conformance suite runs
// exactly the PromQL a panel would send. Sources (grafana/grafana, packages/grafana-prometheus):
// - datasource.ts getRateIntervalScopedVariable: $__rate_interval = max(interval + scrape, 4 × scrape), in s
// - datasource.ts adjustInterval: interval = max(interval, minInterval (the scrape interval), range / 11000)
// - datasource.ts interpolateQueryExpr + escaping.ts (classic behaviour): a single-value variable is
//   escaped with prometheusRegularEscape; a multi-value / include-all one with
//   prometheusSpecialRegexEscape per value, joined as (a|b); a custom "All" value is inserted as is.
// - $__range / $__range_s / $__range_ms from the dashboard time range, $__interval from rangeUtil.

export interface TemplateVariable {
  values: string[];
  multi: boolean;
  includeAll: boolean;
  /** Set when "All" is selected and the variable has a custom all value (e.g. `.*`). */
  allValue?: string;
}

export interface GrafanaQueryContext {
  rangeSeconds: number;
  /** Panel width in points (Grafana's maxDataPoints). */
  maxDataPoints: number;
  /** The data source's "scrape interval" (jsonData.timeInterval). */
  scrapeIntervalSeconds: number;
  variables: Record<string, TemplateVariable>;
}

export interface Interpolated {
  expr: string;
  intervalSeconds: number;
  rateIntervalSeconds: number;
}

/** Grafana's rangeUtil.roundInterval, the part that matters for seconds to days. */
export function roundInterval(seconds: number): number {
  const steps: Array<[number, number]> = [
    [1.5, 1], [3.5, 2], [7.5, 5], [12.5, 10], [17.5, 15], [25, 20], [45, 30], [90, 60], [210, 120], [450, 300],
    [750, 600], [1050, 900], [1500, 1200], [2700, 1800], [5400, 3600], [9000, 7200], [16200, 10800], [32400, 21600],
    [86400, 43200], [604800, 86400],
  ];
  for (const [upTo, value] of steps) {
    if (seconds < upTo) {
      return value;
    }
  }
  return 604800;
}

export function prometheusRegularEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

export function prometheusSpecialRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}\[\]+?.()|]/g, '\\\\$&');
}

function variableText(variable: TemplateVariable): string {
  if (variable.allValue !== undefined) {
    return variable.allValue;
  }
  if (!variable.multi && !variable.includeAll) {
    return prometheusRegularEscape(variable.values[0] ?? '');
  }
  const escaped = variable.values.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
}

export function interpolate(expr: string, ctx: GrafanaQueryContext): Interpolated {
  const raw = roundInterval(ctx.rangeSeconds / ctx.maxDataPoints);
  const safe = ctx.rangeSeconds / 11000 > 1 ? Math.ceil(ctx.rangeSeconds / 11000) : ctx.rangeSeconds / 11000;
  const intervalSeconds = Math.max(raw, ctx.scrapeIntervalSeconds, safe);
  const rateIntervalSeconds = Math.max(intervalSeconds + ctx.scrapeIntervalSeconds, 4 * ctx.scrapeIntervalSeconds);
  const builtins: Record<string, string> = {
    __rate_interval: `${rateIntervalSeconds}s`,
    __interval: `${intervalSeconds}s`,
    __interval_ms: String(intervalSeconds * 1000),
    __range: `${ctx.rangeSeconds}s`,
    __range_s: String(ctx.rangeSeconds),
    __range_ms: String(ctx.rangeSeconds * 1000),
  };
  // Grafana's variable syntaxes ${name}, $name and [[name]] (the app uses no ${name:format}).
  const out = expr.replace(/\$\{(\w+)\}|\$(\w+)|\[\[(\w+)\]\]/g, (match, a?: string, b?: string, c?: string) => {
    const name = (a ?? b ?? c) as string;
    if (name in builtins) {
      return builtins[name];
    }
    const variable = ctx.variables[name];
    // Like templateSrv.replace, unknown names stay as they are (Prometheus then rejects them).
    return variable ? variableText(variable) : match;
  });
  return { expr: out, intervalSeconds, rateIntervalSeconds };
}
