// Label values reach PromQL only through these functions, so no service, endpoint or instance name
// can close a string literal, add a matcher or change a regex. PromQL string literals follow Go's
// quoting rules (prometheus/promql/parser/lex.go): a raw newline ends the literal with an error, and
// the lexer rejects U+FFFD (it cannot tell it from an invalid UTF-8 byte), so both are written as
// escapes rather than raw characters.
// Grafana interpolates `$name`, `${name}` and `[[name]]` anywhere in a query's text before the data
// source sees it, string literals included: a service called `${instance}` would otherwise be
// replaced by the instance variable's value. `$` and `[` are therefore written as the Go hex escapes
// `\x24` and `\x5b`, which Grafana does not recognise and Prometheus decodes back.

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\uFFFD': '\\uFFFD',
  $: '\\x24',
  '[': '\\x5b',
};

// Lone UTF-16 surrogates cannot be encoded as UTF-8 at all; the browser would send U+FFFD in their
// place, so they get the same escape (such a label value cannot exist in Prometheus either).
const NEEDS_STRING_ESCAPE =
  /[\\"\n\r\t\uFFFD$[]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes a value for the inside of a double-quoted PromQL string literal (`label="..."`). */
export function escapeLabelValue(value: string): string {
  return value.replace(NEEDS_STRING_ESCAPE, (ch) => STRING_ESCAPES[ch] ?? '\\uFFFD');
}

/**
 * Escapes a string written in this codebase (a regex such as `[45]..`): only `\` and `"` need it.
 * Never use it for values that come from users, URLs or data.
 */
export function escapeCodeLiteral(value: string): string {
  return value.replace(/[\\"]/g, '\\$&');
}

/**
 * What a variable's "All" option sends into a `=~"..."` matcher: a regex that matches every label
 * value. Not `.*`: in RE2 (Prometheus 2.x) `.` does not match a newline, so `.*` silently leaves out
 * label values that contain one. `(?s:...)` turns that on for the group; the pattern needs no `\`
 * (a PromQL string escape) and has no `$` or `[` (Grafana would interpolate those), so Grafana can
 * insert it as it is, which it does for a custom all value.
 */
export const MATCH_ALL_REGEX = '(?s:.*)';

/** Same set as Go's regexp.QuoteMeta: every RE2 metacharacter outside a character class. */
const REGEX_META = /[\\.+*?()|[\]{}^$]/g;

/** Escapes a literal so RE2 (Prometheus' regex engine) matches exactly that text. */
export function escapeRegexLiteral(value: string): string {
  return value.replace(REGEX_META, '\\$&');
}

/**
 * The inside of a `=~"..."` literal that matches any of `values` exactly: each value is
 * regex-escaped, joined by `|`, then string-escaped (so `a.b` becomes `a\\.b` in the query text).
 * An empty list matches nothing, never everything.
 */
export function escapeRegexAlternatives(values: readonly string[]): string {
  if (values.length === 0) {
    // `$^` cannot match a non-empty value and Prometheus treats a missing label as "", which
    // `=~"$^"` would match, so use an impossible pattern instead.
    return escapeCodeLiteral('[^\\s\\S]');
  }
  return escapeLabelValue(values.map(escapeRegexLiteral).join('|'));
}

/** `"value"` as a PromQL string literal. */
export function quote(value: string): string {
  return `"${escapeLabelValue(value)}"`;
}
