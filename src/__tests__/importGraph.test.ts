// The structure docs/ARCHITECTURE.md promises, read from the source's own imports: no import circles
// in src/, pages and panels reach the analytics engine only through its front door (analytics/index),
// and the engine imports nothing of React, Grafana, pages, panels or queries. Tests are left out:
// they may open any module they test.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import ts from 'typescript';

const SRC = resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return name === '__tests__' || name === 'img' ? [] : sources(path);
    }
    return /\.tsx?$/.test(name) && !/\.(test|d)\.tsx?$/.test(name) ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) {
    return undefined;
  }
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find(
    (p) => existsSync(p) && statSync(p).isFile()
  );
}

interface Edge {
  spec: string;
  target?: string;
}

const files = sources(SRC);
const edges = new Map<string, Edge[]>(
  files.map((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return [file, info.importedFiles.map(({ fileName }) => ({ spec: fileName, target: resolveImport(file, fileName) }))];
  })
);
const rel = (p: string) => relative(SRC, p);

/** Strongly connected components of more than one file (Tarjan): each one is an import circle. */
function circles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { target: w } of edges.get(v) ?? []) {
      if (!w || !edges.has(w)) {
        continue;
      }
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      if (component.length > 1) {
        found.push(component.sort());
      }
    }
  };
  files.forEach((f) => index.has(f) || visit(f));
  return found;
}

const inside = (file: string, folder: string) => rel(file).split('/')[0] === folder;

describe('the import graph of src/', () => {
  it('reads the source (a sanity check on the reader itself)', () => {
    expect(files.length).toBeGreaterThan(100);
    const overview = [...edges.keys()].find((f) => rel(f) === 'pages/overview/anomalySignals.ts')!;
    expect(edges.get(overview)!.map((e) => e.target && rel(e.target))).toEqual(['analytics/index.ts']);
  });

  it('has no import circles', () => {
    expect(circles()).toEqual([]);
  });

  it('reaches the analytics engine from pages, panels, components and settings only through its front door', () => {
    const frontDoor = join(SRC, 'analytics', 'index.ts');
    const around = files
      .filter((f) => !inside(f, 'analytics'))
      .flatMap((f) =>
        (edges.get(f) ?? [])
          .filter((e) => e.target && inside(e.target, 'analytics') && e.target !== frontDoor)
          .map((e) => `${rel(f)} → ${rel(e.target!)}`)
      );
    expect(around).toEqual([]);
  });

  it('keeps the engine free of React, Grafana, pages, panels, components and queries', () => {
    const outward = files
      .filter((f) => inside(f, 'analytics'))
      .flatMap((f) =>
        (edges.get(f) ?? [])
          .filter((e) =>
            e.target
              ? !inside(e.target, 'analytics')
              : /^(react|react-dom|@grafana\/|@emotion\/|rxjs)/.test(e.spec)
          )
          .map((e) => `${rel(f)} → ${e.target ? rel(e.target) : e.spec}`)
      );
    expect(outward).toEqual([]);
  });
});
