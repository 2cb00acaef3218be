// Satellite Health against the provisioned demo stack: the demo's satellite generator back-fills 30
// days in which deployment/PROC-2 fails often and reads unclear, and archive/PROC-2 is never used.
import { testIds } from '../../src/components/testIds';
import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

const LAST_30_DAYS = 'from=now-30d&to=now&var-es=codesentinel-satellites-es';

test.describe('Satellite Health', () => {
  test('ranks the often-failing procedure first and shows its Wilson interval', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Satellites}?${LAST_30_DAYS}`);
    const rates = page.getByTestId(testIds.satellites.rates);
    await expect(rates).toBeVisible({ timeout: 30_000 });
    await expect(rates.locator('tbody tr').first()).toContainText('deployment/PROC-2');
    await expect(rates.locator('tbody tr').first()).toContainText(/\[\d+\.\d%–\d+\.\d%\]/);
  });

  test('lists never-used procedures and what needs review', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Satellites}?${LAST_30_DAYS}`);
    await expect(page.getByTestId(testIds.satellites.neverUsed)).toContainText('archive/PROC-2', { timeout: 30_000 });
    const review = page.getByTestId(testIds.satellites.review);
    await expect(review).toContainText('deployment/PROC-2');
    await expect(review).toContainText('fails often');
    await expect(page.getByTestId(testIds.satellites.trend)).toContainText(/faster|slower|no clear trend/);
  });

  test('the satellite and procedure selection is kept in the URL and narrows the page', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Satellites}?${LAST_30_DAYS}&var-satellite=deployment&var-procedure=deployment%2FPROC-2`);
    await expect(page).toHaveURL(/var-satellite=deployment/);
    await expect(page).toHaveURL(/var-procedure=deployment%2FPROC-2/);
    const rates = page.getByTestId(testIds.satellites.rates);
    await expect(rates.locator('tbody tr')).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByText('Latest feedback comments')).toBeVisible();
    await expect(page.getByText('Quarterly review')).toBeVisible();
  });
});
