import type { CanaryWorkerLike } from './offThread';

export function createCanaryWorker(): CanaryWorkerLike {
  // webpack 5 emits the worker as its own chunk from this exact `new Worker(new URL(...))` shape.
  return new Worker(new URL('./worker.ts', import.meta.url), { name: 'codesentinel-canary' }) as unknown as CanaryWorkerLike;
}
