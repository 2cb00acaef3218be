// Gzip sizes of what Grafana downloads for the forecast panel, read from the production build's
// webpack stats: the panel entry, every chunk it can load lazily (engine, worker, augurs glue), and
// the WebAssembly files those chunks fetch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface StatsChunk {
  id: string | number;
  origins?: Array<{ moduleId?: string | number | null }>;
  files: string[];
  auxiliaryFiles?: string[];
  children?: Array<string | number>;
}

interface Stats {
  entrypoints: Record<string, { chunks: Array<string | number> }>;
  chunks: StatsChunk[];
  modules: Array<{ id?: string | number | null; chunks: Array<string | number> }>;
}

export interface BundleSizes {
  entryGzip: number;
  lazyJsGzip: number;
  lazyJsFiles: string[];
  wasm: Array<{ file: string; gzip: number }>;
}

const gzipOf = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export function panelBundleSizes(statsFile: string, distDir: string, entry = 'panels/forecast/module'): BundleSizes {
  const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as Stats;
  const byId = new Map(stats.chunks.map((c) => [String(c.id), c]));
  const entryChunks = stats.entrypoints[entry]?.chunks.map(String) ?? [];
  if (entryChunks.length === 0) {
    throw new Error(`entry ${entry} not in ${statsFile}`);
  }
  const chunksOfModule = new Map(stats.modules.map((m) => [String(m.id), m.chunks.map(String)]));
  const seen = new Set<string>();
  const walk = (start: string[]) => {
    const queue = [...start];
    while (queue.length) {
      const id = queue.shift()!;
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(...(byId.get(id)?.children ?? []).map(String));
      }
    }
  };
  walk(entryChunks);
  // A Web Worker's chunk is its own entry, not a child: it is reached through its origin, the
  // module (in a chunk already reached) whose `new Worker(new URL(...))` created it.
  let grew = true;
  while (grew) {
    grew = false;
    for (const chunk of stats.chunks) {
      const id = String(chunk.id);
      const createdHere = (chunk.origins ?? []).some((o) =>
        (chunksOfModule.get(String(o.moduleId)) ?? []).some((c) => seen.has(c))
      );
      if (!seen.has(id) && createdHere) {
        walk([id]);
        grew = true;
      }
    }
  }
  const file = (f: string) => join(distDir, f.split('?')[0]);
  let entryGzip = 0;
  let lazyJsGzip = 0;
  const lazyJsFiles: string[] = [];
  const wasm = new Map<string, number>();
  for (const id of seen) {
    const chunk = byId.get(id)!;
    for (const f of chunk.files.filter((f) => f.split('?')[0].endsWith('.js'))) {
      if (entryChunks.includes(id)) {
        entryGzip += gzipOf(file(f));
      } else {
        lazyJsGzip += gzipOf(file(f));
        lazyJsFiles.push(f.split('?')[0]);
      }
    }
    for (const f of [...chunk.files, ...(chunk.auxiliaryFiles ?? [])].filter((f) => f.endsWith('.wasm'))) {
      wasm.set(f, gzipOf(file(f)));
    }
  }
  return { entryGzip, lazyJsGzip, lazyJsFiles, wasm: Array.from(wasm, ([f, gzip]) => ({ file: f, gzip })) };
}
