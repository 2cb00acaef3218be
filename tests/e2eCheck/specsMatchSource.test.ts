// Keeps the Grafana e2e specs (tests/e2e, run only where a Grafana exists) honest without a Grafana:
// every route a spec opens has a page, every test id it uses is rendered somewhere, every text it
// expects is text the page's own source can render (a string, a template or JSX text in the files
// that page loads), data values come from tests/e2e/demoData.ts and exist in the demo's sources, and
// the modules a spec imports load in Node (no @grafana/* runtime, no React), as Playwright needs.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

import {
  ROOT,
  SRC,
  type TextPattern,
  importClosure,
  listSourceFiles,
  patternMatches,
  runtimeImports,
  sample,
  textPatterns,
} from './sourceText';
import { type Expectation, specExpectations, specReferences } from './specExpectations';

const E2E = join(ROOT, 'tests/e2e');
const SPECS = readdirSync(E2E)
  .filter((f) => f.endsWith('.spec.ts'))
  .map((f) => join(E2E, f));

/** Modules that name things rather than render them: importing one does not widen a spec's page. */
const NAMING_MODULES = new Set(['components/testIds.ts', 'utils/routing.ts', 'constants.ts', 'panels/forecast/testIds.ts']);
/** Roles Grafana's DOM has for what the specs look for. "cell" is the pre-12.2 table: gone. */
const ROLES = new Set(['heading', 'link', 'button', 'gridcell', 'row', 'columnheader', 'radiogroup', 'radio', 'tab']);
/** Grafana's own query keys and API paths (not the app's). */
const GRAFANA_URL_KEYS = new Set(['from', 'to', 'refresh', 'timezone', 'orgId']);

const srcFiles = listSourceFiles(SRC);
const srcText = new Map(srcFiles.map((f) => [f, readFileSync(f, 'utf8')]));

/**
 * The page for a route: files that build its URL (`prefixRoute(ROUTES.Key)`), or, when the pages are
 * one table, the file that makes SceneAppPages and names the route.
 */
function pageFilesFor(route: string): string[] {
  const byUrl = srcFiles.filter(
    (f) => !NAMING_MODULES.has(relative(SRC, f)) && srcText.get(f)!.includes(`prefixRoute(ROUTES.${route})`)
  );
  if (byUrl.length > 0) {
    return byUrl;
  }
  return srcFiles.filter((f) => {
    const text = srcText.get(f)!;
    return new RegExp(`\\bROUTES\\.${route}\\b`).test(text) && text.includes('SceneAppPage');
  });
}

/** The source files whose text a spec may expect: its pages and the folders of what it imports. */
function corpusFor(spec: string): TextPattern[] {
  const roots = specReferences(spec).routes.flatMap(pageFilesFor);
  for (const dep of runtimeImports(spec).relative) {
    // A plugin manifest (plugin.json) stands for the plugin whose folder it sits in; the app's own
    // manifest sits at the repository root and stands for src/.
    const rel = dep === join(ROOT, 'plugin.json') ? 'plugin.json' : relative(SRC, dep);
    if (!rel.startsWith('..') && !NAMING_MODULES.has(rel)) {
      roots.push(...listSourceFiles(dirname(join(SRC, rel)), false));
      // The settings module is rendered by the app's configuration page.
      if (rel.startsWith('settings/')) {
        roots.push(...listSourceFiles(join(SRC, 'components/AppConfig'), false));
      }
    }
  }
  return [...importClosure(roots)].filter((f) => /\.tsx?$/.test(f)).flatMap(textPatterns);
}

/** Names the app's URLs can carry: template variables (`VAR_*`) and the app's own URL keys. */
function appUrlKeys(): { variables: Set<string>; keys: Set<string> } {
  const variables = new Set<string>();
  const keys = new Set<string>();
  for (const text of srcText.values()) {
    for (const m of text.matchAll(/export const VAR_\w+ = '([\w]+)'/g)) {
      variables.add(m[1]);
    }
    for (const m of text.matchAll(/export const \w*URL_KEY\w* = '([\w]+)'/g)) {
      keys.add(m[1]);
    }
  }
  const routing = srcText.get(join(SRC, 'utils/routing.ts'))!;
  const urlKeys = /export const URL_KEYS = \{([\s\S]*?)\} as const/.exec(routing)?.[1] ?? '';
  for (const m of urlKeys.matchAll(/:\s*'([\w]+)'/g)) {
    keys.add(m[1]);
  }
  return { variables, keys };
}

function rendersText(corpus: TextPattern[], e: Extract<Expectation, { kind: 'text' }>): boolean {
  if (e.pattern.length > 1) {
    // A template in the spec: each fixed piece must be fixed text in the source.
    return e.pattern
      .map((c) => c.trim())
      .filter(Boolean)
      .every((piece) => corpus.some((p) => p.some((chunk) => chunk.includes(piece))));
  }
  const text = e.pattern[0].replace(/\s+/g, ' ').trim();
  return corpus.some((p) => patternMatches(p, text, e.exact));
}

function rendersRegex(corpus: TextPattern[], regex: RegExp): boolean {
  // Every alternative of the expectation must match something the page can write.
  const alternatives = topLevelAlternatives(regex.source).map((a) => new RegExp(a, regex.flags));
  return alternatives.every((alt) => corpus.some((p) => alt.test(sample(p))));
}

function topLevelAlternatives(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
    } else if (ch === '(' || ch === '[') {
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
    } else if (ch === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

function urlProblems(chunks: string[], known: ReturnType<typeof appUrlKeys>): string[] {
  const problems: string[] = [];
  for (const chunk of chunks) {
    for (const m of chunk.matchAll(/(?:^|[?&])(var-)?([A-Za-z]\w*)=/g)) {
      const [, isVar, name] = m;
      if (isVar ? !known.variables.has(name) : !known.keys.has(name) && !GRAFANA_URL_KEYS.has(name)) {
        problems.push(`${isVar ? 'variable' : 'URL key'} "${name}" is not one the app defines`);
      }
    }
  }
  // The path a URL starts with: the app's routes come from ROUTES, only Grafana's /api is literal.
  const segment = /^\/([a-z][\w-]*)/.exec(chunks[0] ?? '');
  if (segment && segment[1] !== 'api') {
    problems.push(`route "/${segment[1]}" written as a literal: build it from ROUTES`);
  }
  return problems;
}

describe('e2e specs match the source', () => {
  const known = appUrlKeys();

  it('finds the specs', () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(SPECS.map((s) => [basename(s), s]))('%s', (_name, spec) => {
    const corpus = corpusFor(spec);
    const expectations = specExpectations(spec);

    it('opens only routes the app has a page for', () => {
      const missing = specReferences(spec).routes.filter((r) => pageFilesFor(r).length === 0);
      expect(missing).toEqual([]);
    });

    it('uses only test ids some component renders', () => {
      const unused = specReferences(spec).testIds.filter(
        (id) =>
          ![...srcText].some(([f, text]) => !f.endsWith('testIds.ts') && text.includes(`testIds.${id.split('(')[0]}`))
      );
      expect(unused).toEqual([]);
    });

    it('expects only text its pages render', () => {
      const problems = expectations.flatMap((e) => {
        if (e.kind === 'text' && !rendersText(corpus, e)) {
          return [`line ${e.line}: "${e.pattern.join('${…}')}" (${e.exact ? 'whole text' : 'part of a text'}) is not in the page's source`];
        }
        if (e.kind === 'regex' && !rendersRegex(corpus, e.regex)) {
          return [`line ${e.line}: /${e.regex.source}/ has an alternative the page's source cannot write`];
        }
        if (e.kind === 'role' && !ROLES.has(e.role)) {
          return [`line ${e.line}: role "${e.role}"${e.role === 'cell' ? ' (Grafana >= 12.2 tables use "gridcell")' : ''} is not one these pages have`];
        }
        if (e.kind === 'url') {
          return urlProblems(e.chunks, known).map((p) => `line ${e.line}: ${p}`);
        }
        return [];
      });
      expect(problems).toEqual([]);
    });
  });

  it('loads every spec and helper in Node: no @grafana/* runtime package, no React component', () => {
    const helpers = readdirSync(E2E).map((f) => join(E2E, f));
    const problems: string[] = [];
    for (const file of importClosure(helpers)) {
      if (file.endsWith('.tsx')) {
        problems.push(`${relative(ROOT, file)} is a React module`);
      }
      if (!/\.tsx?$/.test(file)) {
        continue;
      }
      for (const pkg of runtimeImports(file).packages) {
        if (/^(@grafana\/(?!plugin-e2e$|e2e-selectors$)|react|@emotion)/.test(pkg)) {
          problems.push(`${relative(ROOT, file)} loads ${pkg}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('the app modules the specs import really load in Node (what Playwright does)', () => {
    const modules = [...new Set(SPECS.flatMap((spec) => runtimeImports(spec).relative))].filter(
      (f) => f.startsWith(SRC) && /\.tsx?$/.test(f)
    );
    expect(modules.length).toBeGreaterThan(3);
    const script = modules.map((m) => `await import(${JSON.stringify(m)});`).join('\n');
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['--eval', script, '--input-type=module'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr.split('\n').slice(0, 8).join('\n')).toBe('');
    expect(run.status).toBe(0);
  });

  it("takes data values from demoData.ts, and every name there exists in the demo's sources", () => {
    const demoText = ['demo', 'telemetry/__fixtures__', 'provisioning'].map((d) => allText(join(ROOT, d))).join('\n');
    const tokens = textPatterns(join(E2E, 'demoData.ts'))
      .flat()
      .flatMap((s) => s.split(/[/,\s-]+/))
      .filter((t) => /^[A-Za-z][\w.-]+$/.test(t));
    const missing = tokens.filter((t) => !demoText.includes(t));
    expect(tokens.length).toBeGreaterThan(5);
    expect(missing).toEqual([]);
  });
});

/** Every file's text and every file name under `dir` (fixture folders are named after procedures). */
function allText(dir: string): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(dir, entry.name);
      return `${entry.name}\n${entry.isDirectory() ? allText(path) : readFileSync(path, 'utf8')}`;
    })
    .join('\n');
}
