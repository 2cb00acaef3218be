// Screenshots of every app page in Debian's Chromium on a harness page (tests/screens/harness) that
// runs the real scenes against a real Prometheus fed by the demo workload, a VictoriaMetrics with the
// demo's year and a real Elasticsearch with the satellite demo. No Grafana server.
import { defineConfig } from '@playwright/test';

import { chromiumLaunchOptions } from './playwright.browser.config';
import { SCREENS_PORTS } from './tests/screens/stack';

const reports = process.env.REPORTS_DIR ?? 'artifacts/reports';
const PROM_URL = `http://127.0.0.1:${SCREENS_PORTS.prometheus}`;
const VM_URL = `http://127.0.0.1:${SCREENS_PORTS.victoriaMetrics}`;
const ES_URL = `http://127.0.0.1:${SCREENS_PORTS.elasticsearch}`;

export default defineConfig({
  testDir: './tests/screens',
  testMatch: /.*\.spec\.ts$/,
  outputDir: 'artifacts/screens-test-results',
  globalSetup: './tests/screens/stack.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 120_000,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: `${reports}/screens.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${SCREENS_PORTS.harness}`,
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npx webpack -c tests/screens/webpack.screens.ts && SCREENS_PORT=${SCREENS_PORTS.harness} PROM_URL=${PROM_URL} VM_URL=${VM_URL} ES_URL=${ES_URL} npx tsx tests/screens/serve.ts`,
    url: `http://127.0.0.1:${SCREENS_PORTS.harness}/index.html`,
    reuseExistingServer: process.env.SCREENS_EXTERNAL_STACK === '1',
    timeout: 240_000,
  },
});
