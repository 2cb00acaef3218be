// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default, which a loaded two-core CI machine can exceed while a
// lazy chunk or a scene resolves; what they wait for is asserted all the same.
configure({ asyncUtilTimeout: 5000 });

// Scenes' lazy loading (LazyLoader) needs IntersectionObserver, which jsdom does not implement.
class IntersectionObserverStub {
  constructor(callback) {
    this.callback = callback;
  }
  observe(target) {
    this.callback([{ isIntersecting: true, target }], this);
  }
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}
Object.defineProperty(global, 'IntersectionObserver', { writable: true, value: IntersectionObserverStub });
