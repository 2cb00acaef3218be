import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

test.describe('System Overview', () => {
  test('is the app home with stats, the service table and the controls', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    await expect(page.getByRole('heading', { name: 'System Overview' })).toBeVisible();
    for (const title of ['Throughput', 'Error rate', 'p95 latency', 'Availability', 'Services']) {
      await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
    }
    // Data source variable, time picker and refresh picker.
    await expect(page.getByText('Data source', { exact: true })).toBeVisible();
    await expect(page.getByTestId('data-testid TimePicker Open Button')).toBeVisible();
  });

  test('a service row opens its deep-dive with the time range kept', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    const checkout = page.getByRole('cell', { name: 'checkout' }).first();
    await expect(checkout).toBeVisible({ timeout: 30_000 });
    await checkout.click();
    await page.getByRole('link', { name: 'Open Service Deep-Dive' }).first().click();
    await expect(page).toHaveURL(/\/services\/checkout\?.*from=/);
    await expect(page.getByRole('heading', { name: 'checkout' })).toBeVisible();
  });
});
