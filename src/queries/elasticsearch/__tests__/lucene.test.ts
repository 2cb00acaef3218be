import fc from 'fast-check';

import { escapeLuceneValue, luceneAnd, luceneAnyOf, luceneTerm } from '../lucene';

test.each([
  ['github/PROC-1', '"github/PROC-1"'],
  ['tools/codesentinel/PROC-2', '"tools/codesentinel/PROC-2"'],
  ['we"ird/PROC-1', '"we\\"ird/PROC-1"'],
  ['back\\slash/PROC-3', '"back\\\\slash/PROC-3"'],
  ['star*/PROC-1', '"star*/PROC-1"'],
  ['<x>/PROC-1', '"<x>/PROC-1"'],
  ['>=a/PROC-1', '">=a/PROC-1"'],
  ['$satellite/PROC-1', '"\\u0024satellite/PROC-1"'],
  ['${satellite}/PROC-2', '"\\u0024{satellite}/PROC-2"'],
  ['[[satellite]]/PROC-1', '"\\u005B\\u005Bsatellite]]/PROC-1"'],
  ['a\\u0024/PROC-1', '"a\\\\u0024/PROC-1"'],
  ['(paren) AND x/PROC-4', '"(paren) AND x/PROC-4"'],
  ['OR', '"OR"'],
  ['', '""'],
])('escapeLuceneValue(%j) = %s', (value, escaped) => {
  expect(escapeLuceneValue(value)).toBe(escaped);
});

test.each([
  [['procedure.id', 'github/PROC-1'], 'procedure.id:"github/PROC-1"'],
  [['satellite.id', 'OR'], 'satellite.id:"OR"'],
])('luceneTerm(%j) = %s', ([field, value], query) => {
  expect(luceneTerm(field, value)).toBe(query);
});

test('field names are never taken from data', () => {
  expect(() => luceneTerm('procedure.id:x OR y', 'v')).toThrow(/not a field name/);
});

test('luceneAnyOf: OR of phrases; empty selection matches nothing', () => {
  expect(luceneAnyOf('procedure.id', ['a/PROC-1', 'b c/PROC-2'])).toBe('procedure.id:("a/PROC-1" OR "b c/PROC-2")');
  expect(luceneAnyOf('procedure.id', ['x'])).toBe('procedure.id:"x"');
  expect(luceneAnyOf('procedure.id', [])).toBe('NOT procedure.id:*');
});

test('luceneAnd parenthesises each clause and drops empty ones', () => {
  expect(luceneAnd('a:1', undefined, false, '', 'b:2 OR b:3')).toBe('(a:1) AND (b:2 OR b:3)');
  expect(luceneAnd('a:1')).toBe('a:1');
  expect(luceneAnd()).toBe('*');
});

/**
 * Reads a phrase back as Lucene's classic parser does (QueryParserBase.discardEscapeChar: `\uXXXX`
 * is a code unit, `\c` is `c`), failing on anything that would end the phrase early.
 */
function readPhrase(escaped: string): string {
  expect(escaped.startsWith('"') && escaped.endsWith('"') && escaped.length >= 2).toBe(true);
  const body = escaped.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '"') {
      throw new Error(`unescaped quote at ${i} in ${escaped}`);
    }
    if (body[i] !== '\\') {
      out += body[i];
    } else if (body[i + 1] === 'u') {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      out += body[++i];
    }
  }
  return out;
}

test('property: any value is one phrase that reads back as itself and hides every Grafana variable', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
      const escaped = escapeLuceneValue(value);
      expect(readPhrase(escaped)).toBe(value);
      // Grafana's template syntaxes all start with `$` or `[[`.
      expect(escaped).not.toMatch(/[$[]/);
    })
  );
});

test('property: values built from query syntax stay one phrase', () => {
  const syntax = fc.constantFrom('<', '>', '=', '"', '\\', '*', '?', '~', '/', ':', '(', ')', '$', '[', ']', '{', ' ', 'OR', 'u0024');
  fc.assert(
    fc.property(fc.array(syntax, { maxLength: 12 }), (parts) => {
      const value = parts.join('');
      expect(readPhrase(escapeLuceneValue(value))).toBe(value);
    })
  );
});
