// Integration tests against real servers (Prometheus, Elasticsearch, ...): node environment, run
// with --runInBand; each test file starts the servers it needs in beforeAll on its own ports.
process.env.TZ = 'UTC';

const base = require('./.config/jest.config');

module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': base.transform['^.+\\.(t|j)sx?$'],
  },
  modulePaths: ['<rootDir>/src'],
  testTimeout: 120000,
};
