// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');
const { grafanaESModules, nodeModulesToTransform } = require('./.config/jest/utils');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...base,
  transform: {
    ...base.transform,
    // d3-color and friends ship only .mjs; without this jest cannot load @grafana/ui.
    '^.+\\.mjs$': base.transform['^.+\\.(t|j)sx?$'],
  },
  // The engine ships only the browser's WASM loader; Node tests inject theirs.
  setupFiles: [...(base.setupFiles ?? []), '<rootDir>/tests/support/analytics/nodeWasm.ts'],
  // tests/e2eCheck keeps the Grafana e2e specs consistent with the source (runs with the unit tests);
  // the benchmarks' generators and scoring (bench/) and the build's helpers (webpack/) are tested
  // where they live.
  testMatch: [
    ...base.testMatch,
    '<rootDir>/tests/e2eCheck/**/*.test.ts',
    '<rootDir>/bench/**/__tests__/**/*.test.ts',
    '<rootDir>/webpack/**/__tests__/**/*.test.ts',
  ],
  // CI runs four workers on two cores: jest's 5 s default per test is too tight for scene tests that
  // mount a whole page there (the tests assert outcomes, not speed; benchmarks measure speed).
  testTimeout: 30_000,
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@bsull/augurs', 'd3-array'])],
};
