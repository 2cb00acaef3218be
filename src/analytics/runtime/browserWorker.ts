// The browser Worker behind the pool (kept apart from the pool logic, which tests drive with fakes).
// It knows only the protocol, never the pool, so the two do not import each other.
import type { WorkerLike, WorkerReply } from './protocol';

export function createBrowserWorker(): WorkerLike {
  // webpack 5 recognises this `new Worker(new URL(..., import.meta.url))` shape and emits the worker as
  // its own entry chunk. Two entry options fix what the scaffold's config would otherwise break inside
  // a worker (measured on the production build):
  // - library: false — the scaffold's `output.library: amd` would wrap the worker in `define(...)`,
  //   which does not exist in a worker ("define is not defined");
  // - publicPath: 'auto' — the build-time `output.publicPath` is the relative 'public/plugins/<id>/'
  //   (Grafana sets the real one at runtime from the AMD module URI, which a worker never sees); inside
  //   a worker it would resolve against the worker's own URL and double the path. 'auto' takes the
  //   directory of the worker script, which is where every chunk and .wasm asset of the plugin lives.
  // The worker URL itself is built in this (main) runtime from __webpack_public_path__, so it follows
  // Grafana's sub-path. A plugin CDN on another origin makes the constructor throw (workers must be
  // same-origin); the pool then analyses in the page.
  const worker = new Worker(
    /* webpackChunkName: "analytics-worker" */
    /* webpackEntryOptions: { library: false, publicPath: "auto" } */
    new URL('./worker.ts', import.meta.url),
    { name: 'codesentinel-analytics' }
  );
  return {
    postMessage: (message) => worker.postMessage(message),
    onReply: (handler) => worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => handler(event.data)),
    onFailure: (handler) =>
      worker.addEventListener('error', (event: ErrorEvent) => handler(event.message || 'worker failed')),
    terminate: () => worker.terminate(),
  };
}
