// Node's way to initialise the augurs WASM (jest, benchmarks, worker_threads): Node's fetch cannot
// read file URLs, so the bytes are read from node_modules and handed to the synchronous init.
// Importing this module installs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { setWasmInitialiser, type WasmInitialiser } from '../../../src/analytics/runtime/wasm';

export const nodeWasmInitialiser: WasmInitialiser = async (mod, packageEntry, wasmFile) => {
  const requireFromCwd = createRequire(join(process.cwd(), 'package.json'));
  const entry = requireFromCwd.resolve(packageEntry);
  mod.initSync({ module: readFileSync(join(dirname(entry), wasmFile)) });
};

setWasmInitialiser(nodeWasmInitialiser);
