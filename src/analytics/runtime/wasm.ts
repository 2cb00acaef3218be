// Lazy loading of the augurs WASM modules. Each module is imported dynamically on first use, so no
// first bundle carries WASM: webpack 5 splits `import('@bsull/augurs/mstl')` into its own chunk and
// turns the `new URL('mstl_bg.wasm', import.meta.url)` inside it into an emitted asset that the
// default `init()` fetches relative to the public path.
//
// Node (jest, the benchmark and its worker_threads) has no `fetch` for file URLs; it injects an
// initialiser with `setWasmInitialiser` (see tests/support/analytics/nodeWasm.ts) so no Node-only
// branch ships in the plugin.
import type * as MstlModule from '@bsull/augurs/mstl';
import type * as OutlierModule from '@bsull/augurs/outlier';
import type * as SeasonsModule from '@bsull/augurs/seasons';

/** What wasm-bindgen generates: an async `default` init that fetches, and a synchronous one. */
export interface WasmBindgenModule {
  default: (...args: never[]) => Promise<unknown>;
  initSync: (module: { module: BufferSource }) => unknown;
}

/** Initialises one wasm-bindgen module; `packageEntry` and `wasmFile` locate its bytes on disk. */
export type WasmInitialiser = (mod: WasmBindgenModule, packageEntry: string, wasmFile: string) => Promise<void>;

const browserInitialiser: WasmInitialiser = async (mod) => {
  await (mod.default as () => Promise<unknown>)();
};

let initialiser: WasmInitialiser = browserInitialiser;

/** Replaces how WASM is initialised (undefined restores the browser's fetch); call before first use. */
export function setWasmInitialiser(next: WasmInitialiser | undefined): void {
  initialiser = next ?? browserInitialiser;
}

async function initialise<T>(mod: T & WasmBindgenModule, packageEntry: string, wasmFile: string): Promise<T> {
  await initialiser(mod, packageEntry, wasmFile);
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
  seasons =
    seasons ?? import('@bsull/augurs/seasons').then((m) => initialise(m, '@bsull/augurs/seasons', 'seasons_bg.wasm'));
  return seasons;
}

export function loadOutlier(): Promise<typeof OutlierModule> {
  outlier =
    outlier ?? import('@bsull/augurs/outlier').then((m) => initialise(m, '@bsull/augurs/outlier', 'outlier_bg.wasm'));
  return outlier;
}
