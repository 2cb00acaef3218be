// System Overview against the provisioned demo stack. The Services table is Grafana's table panel:
// from Grafana 12.2 a react-data-grid (cells have role "gridcell"), and a column with exactly one data
// link renders its cell text as that link (@grafana/ui TableNG MaybeWrapWithLink → renderSingleLink),
// so the service name itself is the way into the deep-dive.
import { URL_KEYS, ROUTES, serviceUrl } from '../../src/utils/routing';

import { DEMO_SERVICE } from './demoData';
import { expect, literal, test } from './fixtures';

test.describe('System Overview', () => {
  test('is the app home with stats, the service table and the controls', async ({
    gotoPage,
    page,
    panelByTitle,
    variableLabel,
    selectors,
  }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    await expect(page.getByRole('heading', { level: 1, name: 'System Overview', exact: true })).toBeVisible();
    for (const title of ['Throughput', 'Error rate', 'p95 latency', 'Availability', 'Services']) {
      await expect(panelByTitle(title)).toBeVisible();
    }
    // Data source variable, time picker and refresh picker.
    await expect(variableLabel('Data source')).toBeVisible();
    await expect(page.getByTestId(selectors.components.TimePicker.openButton)).toBeVisible();
  });

  test('a service name in the table opens its deep-dive with the time range kept', async ({
    gotoPage,
    page,
    panelByTitle,
  }) => {
    await gotoPage(`/${ROUTES.Overview}`);
    const link = panelByTitle('Services').getByRole('gridcell').getByRole('link', { name: DEMO_SERVICE, exact: true });
    await expect(link).toBeVisible({ timeout: 30_000 });
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${literal(serviceUrl(DEMO_SERVICE))}\\?.*${URL_KEYS.timeFrom}=`));
    await expect(page.getByRole('heading', { level: 1, name: DEMO_SERVICE, exact: true })).toBeVisible();
  });
});
