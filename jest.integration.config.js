// Integration tests against real servers (Prometheus, Elasticsearch, ...): node environment, run
// with --runInBand; each test file starts the servers it needs in beforeAll on its own ports.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': base.transform['^.+\\.(t|j)sx?$'],
    // d3-array and friends ship only ESM; the engine and page formatters import them.
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@bsull/augurs', 'd3-array'])],
  // The engine ships only the browser's WASM loader; Node tests inject theirs.
  setupFiles: ['<rootDir>/tests/support/analytics/nodeWasm.ts'],
  modulePaths: ['<rootDir>/src'],
  testTimeout: 120000,
};
