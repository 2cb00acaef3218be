import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

test('Infrastructure Health shows targets, nodes and containers', async ({ gotoPage, page }) => {
  await gotoPage(`/${ROUTES.Infrastructure}`);
  await expect(page.getByRole('heading', { name: 'Infrastructure Health' })).toBeVisible();
  for (const title of ['Targets up', 'Scrape targets', 'Node CPU', 'Container memory of limit']) {
    await expect(page.getByText(title, { exact: true }).first()).toBeVisible();
  }
  await expect(page.getByText('Node', { exact: true })).toBeVisible();
});

test('Deployment Pipeline shows the per-service table with the last result', async ({ gotoPage, page }) => {
  await gotoPage(`/${ROUTES.Deployments}`);
  await expect(page.getByRole('heading', { name: 'Deployment Pipeline' })).toBeVisible();
  await expect(page.getByText('Deployments per service')).toBeVisible();
  await expect(page.getByText(/Succeeded|Failed|No deployments pushed/).first()).toBeVisible({ timeout: 30_000 });
});
