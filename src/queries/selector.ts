import { escapeCodeLiteral, escapeLabelValue, escapeRegexAlternatives } from './escape';

/**
 * One label matcher. The variants say where the right-hand side comes from, because that decides
 * who escapes it:
 * - `equals` / `notEquals`: a literal value (from a URL, a config field, a data frame); we escape it.
 * - `anyOf`: literal values matched exactly with `=~`; we regex-escape and string-escape them.
 * - `variable`: a Grafana template variable (`${instance}`); Grafana's Prometheus data source
 *   interpolates and regex-escapes multi-value selections itself.
 * - `pattern`: a regex written in this codebase (`5..`), never user input.
 * - `regex` / `notRegex`: a regex assembled in src/queries around literals that went through
 *   `escapeRegexLiteral` (`<service>-canary-.*`); it is string-escaped in full (newline, `$`,
 *   U+FFFD), because the literals inside come from users.
 */
export type LabelMatcher =
  | { label: string; equals: string }
  | { label: string; notEquals: string }
  | { label: string; anyOf: readonly string[] }
  | { label: string; variable: string }
  | { label: string; pattern: string }
  | { label: string; notPattern: string }
  | { label: string; regex: string }
  | { label: string; notRegex: string };

function renderMatcher(m: LabelMatcher): string {
  if ('equals' in m) {
    return `${m.label}="${escapeLabelValue(m.equals)}"`;
  }
  if ('notEquals' in m) {
    return `${m.label}!="${escapeLabelValue(m.notEquals)}"`;
  }
  if ('anyOf' in m) {
    return `${m.label}=~"${escapeRegexAlternatives(m.anyOf)}"`;
  }
  if ('variable' in m) {
    return `${m.label}=~"${m.variable}"`;
  }
  if ('pattern' in m) {
    return `${m.label}=~"${escapeCodeLiteral(m.pattern)}"`;
  }
  if ('notPattern' in m) {
    return `${m.label}!~"${escapeCodeLiteral(m.notPattern)}"`;
  }
  if ('regex' in m) {
    return `${m.label}=~"${escapeLabelValue(m.regex)}"`;
  }
  return `${m.label}!~"${escapeLabelValue(m.notRegex)}"`;
}

/** `metric{a="x", b=~"y"}`, or the bare metric name when there are no matchers. */
export function selector(metric: string, matchers: readonly LabelMatcher[]): string {
  if (matchers.length === 0) {
    return metric;
  }
  return `${metric}{${matchers.map(renderMatcher).join(', ')}}`;
}

/** `by (a, b)` clause; empty when grouping by nothing. */
export function by(labels: readonly string[]): string {
  return labels.length ? ` by (${labels.join(', ')})` : '';
}

/** Grafana's recommended window for rate(): at least four scrape intervals, follows the step. */
export const RATE_INTERVAL = '$__rate_interval';

export function rate(selectorExpr: string): string {
  return `rate(${selectorExpr}[${RATE_INTERVAL}])`;
}

/** `op by (labels) (inner)`, or `op(inner)` without grouping. */
export function aggregate(op: 'sum' | 'max' | 'min' | 'avg' | 'count', groupBy: readonly string[], inner: string): string {
  return groupBy.length ? `${op}${by(groupBy)} (${inner})` : `${op}(${inner})`;
}

export function sumRate(selectorExpr: string, groupBy: readonly string[]): string {
  return aggregate('sum', groupBy, rate(selectorExpr));
}
