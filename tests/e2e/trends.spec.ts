// Trends & Capacity against the provisioned demo stack (docker compose up; `npm run e2e` with
// GRAFANA_URL). The demo exposes one volume per service (`<svc>-data` in namespace "demo") and
// cAdvisor memory with limits for every pod.
import { testIds } from '../../src/components/testIds';
import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

const STATUS_TEXTS = /Already over|Will cross|Not within horizon|Cannot estimate/;

test.describe('Trends & Capacity', () => {
  test('opens on the last 7 days with the service and threshold controls and both forecasts', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Trends}`);
    await expect(page.getByRole('heading', { name: 'Trends & Capacity' })).toBeVisible();
    await expect(page).toHaveURL(/from=now-7d/);
    await expect(page).toHaveURL(/var-threshold=90/);
    for (const label of ['Data source', 'Service', 'Threshold (%)']) {
      await expect(page.getByText(label, { exact: true })).toBeVisible();
    }
    for (const title of ['Request rate forecast', 'p95 latency forecast']) {
      await expect(page.getByText(title, { exact: true })).toBeVisible();
    }
  });

  test('lists every demo volume and container with a time-to-exhaustion status, and charts a row', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Trends}?from=now-7d&to=now`);
    const table = page.getByTestId(testIds.trends.capacityTable);
    await expect(table).toBeVisible({ timeout: 60_000 });
    for (const volume of ['demo/checkout-data', 'demo/search-data']) {
      await expect(table.getByText(volume, { exact: true })).toBeVisible();
    }
    await expect(table.getByText('demo/checkout-0/checkout', { exact: true })).toBeVisible();
    await expect(table.getByText(STATUS_TEXTS).first()).toBeVisible();
    await table.getByRole('button', { name: 'Chart demo/checkout-data' }).click();
    await expect(page).toHaveURL(/capacity=volume%3Ademo%2Fcheckout-data|capacity=volume:demo\/checkout-data/);
    await expect(page.getByText('Volume: demo/checkout-data', { exact: true })).toBeVisible();
  });

  test('the threshold and the charted row survive a reload', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Trends}?var-threshold=80&capacity=memory:demo/checkout-0/checkout`);
    await expect(page.getByText('Time to exhaustion at 80 %')).toBeVisible({ timeout: 60_000 });
    await page.reload();
    await expect(page).toHaveURL(/var-threshold=80/);
    await expect(page.getByText('Memory of limit: demo/checkout-0/checkout', { exact: true })).toBeVisible({ timeout: 60_000 });
  });

  test('shows the weekly profile of a service with its plain-language hint', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Trends}?var-service=checkout&from=now-7d&to=now`);
    const hint = page.getByTestId(testIds.trends.seasonalityHint);
    await expect(hint).toBeVisible({ timeout: 60_000 });
    await expect(hint).toContainText(/peak|No clear daily pattern/);
    await expect(page.getByText('Requests by hour of day', { exact: true })).toBeVisible();
  });

  test('a one-hour range is too short for a daily profile and says to widen it', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Trends}?var-service=checkout&from=now-1h&to=now`);
    await expect(page.getByTestId(testIds.trends.seasonalityTooShort)).toContainText('Widen the time range', { timeout: 60_000 });
  });
});
