// Lucene query-string assembly. Values (procedure ids such as `github/PROC-1`, satellite folders,
// anything a user or an agent chose) are always escaped, so they can never change the structure of
// a query: `/` would start a regular expression, `*` a wildcard, `OR` an operator, `:` a field.

// Every character the classic query parser treats specially, plus whitespace (which would split
// the value into several terms). `&&` and `||` are covered by escaping `&` and `|`.
const SPECIAL = /[+\-=&|><!(){}[\]^"~*?:\\/\s]/g;
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'TO']);
const FIELD_NAME = /^[A-Za-z_@][A-Za-z0-9_.@]*$/;

/** Escapes a value for use as a single term on a keyword field. */
export function escapeLuceneValue(value: string): string {
  if (value === '') {
    return '""';
  }
  const escaped = value.replace(SPECIAL, (c) => `\\${c}`);
  // A bare operator word would be parsed as an operator; a phrase of one word is the same term.
  return OPERATOR_WORDS.has(escaped) ? `"${escaped}"` : escaped;
}

function checkField(field: string): string {
  if (!FIELD_NAME.test(field)) {
    throw new Error(`not a field name: ${JSON.stringify(field)}`);
  }
  return field;
}

/** `field:value`, the value escaped. */
export function luceneTerm(field: string, value: string): string {
  return `${checkField(field)}:${escapeLuceneValue(value)}`;
}

/** `field:(a OR b)`; an empty list matches nothing (so "no selection" never means "everything"). */
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
