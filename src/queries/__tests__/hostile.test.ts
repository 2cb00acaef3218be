// Hostile service names must stay inside one string literal: the query's structure (everything
// outside string literals) must be identical to the structure for a harmless name.
import fc from 'fast-check';

import { finderQueries } from '../bottleneck';
import { PRESETS, type PresetId } from '../conventions';
import { escapeLabelValue, escapeRegexLiteral } from '../escape';
import { containerResourceQueries } from '../resources';
import { selector } from '../selector';
import { serviceQueries, serviceVariableQueries } from '../service';

const HOSTILE = [
  'say "hi"',
  'back\\slash',
  'trailing\\',
  'new\nline',
  '"}',
  '"} or vector(1) or up{a="',
  '", service_name=~".*',
  'a|b',
  '.*',
  '.+|checkout',
  '${instance}',
  '$__rate_interval',
  '[[endpoint]]',
  '\\"}\\n',
  '服务-ünïcödé-🚀',
  '\u0000nul',
  '\uFFFD',
];

/** Splits PromQL into structure and string literal bodies, as the lexer does. Throws on a broken literal. */
function splitLiterals(query: string): { structure: string; literals: string[] } {
  let structure = '';
  const literals: string[] = [];
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch !== '"') {
      structure += ch;
      continue;
    }
    let body = '';
    for (i++; ; i++) {
      if (i >= query.length || query[i] === '\n') {
        throw new Error(`unterminated string literal in ${query}`);
      }
      if (query[i] === '\\') {
        body += query[i] + query[i + 1];
        i++;
      } else if (query[i] === '"') {
        break;
      } else {
        body += query[i];
      }
    }
    structure += '""';
    literals.push(body);
  }
  return { structure, literals };
}

/** Go's strconv.Unquote for the escapes escapeLabelValue emits. */
function unquote(body: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', '"': '"' };
  return body.replace(/\\(u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|.)/g, (_, e: string) =>
    e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : (simple[e] ?? e)
  );
}

function balanced(structure: string): boolean {
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  const stack: string[] = [];
  for (const ch of structure) {
    if ('({['.includes(ch)) {
      stack.push(ch);
    } else if (ch in pairs && stack.pop() !== pairs[ch]) {
      return false;
    }
  }
  return stack.length === 0;
}

function allServiceQueries(preset: PresetId, service: string): string[] {
  const c = PRESETS[preset];
  const q = serviceQueries(c, service);
  const v = serviceVariableQueries(c, service);
  return [
    ...Object.values(q.stats),
    ...Object.values(q.byEndpoint),
    ...Object.values(q.byInstance),
    ...q.percentiles.map((p) => p.expr),
    q.failuresByStatus,
    v.instance.query,
    v.endpoint.query,
    ...Object.values(containerResourceQueries(service)),
    // Every finder family but the database server's replication lag (no service in it) names the service.
    ...finderQueries(c, service)
      .families.filter((f) => f.subjectLabel !== undefined)
      .map((f) => f.expr),
  ];
}

describe.each(['otel', 'prometheus', 'istio'] as const)('hostile service names, %s preset', (preset) => {
  const referenceSplit = allServiceQueries(preset, 'checkout').map(splitLiterals);
  const reference = referenceSplit.map((r) => r.structure);
  const referenceLiterals = referenceSplit.map((r) => r.literals);

  test.each(HOSTILE)('%j cannot change any query structure', (service) => {
    allServiceQueries(preset, service).forEach((query, i) => {
      const { structure, literals } = splitLiterals(query);
      expect(structure).toBe(reference[i]);
      expect(balanced(structure)).toBe(true);
      expect(query).not.toContain('\n');
      // Every literal that held "checkout" now holds the service, and nothing else changed.
      const expected = referenceLiterals[i].map((l) => (l === 'checkout' ? escapeLabelValue(service) : l));
      expect(literals).toEqual(expected);
      expect(literals.filter((l) => unquote(l) === service).length).toBeGreaterThan(0);
    });
  });

  it('holds for arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (service) => {
        allServiceQueries(preset, service).forEach((query, i) => {
          expect(splitLiterals(query).structure).toBe(reference[i]);
        });
      }),
      { numRuns: 200 }
    );
  });
});

describe('regex matchers with hostile literals', () => {
  test.each(HOSTILE)('anyOf(%j) stays one literal that a regex reads as the exact text', (value) => {
    const { structure, literals } = splitLiterals(selector('up', [{ label: 'pod', anyOf: [value, 'x'] }]));
    expect(structure).toBe('up{pod=~""}');
    expect(literals).toHaveLength(1);
    expect(literals[0]).toContain(`|x`);
    expect(escapeRegexLiteral(value)).not.toMatch(/(^|[^\\])\|/);
  });
});
