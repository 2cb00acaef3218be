// Service Deep-Dive of the demo's checkout service. Tab ids come from the tab table the page renders.
import { testIds } from '../../src/components/testIds';
import { ROUTES, URL_KEYS, prefixRoute } from '../../src/utils/routing';

import { DEMO_SERVICE } from './demoData';
import { expect, literal, test } from './fixtures';

const SERVICE_PATH = `/${ROUTES.Services}/${encodeURIComponent(DEMO_SERVICE)}`;

test.describe('Service Deep-Dive', () => {
  test('shows the service with instance and endpoint variables and the endpoints tab', async ({
    gotoPage,
    page,
    panelByTitle,
    variableLabel,
  }) => {
    await gotoPage(SERVICE_PATH);
    await expect(page.getByRole('heading', { level: 1, name: DEMO_SERVICE, exact: true })).toBeVisible();
    await expect(variableLabel('Instance')).toBeVisible();
    await expect(variableLabel('Endpoint')).toBeVisible();
    await expect(panelByTitle('Requests per endpoint')).toBeVisible();
  });

  test('syncs the active tab with the URL', async ({ gotoPage, page, panelByTitle }) => {
    await gotoPage(SERVICE_PATH);
    await page.getByTestId(testIds.service.tab('instances')).click();
    await expect(page).toHaveURL(new RegExp(`[?&]${URL_KEYS.serviceTab}=instances`));
    await expect(panelByTitle('Container CPU')).toBeVisible();
    await page.reload();
    await expect(panelByTitle('Container memory')).toBeVisible();
  });

  test('the Services list links back from the breadcrumb', async ({ gotoPage, page, panelByTitle, selectors }) => {
    await gotoPage(`${SERVICE_PATH}?${URL_KEYS.serviceTab}=latency`);
    await expect(panelByTitle('Latency percentiles')).toBeVisible();
    await page.getByTestId(selectors.components.Breadcrumbs.breadcrumb('Services')).click();
    await expect(page).toHaveURL(new RegExp(`${literal(prefixRoute(ROUTES.Services))}(\\?|$)`));
  });
});
