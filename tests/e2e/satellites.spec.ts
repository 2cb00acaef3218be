// Satellite Health against the provisioned demo stack: the demo's satellite generator back-fills 30
// days in which deployment/PROC-2 fails often and reads unclear, and archive/PROC-2 is never used.
// The rates table is the page's own HTML table (not Grafana's table panel), hence `tbody tr`.
import { testIds } from '../../src/components/testIds';
import { formatInterval } from '../../src/pages/satellites/rateText';
import { ROUTES } from '../../src/utils/routing';

import { DEMO_ELASTICSEARCH_UID, DEMO_FAILING_PROCEDURE, DEMO_SATELLITE, DEMO_UNUSED_PROCEDURE } from './demoData';
import { expect, shapeOf, test } from './fixtures';

const LAST_30_DAYS = `from=now-30d&to=now&var-es=${DEMO_ELASTICSEARCH_UID}`;

test.describe('Satellite Health', () => {
  test('ranks the often-failing procedure first and shows its Wilson interval', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Satellites}?${LAST_30_DAYS}`);
    const rates = page.getByTestId(testIds.satellites.rates);
    await expect(rates).toBeVisible({ timeout: 30_000 });
    const first = rates.locator('tbody tr').first();
    await expect(first).toContainText(DEMO_FAILING_PROCEDURE);
    await expect(first).toContainText(shapeOf(formatInterval(0.1, 0.2)));
  });

  test('lists never-used procedures and what needs review', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Satellites}?${LAST_30_DAYS}`);
    await expect(page.getByTestId(testIds.satellites.neverUsed)).toContainText(DEMO_UNUSED_PROCEDURE, {
      timeout: 30_000,
    });
    const review = page.getByTestId(testIds.satellites.review);
    await expect(review).toContainText(DEMO_FAILING_PROCEDURE);
    await expect(review).toContainText('fails often');
    await expect(page.getByTestId(testIds.satellites.trend)).toContainText(/faster|slower|no clear trend/);
  });

  test('the satellite and procedure selection is kept in the URL and narrows the page', async ({
    gotoPage,
    page,
    panelByTitle,
  }) => {
    const procedure = encodeURIComponent(DEMO_FAILING_PROCEDURE);
    await gotoPage(`/${ROUTES.Satellites}?${LAST_30_DAYS}&var-satellite=${DEMO_SATELLITE}&var-procedure=${procedure}`);
    await expect(page).toHaveURL(new RegExp(`var-satellite=${DEMO_SATELLITE}`));
    await expect(page).toHaveURL(new RegExp(`var-procedure=${procedure}`));
    const rates = page.getByTestId(testIds.satellites.rates);
    await expect(rates.locator('tbody tr')).toHaveCount(1, { timeout: 30_000 });
    await expect(panelByTitle('Latest feedback comments')).toBeVisible();
    await expect(panelByTitle('Quarterly review')).toBeVisible();
  });
});
