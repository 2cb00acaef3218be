// Lucene query-string assembly. Values (procedure ids such as `github/PROC-1`, satellite folders,
// anything a user or an agent chose) can never change the structure of a query.
//
// Every value is written as a quoted phrase. Backslash-escaping a bare term is not enough:
// Elasticsearch's query_string unescapes the term first and only then looks at its first character,
// so `procedure.id:\<x\>\/PROC\-1` still becomes the range query `procedure.id < "x>/PROC-1"`
// (QueryStringQueryParser.getFieldQuery checks `<`, `>`, `<=`, `>=` on unquoted text only). A phrase
// is never a range, wildcard, regex or fuzzy query, and on a keyword field it is an exact term query.
// Inside the phrase only `"` and `\` are special to Lucene.
//
// Grafana's Elasticsearch data source then runs the whole query text through its template engine,
// which replaces `$name`, `${name}` and `[[name]]` anywhere, quotes included: a satellite folder named
// `$satellite` would turn into the selected satellite. `$` and `[` are therefore written as Lucene's
// `\uXXXX` escapes (QueryParserBase.discardEscapeChar decodes them), which Grafana does not recognise.

const PHRASE_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  $: '\\u0024',
  '[': '\\u005B',
};
const NEEDS_PHRASE_ESCAPE = /[\\"$[]/g;
const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_.@]*$/;

/** A value as a quoted Lucene phrase that matches exactly that value on a keyword field. */
export function escapeLuceneValue(value: string): string {
  return `"${value.replace(NEEDS_PHRASE_ESCAPE, (c) => PHRASE_ESCAPES[c])}"`;
}

function checkField(field: string): string {
  if (!FIELD_NAME.test(field)) {
    throw new Error(`not a field name: ${JSON.stringify(field)}`);
  }
  return field;
}

/** `field:"value"`, an exact match on a keyword field. */
export function luceneTerm(field: string, value: string): string {
  return `${checkField(field)}:${escapeLuceneValue(value)}`;
}

/** `field:("a" OR "b")`; an empty list matches nothing (so "no selection" never means "everything"). */
export function luceneAnyOf(field: string, values: readonly string[]): string {
  if (values.length === 0) {
    return `NOT ${checkField(field)}:*`;
  }
  if (values.length === 1) {
    return luceneTerm(field, values[0]);
  }
  return `${checkField(field)}:(${values.map(escapeLuceneValue).join(' OR ')})`;
}

/** Conjunction of already-built clauses, each parenthesised; empty clauses are dropped. */
export function luceneAnd(...clauses: Array<string | undefined | false>): string {
  const parts = clauses.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  if (parts.length === 0) {
    return '*';
  }
  return parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' AND ');
}
