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
  // The anomaly benchmark's generator and scoring are tested where they live (bench/anomaly).
  testMatch: [...base.testMatch, '<rootDir>/bench/**/__tests__/**/*.test.ts'],
  transformIgnorePatterns: [nodeModulesToTransform([...grafanaESModules, '@bsull/augurs', 'd3-array'])],
};
