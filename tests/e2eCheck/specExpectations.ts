// What an e2e spec expects to find, read from its syntax tree: each string, template or regular
// expression literal classified by where it is used (a role, a text the page must show, a URL).
import ts from 'typescript';

import { parse, type TextPattern } from './sourceText';

export type Expectation =
  | { kind: 'text'; pattern: TextPattern; exact: boolean; line: number }
  | { kind: 'regex'; regex: RegExp; line: number }
  | { kind: 'role'; role: string; line: number }
  | { kind: 'url'; chunks: string[]; line: number };

/** Calls whose literal arguments are page text that must match a whole source string. */
const EXACT_TEXT_CALLS = new Set([
  'panelByTitle',
  'variableLabel',
  'getPanelByTitle',
  'check',
  'selectOption',
  'getCustomOptions',
  'getRadioGroup',
  'getTextInput',
  'getNumberInput',
  'getSelect',
  'getSwitch',
  'setVisualization',
  'breadcrumb',
  'toHaveText',
]);
/** Calls whose first argument is text and whose options may say `exact: true`. */
const TEXT_WITH_OPTIONS = new Set(['getByText', 'getByLabel', 'getByPlaceholder', 'getByTitle']);
/**
 * Literals here are not expectations: test titles, assertion messages, what the test types, CSS
 * structure (`tbody tr` of the page's own tables) and Grafana's default query refId.
 */
const NOT_EXPECTATIONS = new Set(['test', 'describe', 'step', 'fill', 'type', 'press', 'Error', 'locator', 'getQueryEditorRow', 'on']);

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) {
    return e.text;
  }
  if (ts.isPropertyAccessExpression(e)) {
    return e.name.text;
  }
  return '';
}

function hasExactOption(arg: ts.Expression | undefined): boolean {
  return (
    !!arg &&
    ts.isObjectLiteralExpression(arg) &&
    arg.properties.some(
      (p) => ts.isPropertyAssignment(p) && p.name.getText() === 'exact' && p.initializer.kind === ts.SyntaxKind.TrueKeyword
    )
  );
}

type Context = { use: 'skip' | 'role' | 'text' | 'attribute' | 'default'; exact: boolean };

const TITLED = new Set(['test', 'describe', 'step']);

/**
 * Where a literal sits: the nearest call it is an argument of, and in which position. Arguments of
 * the app's own functions (imported from src) are inputs: what those functions return is what the
 * spec expects, and that needs no check.
 */
function contextOf(node: ts.Node, appFunctions: Set<string>): Context {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isPropertyAssignment(p) && p.initializer === child && p.name.getText() === 'name') {
      const call = p.parent.parent;
      if (ts.isCallExpression(call) && calleeName(call) === 'getByRole') {
        return { use: 'text', exact: hasExactOption(p.parent) };
      }
    }
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken) {
      return { use: 'text', exact: true };
    }
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
      const name = calleeName(p);
      const args: readonly ts.Expression[] = p.arguments ?? [];
      const index = args.indexOf(child as ts.Expression);
      if (index < 0) {
        continue;
      }
      if (TITLED.has(name) && index > 0) {
        // The test body: no call nearer than the test itself, so a plain value (e.g. a list of titles).
        return { use: 'default', exact: true };
      }
      if (ts.isIdentifier(p.expression) && appFunctions.has(name)) {
        return { use: 'skip', exact: false };
      }
      if (NOT_EXPECTATIONS.has(name) || (name === 'expect' && index === 1)) {
        return { use: 'skip', exact: false };
      }
      if (name === 'getByRole' && index === 0) {
        return { use: 'role', exact: true };
      }
      if (name === 'toHaveAttribute') {
        return index === 0 ? { use: 'attribute', exact: true } : { use: 'text', exact: true };
      }
      if (TEXT_WITH_OPTIONS.has(name) && index === 0) {
        return { use: 'text', exact: hasExactOption(p.arguments?.[1]) };
      }
      if (EXACT_TEXT_CALLS.has(name)) {
        return { use: 'text', exact: true };
      }
      if (name === 'toContainText') {
        return { use: 'text', exact: false };
      }
      return { use: 'default', exact: true };
    }
  }
  return { use: 'default', exact: true };
}

const looksLikeUrl = (parts: string[]) => parts.some((s) => /[=?&]|^\//.test(s));

function isImportPath(node: ts.Node): boolean {
  const p = node.parent;
  return (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) && p.moduleSpecifier === node;
}

/** Names a spec imports from the app's source (`../../src/...`). */
function appImports(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const stmt of source.statements) {
    if (ts.isImportDeclaration(stmt) && (stmt.moduleSpecifier as ts.StringLiteral).text.includes('/src/')) {
      const named = stmt.importClause?.namedBindings;
      if (named && ts.isNamedImports(named)) {
        named.elements.forEach((e) => names.add(e.name.text));
      }
    }
  }
  return names;
}

export function specExpectations(file: string): Expectation[] {
  const source = parse(file);
  const appFunctions = appImports(source);
  const out: Expectation[] = [];
  const lineOf = (n: ts.Node) => source.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const add = (node: ts.Node, parts: string[], isRegex: RegExp | undefined) => {
    const ctx = contextOf(node, appFunctions);
    const line = lineOf(node);
    if (ctx.use === 'skip' || ctx.use === 'attribute') {
      return;
    }
    if (ctx.use === 'role') {
      out.push({ kind: 'role', role: parts.join(''), line });
    } else if (looksLikeUrl(parts) || (isRegex && /var-|=/.test(isRegex.source))) {
      out.push({ kind: 'url', chunks: isRegex ? [isRegex.source] : parts, line });
    } else if (isRegex) {
      out.push({ kind: 'regex', regex: isRegex, line });
    } else {
      out.push({ kind: 'text', pattern: parts, exact: ctx.exact, line });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) && !isImportPath(node) && !ts.isTemplateSpan(node.parent)) {
      add(node, [node.text], undefined);
    } else if (ts.isTemplateExpression(node)) {
      add(node, [node.head.text, ...node.templateSpans.map((s) => s.literal.text)], undefined);
    } else if (ts.isRegularExpressionLiteral(node)) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(node.text)!;
      add(node, [], new RegExp(m[1], m[2]));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** `ROUTES.Key` and `testIds.a.b` references in a spec, by name. */
export function specReferences(file: string): { routes: string[]; testIds: string[] } {
  const text = parse(file).getFullText();
  const routes = [...text.matchAll(/\bROUTES\.(\w+)/g)].map((m) => m[1]);
  const testIds = [...text.matchAll(/\btestIds\.([\w.]+)/g)].map((m) => m[1]);
  return { routes: [...new Set(routes)], testIds: [...new Set(testIds)] };
}
