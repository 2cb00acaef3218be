// What the app's source can render, read with the TypeScript parser: every string literal, every
// template literal and every JSX element's text, as patterns ("chunks" of fixed text with holes
// where an expression goes). Used by specsMatchSource.test.ts to check the e2e specs' expectations.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

import ts from 'typescript';

export const ROOT = resolve(__dirname, '../..');
export const SRC = join(ROOT, 'src');

/** Fixed text with holes: `Verdict: ${action}` is ['Verdict: ', ''] (one hole between chunks). */
export type TextPattern = string[];

const TEST_FILE = /(__tests__|__fixtures__|[\\/]testing[\\/])|\.test\.tsx?$/;

export function listSourceFiles(dir: string, recursive = true): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (recursive && name !== 'node_modules') {
        out.push(...listSourceFiles(path));
      }
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !TEST_FILE.test(path)) {
      out.push(path);
    }
  }
  return out;
}

export function parse(file: string): ts.SourceFile {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

const normalise = (s: string) => s.replace(/\s+/g, ' ');

function isModuleSpecifier(node: ts.Node): boolean {
  const p = node.parent;
  return (
    (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) && p.moduleSpecifier === node
  ) || (ts.isCallExpression(p) && (p.expression.kind === ts.SyntaxKind.ImportKeyword || /^(require|jest\.mock)$/.test(p.expression.getText())));
}

/** Text of a JSX element's children: text kept, `{expr}` a hole, string-literal `{'x'}` inlined. */
function jsxPattern(children: ts.NodeArray<ts.JsxChild>): TextPattern {
  const pattern: TextPattern = [''];
  for (const child of children) {
    if (ts.isJsxText(child)) {
      pattern[pattern.length - 1] += normalise(child.text);
    } else if (ts.isJsxExpression(child) && child.expression && ts.isStringLiteralLike(child.expression)) {
      pattern[pattern.length - 1] += child.expression.text;
    } else if (ts.isJsxExpression(child) && !child.expression) {
      continue;
    } else {
      pattern.push('');
    }
  }
  pattern[0] = pattern[0].trimStart();
  pattern[pattern.length - 1] = pattern[pattern.length - 1].trimEnd();
  return pattern;
}

/** Every renderable text pattern in one file. */
export function textPatterns(file: string): TextPattern[] {
  const out: TextPattern[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) && !isModuleSpecifier(node)) {
      out.push([node.text]);
    } else if (ts.isTemplateExpression(node)) {
      out.push([node.head.text, ...node.templateSpans.map((s) => s.literal.text)]);
    } else if (ts.isJsxElement(node)) {
      const pattern = jsxPattern(node.children);
      if (pattern.some((c) => c.trim() !== '')) {
        out.push(pattern);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return out;
}

/** Relative imports of a file that carry values at run time (type-only imports are erased). */
export function runtimeImports(file: string): { relative: string[]; packages: string[] } {
  const relative: string[] = [];
  const packages: string[] = [];
  for (const stmt of parse(file).statements) {
    if (!(ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) || !stmt.moduleSpecifier) {
      continue;
    }
    if (ts.isImportDeclaration(stmt)) {
      const clause = stmt.importClause;
      const named = clause?.namedBindings;
      const onlyTypes =
        clause?.isTypeOnly ||
        (clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      if (onlyTypes) {
        continue;
      }
    } else if (stmt.isTypeOnly) {
      continue;
    }
    const spec = (stmt.moduleSpecifier as ts.StringLiteral).text;
    if (spec.startsWith('.')) {
      const resolved = resolveModule(dirname(file), spec);
      if (resolved) {
        relative.push(resolved);
      }
    } else {
      packages.push(spec);
    }
  }
  return { relative, packages };
}

export function resolveModule(fromDir: string, spec: string): string | undefined {
  const base = resolve(fromDir, spec);
  const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/** The files `roots` load at run time, following relative imports (JSON files included as leaves). */
export function importClosure(roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    if (/\.tsx?$/.test(file)) {
      queue.push(...runtimeImports(file).relative);
    }
  }
  return seen;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a spec's literal text can be what a source pattern writes (for `whole: false`, part of
 * it: then a fixed piece of the pattern that contains the literal is enough). A hole may stand for words (a
 * service name, a verdict) but not for digits: a number the page formats must be derived in the spec
 * from the page's formatter, not typed. The fixed text must carry at least 40 % of the literal, so a
 * pattern such as `${a} ${b}` matches nothing.
 */
export function patternMatches(pattern: TextPattern, text: string, whole: boolean): boolean {
  const fixed = pattern.map((c) => normalise(c));
  if (!whole && fixed.some((c) => c.includes(text))) {
    return true;
  }
  if (pattern.length === 1) {
    return fixed[0].trim() === text;
  }
  // Part of a text or all of it: either way the literal must read as the whole pattern.
  const body = fixed.map(escapeRe).join('[^\\d]+?');
  return new RegExp(`^${body}$`).test(text) && fixed.join('').length >= 0.4 * text.length;
}

/** The pattern with each hole filled by a stand-in value, for matching a spec's regular expression. */
export function sample(pattern: TextPattern): string {
  return pattern.map(normalise).join('x1');
}
