import fc from 'fast-check';

import { escapeLabelValue, escapeRegexAlternatives, escapeRegexLiteral, quote } from '../escape';

/** Reverses Go/PromQL string escapes, as Prometheus' parser does (strconv.Unquote). */
function unquotePromQL(inner: string): string {
  return inner.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)/gs, (_, esc: string) => {
    switch (esc[0]) {
      case 'x':
        return String.fromCharCode(parseInt(esc.slice(1), 16));
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        return String.fromCharCode(parseInt(esc.slice(1), 16));
      default:
        return esc;
    }
  });
}

/** Scans a PromQL string literal body the way the lexer does; returns the index of the closing quote. */
function endOfLiteral(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text[i] === '"') {
      return i;
    } else if (text[i] === '\n') {
      return -1;
    }
  }
  return -1;
}

describe('escapeLabelValue', () => {
  test.each([
    ['checkout', 'checkout'],
    ['say "hi"', 'say \\"hi\\"'],
    ['C:\\temp', 'C:\\\\temp'],
    ['line1\nline2', 'line1\\nline2'],
    ['cr\rtab\t', 'cr\\rtab\\t'],
    ['"}', '\\"}'],
    ['a|b.*', 'a|b.*'],
    ['\\"', '\\\\\\"'],
    ['服务-ünïcödé-🚀', '服务-ünïcödé-🚀'],
    ['\uFFFD', '\\uFFFD'],
    ['lone\uD800surrogate', 'lone\\uFFFDsurrogate'],
    // Grafana would interpolate these template-variable forms inside the literal.
    ['${instance}', '\\x24{instance}'],
    ['$__rate_interval', '\\x24__rate_interval'],
    ['[[endpoint]]', '\\x5b\\x5bendpoint]]'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeLabelValue(input)).toBe(expected);
  });

  it('leaves nothing Grafana would interpolate ($var, ${var}, [[var]])', () => {
    const grafanaVariable = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\$\{(\w+)(?:\.([^:^}]+))?(?::([^}]+))?\}/;
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom('$ds', '${instance}', '[[endpoint]]', '${x:raw}'),
        fc.string(),
        (a, v, b) => {
          expect(escapeLabelValue(a + v + b)).not.toMatch(grafanaVariable);
          expect(escapeRegexAlternatives([a + v + b])).not.toMatch(grafanaVariable);
        }
      )
    );
  });

  it('round-trips any string without a lone surrogate or U+FFFD, and never leaves a raw quote or newline', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        fc.pre(!value.includes('\uFFFD'));
        const literal = quote(value);
        expect(endOfLiteral(literal, 1)).toBe(literal.length - 1);
        expect(unquotePromQL(literal.slice(1, -1))).toBe(value);
      })
    );
  });
});

describe('escapeRegexLiteral', () => {
  test.each([
    ['checkout', 'checkout'],
    ['/api/v1/items.json', '/api/v1/items\\.json'],
    ['.*', '\\.\\*'],
    ['a|b', 'a\\|b'],
    ['(x)[y]{z}', '\\(x\\)\\[y\\]\\{z\\}'],
    ['^$+?', '\\^\\$\\+\\?'],
    ['back\\slash', 'back\\\\slash'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeRegexLiteral(input)).toBe(expected);
  });

  it('makes a JS regex (same metacharacters as RE2 here) match exactly the literal', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, other) => {
        const re = new RegExp(`^(?:${escapeRegexLiteral(value)})$`, 's');
        expect(re.test(value)).toBe(true);
        expect(re.test(other)).toBe(other === value);
      })
    );
  });
});

describe('escapeRegexAlternatives', () => {
  test.each([
    [['a', 'b'], 'a|b'],
    [['a.b', 'c"d'], 'a\\\\.b|c\\"d'],
    [['x|y'], 'x\\\\|y'],
    [['new\nline'], 'new\\nline'],
    [['$x[1]'], '\\\\\\x24x\\\\\\x5b1\\\\]'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeRegexAlternatives(input)).toBe(expected);
  });

  it('matches nothing, not everything, for an empty list', () => {
    const pattern = unquotePromQL(escapeRegexAlternatives([]));
    const re = new RegExp(`^(?:${pattern})$`);
    expect(['', 'a', '.*'].some((s) => re.test(s))).toBe(false);
  });
});
