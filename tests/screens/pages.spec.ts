// Every app page in light and dark, rendered by the screens harness against the demo stack's real
// Prometheus, screenshotted into artifacts/screenshots/pages/. A page passes when its title renders,
// nothing crashed (no error boundary, no uncaught error) and its main panels hold data.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Page, expect, test } from '@playwright/test';

import { testIds } from '../../src/components/testIds';
import { testIds as forecastIds } from '../../src/panels/forecast/testIds';

import { SCREEN_PAGES } from './screenPages';

const SHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots', 'pages');
mkdirSync(SHOTS, { recursive: true });

/** The data-testid Grafana's PanelChrome puts on a panel (e2e-selectors Panels.Panel.title). */
const panelSelector = (title: string) => `section[data-testid="data-testid Panel header ${title}"]`;

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // Forecast panels model off-thread after their data arrived; wait until each one is done.
  for (const panel of await page.getByTestId(forecastIds.panel).all()) {
    await expect(panel).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  }
  // The overview's anomaly list checks every service's series in the pool; wait for its answer.
  for (const list of await page.getByTestId(testIds.overview.anomalies).all()) {
    await expect(list).toHaveAttribute('data-running', 'false', { timeout: 90_000 });
  }
  // Trends estimates every volume, container and node in the pool; a screenshot of "Estimating…" rows
  // shows nothing, so wait for the table's last answer.
  for (const table of await page.getByTestId(testIds.trends.capacity).all()) {
    await expect(table).toHaveAttribute('data-running', 'false', { timeout: 180_000 });
  }
  // The Deep-Dive's bottleneck finder ranks the candidate signals in the pool; wait for its verdict.
  for (const finder of await page.getByTestId(testIds.service.finder).all()) {
    await expect(finder).toHaveAttribute('data-running', 'false', { timeout: 90_000 });
  }
  await page.waitForLoadState('networkidle');
}

for (const theme of ['light', 'dark'] as const) {
  for (const screen of SCREEN_PAGES) {
    test(`${screen.name} (${theme})`, async ({ page }) => {
      // Trends models ~60 resources in the worker pool before its table is complete: on a loaded
      // 2-core runner one of them was still running after 90 s (61 of 62 done).
      test.slow(screen.name.startsWith('trends'), 'Trends estimates every volume, container and node');
      const uncaught: string[] = [];
      page.on('pageerror', (e) => uncaught.push(e.message));
      const query = new URLSearchParams({ theme, ...screen.query });
      await page.goto(`/a/codesentinel-analytics-app/${screen.path}?${query}`);

      await expect(page.getByTestId('screens-page-title')).toHaveText(screen.title, { timeout: 30_000 });
      for (const title of screen.mainPanels) {
        await expect(page.locator(panelSelector(title)), `panel "${title}"`).toBeVisible({ timeout: 30_000 });
      }
      await settle(page);
      // Views computed from their answers (Satellite Health's insights, review and task speed) appear
      // after the network is idle: a screenshot of "Loading…" shows nothing.
      for (const text of screen.expectText ?? []) {
        await expect(page.getByText(text).first()).toBeVisible({ timeout: 60_000 });
      }
      await page.screenshot({ path: join(SHOTS, `${screen.name}-${theme}.png`), fullPage: true });

      await expect(page.getByText(/Unexpected error|An unexpected error happened|Something went wrong/)).toHaveCount(0);
      expect(uncaught, 'uncaught errors in the page').toEqual([]);
      for (const title of screen.mainPanels) {
        const panel = page.locator(panelSelector(title));
        await expect(panel.getByText('No data', { exact: true }), `"${title}" shows No data`).toHaveCount(0);
        await expect(panel.getByTestId('screens-no-data'), `"${title}" has no frames`).toHaveCount(0);
        await expect(panel.getByTestId(forecastIds.blockingState), `"${title}" is blocked`).toHaveCount(0);
      }
      for (const text of screen.expectText ?? []) {
        await expect(page.getByText(text).first()).toBeVisible();
      }
      if (screen.expectAnomalies) {
        const named = await page.getByTestId(testIds.overview.anomalies).getByRole('link').allTextContents();
        expect([...new Set(named)].sort(), 'the anomaly list names the injected incidents only').toEqual(
          [...screen.expectAnomalies].sort()
        );
      }
    });
  }
}
