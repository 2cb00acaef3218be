// Lazy loading of the augurs WASM modules. Each module is imported dynamically on first use, so the
// plugin's main bundle carries no WASM: webpack 5 splits `import('@bsull/augurs/mstl')` into its own
// chunk and turns the `new URL('mstl_bg.wasm', import.meta.url)` inside it into an emitted asset that
// the default `init()` fetches relative to the public path.
//
// Node (jest, the benchmark and its worker_threads) has no `fetch` for file URLs, so there the bytes
// are read from node_modules and handed to `initSync`.
import type * as MstlModule from '@bsull/augurs/mstl';
import type * as OutlierModule from '@bsull/augurs/outlier';
import type * as SeasonsModule from '@bsull/augurs/seasons';

interface WasmBindgenModule {
  default: (...args: never[]) => Promise<unknown>;
  initSync: (module: { module: BufferSource }) => unknown;
}

function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions === 'object' && Boolean(process.versions.node);
}

async function initialise<T>(mod: T & WasmBindgenModule, packageEntry: string, wasmFile: string): Promise<T> {
  if (isNode()) {
    // webpackIgnore: these Node built-ins are never reached in the browser and must not be bundled.
    const fs = await import(/* webpackIgnore: true */ 'node:fs');
    const nodeModule = await import(/* webpackIgnore: true */ 'node:module');
    const path = await import(/* webpackIgnore: true */ 'node:path');
    const requireFromCwd = nodeModule.createRequire(path.join(process.cwd(), 'package.json'));
    const entry = requireFromCwd.resolve(packageEntry);
    mod.initSync({ module: fs.readFileSync(path.join(path.dirname(entry), wasmFile)) });
  } else {
    await (mod.default as () => Promise<unknown>)();
  }
  return mod;
}

let mstl: Promise<typeof MstlModule> | undefined;
let seasons: Promise<typeof SeasonsModule> | undefined;
let outlier: Promise<typeof OutlierModule> | undefined;

export function loadMstl(): Promise<typeof MstlModule> {
  mstl = mstl ?? import('@bsull/augurs/mstl').then((m) => initialise(m, '@bsull/augurs/mstl', 'mstl_bg.wasm'));
  return mstl;
}

export function loadSeasons(): Promise<typeof SeasonsModule> {
  seasons = seasons ?? import('@bsull/augurs/seasons').then((m) => initialise(m, '@bsull/augurs/seasons', 'seasons_bg.wasm'));
  return seasons;
}

export function loadOutlier(): Promise<typeof OutlierModule> {
  outlier = outlier ?? import('@bsull/augurs/outlier').then((m) => initialise(m, '@bsull/augurs/outlier', 'outlier_bg.wasm'));
  return outlier;
}
