import { testIds } from '../../src/components/testIds';
import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

test.describe('Service Deep-Dive', () => {
  test('shows the service with instance and endpoint variables and the endpoints tab', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Services}/checkout`);
    await expect(page.getByRole('heading', { name: 'checkout' })).toBeVisible();
    await expect(page.getByText('Instance', { exact: true })).toBeVisible();
    await expect(page.getByText('Endpoint', { exact: true })).toBeVisible();
    await expect(page.getByText('Requests per endpoint')).toBeVisible();
  });

  test('syncs the active tab with the URL', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Services}/checkout`);
    await page.getByTestId(testIds.service.tab('instances')).click();
    await expect(page).toHaveURL(/tab=instances/);
    await expect(page.getByText('Container CPU')).toBeVisible();
    await page.reload();
    await expect(page.getByText('Container memory')).toBeVisible();
  });

  test('the Services list links back from the breadcrumb', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Services}/checkout?tab=latency`);
    await expect(page.getByText('Latency percentiles')).toBeVisible();
    await page.getByRole('link', { name: 'Services' }).first().click();
    await expect(page).toHaveURL(new RegExp(`/${ROUTES.Services}(\\?|$)`));
  });
});
