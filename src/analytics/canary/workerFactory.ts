import type { CanaryWorkerLike } from './offThread';

export function createCanaryWorker(): CanaryWorkerLike {
  // Same entry options as the analytics worker (see ../browserWorker.ts): without them the scaffold's
  // AMD output wraps the worker in `define(...)` and its chunks resolve against the wrong public path.
  return new Worker(
    /* webpackChunkName: "canary-worker" */
    /* webpackEntryOptions: { library: false, publicPath: "auto" } */
    new URL('./worker.ts', import.meta.url),
    { name: 'codesentinel-canary' }
  ) as unknown as CanaryWorkerLike;
}
