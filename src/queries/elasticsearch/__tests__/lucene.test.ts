import fc from 'fast-check';

import { escapeLuceneValue, luceneAnd, luceneAnyOf, luceneTerm } from '../lucene';

test.each([
  ['github/PROC-1', 'github\\/PROC\\-1'],
  ['tools/codesentinel/PROC-2', 'tools\\/codesentinel\\/PROC\\-2'],
  ['we"ird/PROC-1', 'we\\"ird\\/PROC\\-1'],
  ['back\\slash/PROC-3', 'back\\\\slash\\/PROC\\-3'],
  ['star*/PROC-1', 'star\\*\\/PROC\\-1'],
  ['co:lon/PROC-2', 'co\\:lon\\/PROC\\-2'],
  ['with space/PROC-1', 'with\\ space\\/PROC\\-1'],
  ['(paren) AND x/PROC-4', '\\(paren\\)\\ AND\\ x\\/PROC\\-4'],
  ['a || b && c!', 'a\\ \\|\\|\\ b\\ \\&\\&\\ c\\!'],
  ['sq[1]{2}~^?=<>+', 'sq\\[1\\]\\{2\\}\\~\\^\\?\\=\\<\\>\\+'],
  ['OR', '"OR"'],
  ['AND', '"AND"'],
  ['NOT', '"NOT"'],
  ['or', 'or'],
  ['', '""'],
])('escapeLuceneValue(%j) = %s', (value, escaped) => {
  expect(escapeLuceneValue(value)).toBe(escaped);
});

test.each([
  [['procedure.id', 'github/PROC-1'], 'procedure.id:github\\/PROC\\-1'],
  [['satellite.id', 'OR'], 'satellite.id:"OR"'],
])('luceneTerm(%j) = %s', ([field, value], query) => {
  expect(luceneTerm(field, value)).toBe(query);
});

test('field names are never taken from data', () => {
  expect(() => luceneTerm('procedure.id:x OR y', 'v')).toThrow(/not a field name/);
});

test('luceneAnyOf: OR of escaped values; empty selection matches nothing', () => {
  expect(luceneAnyOf('procedure.id', ['a/PROC-1', 'b c/PROC-2'])).toBe(
    'procedure.id:(a\\/PROC\\-1 OR b\\ c\\/PROC\\-2)'
  );
  expect(luceneAnyOf('procedure.id', ['x'])).toBe('procedure.id:x');
  expect(luceneAnyOf('procedure.id', [])).toBe('NOT procedure.id:*');
});

test('luceneAnd parenthesises each clause and drops empty ones', () => {
  expect(luceneAnd('a:1', undefined, false, '', 'b:2 OR b:3')).toBe('(a:1) AND (b:2 OR b:3)');
  expect(luceneAnd('a:1')).toBe('a:1');
  expect(luceneAnd()).toBe('*');
});

/** Reads an escaped value back as the classic query parser would: one term, or an operator leak. */
function readTerm(escaped: string): { term: string; unescapedSpecial: boolean } {
  if (/^"(AND|OR|NOT|TO)"$/.test(escaped)) {
    return { term: escaped.slice(1, -1), unescapedSpecial: false };
  }
  let term = '';
  let unescapedSpecial = false;
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '\\') {
      term += escaped[++i];
    } else {
      if (/[+\-=&|><!(){}[\]^"~*?:\\/\s]/.test(escaped[i])) {
        unescapedSpecial = true;
      }
      term += escaped[i];
    }
  }
  return { term, unescapedSpecial };
}

test('property: any value escapes to a single term that reads back as itself', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (value) => {
      const escaped = escapeLuceneValue(value);
      const read = readTerm(escaped);
      expect(read.unescapedSpecial).toBe(false);
      expect(read.term).toBe(value);
      expect(['AND', 'OR', 'NOT', 'TO']).not.toContain(escaped);
    })
  );
});
