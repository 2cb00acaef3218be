// The standalone browser stage: the panel in Debian's Chromium on a static harness page (no Grafana).
// Never downloads a browser: it uses /usr/bin/chromium.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.HARNESS_PORT ?? 19131);
const reports = process.env.REPORTS_DIR ?? 'artifacts/reports';

export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

export default defineConfig({
  testDir: './tests/browser',
  testMatch: /.*\.spec\.ts$/,
  outputDir: 'artifacts/browser-test-results',
  fullyParallel: false,
  workers: 1,
  timeout: 90_000,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: `${reports}/browser.json` }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1140, height: 540 },
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: `npx webpack -c tests/browser/webpack.harness.ts && HARNESS_PORT=${PORT} npx tsx tests/browser/serve.ts`,
    url: `http://127.0.0.1:${PORT}/index.html`,
    reuseExistingServer: false,
    timeout: 240_000,
  },
});
