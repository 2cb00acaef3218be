// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

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
