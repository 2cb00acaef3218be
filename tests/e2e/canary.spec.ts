// Canary Analysis against the provisioned demo stack (otel preset: the demo's canary is the
// instance checkout-canary-0, its baseline checkout-0 and checkout-1).
import { testIds } from '../../src/components/testIds';
import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

const DEMO_SELECTION =
  'var-service=checkout&var-split=custom&var-splitLabel=instance&var-canary=checkout-canary-0&var-baseline=checkout-0,checkout-1';

test.describe('Canary Analysis', () => {
  test('asks for the split values before querying anything', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Canary}?var-service=checkout&var-split=custom&var-splitLabel=instance`);
    await expect(page.getByTestId(testIds.canary.selection)).toContainText('Enter the canary value(s) of instance.');
  });

  test('judges the demo canary from the URL selection: roll back, with a results row per metric', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Canary}?${DEMO_SELECTION}&from=now-1h&to=now`);
    const verdict = page.getByTestId(testIds.canary.verdict);
    await expect(verdict).toContainText('Verdict: roll back', { timeout: 30_000 });
    await expect(verdict).toContainText('p95 latency');
    const results = page.getByTestId(testIds.canary.results);
    await expect(results.getByText('p95 latency (critical)')).toBeVisible();
    await expect(results.getByText('Exact Poisson rate test')).toBeVisible();
    await expect(page.getByText('Traffic split')).toBeVisible();
    await expect(page.getByText('p95 latency: canary vs baseline')).toBeVisible();
  });

  test('the Flagger preset is kept in the URL', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Canary}?var-service=checkout&var-split=flagger`);
    await expect(page).toHaveURL(/var-split=flagger/);
    await page.reload();
    await expect(page).toHaveURL(/var-split=flagger/);
  });
});
