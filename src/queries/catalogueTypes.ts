import { MATCH_ALL_REGEX } from './escape';

/**
 * One query the app can emit, as listed by `allPromQueries`. The conformance suite runs each entry
 * on a real Prometheus for every preset.
 */
export interface CatalogueEntry {
  /** Stable, unique id, `<page>.<panel or variable>`. */
  id: string;
  /** Page (or feature) that emits it. */
  page: string;
  /** The PromQL exactly as the app sends it, template variables and all (see CATALOGUE_SUBSTITUTIONS). */
  expr: string;
  /** Labels every result series must carry (empty for a single aggregated series). */
  expectLabels: string[];
  description: string;
  /**
   * Set for Grafana `label_values(selector, label)` variable queries, which are not PromQL: the data
   * source runs them as `/api/v1/series?match[]=selector` (or the label values API) and keeps `label`.
   */
  labelValues?: { selector: string; label: string };
}

/**
 * What Grafana substitutes before the query reaches Prometheus, with values a test can use:
 * `$__rate_interval` becomes a duration, and an "All" selection of a multi-value variable becomes
 * MATCH_ALL_REGEX (the variables' allValue).
 */
export const CATALOGUE_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  $__rate_interval: '1m',
  $__range: '1h',
  $__range_s: '3600',
  $__range_ms: '3600000',
  '${instance}': MATCH_ALL_REGEX,
  '${endpoint}': MATCH_ALL_REGEX,
  '${service}': MATCH_ALL_REGEX,
  '${node}': MATCH_ALL_REGEX,
  '${namespace}': MATCH_ALL_REGEX,
  '${database}': MATCH_ALL_REGEX,
  '${environment}': MATCH_ALL_REGEX,
};

/** Applies CATALOGUE_SUBSTITUTIONS, for running a catalogue entry outside Grafana. */
export function substituteTemplateVariables(
  expr: string,
  values: Readonly<Record<string, string>> = CATALOGUE_SUBSTITUTIONS
): string {
  let out = expr;
  // Longest token first, so `$__range` cannot eat the start of a longer macro.
  const tokens = Object.entries(values).sort(([a], [b]) => b.length - a.length);
  for (const [token, value] of tokens) {
    out = out.split(token).join(value);
  }
  return out;
}

/** A PromQL catalogue entry, positional to keep the catalogue lists one line per query. */
export function entry(
  page: string,
  id: string,
  expr: string,
  expectLabels: string[],
  description: string
): CatalogueEntry {
  return { id: `${page}.${id}`, page, expr, expectLabels, description };
}

/** A `label_values(selector, label)` variable query entry. */
export function labelValuesEntry(
  page: string,
  id: string,
  v: { selector: string; label: string; query: string },
  description: string
): CatalogueEntry {
  return {
    id: `${page}.${id}`,
    page,
    expr: v.query,
    expectLabels: [v.label],
    description,
    labelValues: { selector: v.selector, label: v.label },
  };
}
