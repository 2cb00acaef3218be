// Trends & Capacity against the provisioned demo stack. The demo exposes one volume per service
// (`<svc>-data` in namespace "demo") and cAdvisor memory with limits for every pod. Texts the page
// formats (the threshold, the chart title) come from the same functions the page calls.
import { formatPercent } from '../../src/analytics';
import { testIds } from '../../src/components/testIds';
import { capacityChartTitle } from '../../src/pages/trends/capacityLabels';
import { ROUTES, URL_KEYS } from '../../src/utils/routing';

import { DEMO_BASELINE_INSTANCES, DEMO_OTHER_SERVICE, DEMO_SERVICE, demoContainer, demoVolume } from './demoData';
import { expect, literal, test } from './fixtures';

const STATUS_TEXTS = /Already over|Will cross|Not within horizon|Cannot estimate/;
const VOLUME = demoVolume(DEMO_SERVICE);
const CONTAINER = demoContainer(DEMO_BASELINE_INSTANCES[0], DEMO_SERVICE);

test.describe('Trends & Capacity', () => {
  test('opens on the last 7 days with the service and threshold controls and both forecasts', async ({
    gotoPage,
    page,
    panelByTitle,
    variableLabel,
  }) => {
    await gotoPage(`/${ROUTES.Trends}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Trends & Capacity', exact: true })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`[?&]${URL_KEYS.timeFrom}=now-7d`));
    await expect(page).toHaveURL(/var-threshold=90/);
    for (const label of ['Data source', 'Service', 'Threshold (%)']) {
      await expect(variableLabel(label)).toBeVisible();
    }
    for (const title of ['Request rate forecast', 'p95 latency forecast']) {
      await expect(panelByTitle(title)).toBeVisible();
    }
  });

  test('lists every demo volume and container with a time-to-exhaustion status, and charts a row', async ({
    gotoPage,
    page,
    panelByTitle,
  }) => {
    await gotoPage(`/${ROUTES.Trends}?from=now-7d&to=now`);
    const table = page.getByTestId(testIds.trends.capacityTable);
    await expect(table).toBeVisible({ timeout: 60_000 });
    for (const volume of [VOLUME, demoVolume(DEMO_OTHER_SERVICE)]) {
      await expect(table.getByText(volume, { exact: true })).toBeVisible();
    }
    await expect(table.getByText(CONTAINER, { exact: true })).toBeVisible();
    await expect(table.getByText(STATUS_TEXTS).first()).toBeVisible();
    await table.getByRole('button', { name: `Chart ${VOLUME}`, exact: true }).click();
    await expect(page).toHaveURL(
      new RegExp(`[?&]capacity=(${literal(`volume:${VOLUME}`)}|${literal(encodeURIComponent(`volume:${VOLUME}`))})`)
    );
    await expect(panelByTitle(capacityChartTitle('volume', VOLUME))).toBeVisible();
  });

  test('the threshold and the charted row survive a reload', async ({ gotoPage, page, panelByTitle }) => {
    await gotoPage(`/${ROUTES.Trends}?var-threshold=80&capacity=memory:${CONTAINER}`);
    const capacity = page.getByTestId(testIds.trends.capacity);
    await expect(capacity.getByText(`Time to exhaustion at ${formatPercent(0.8)}`)).toBeVisible({ timeout: 60_000 });
    await page.reload();
    await expect(page).toHaveURL(/var-threshold=80/);
    await expect(panelByTitle(capacityChartTitle('memory', CONTAINER))).toBeVisible({ timeout: 60_000 });
  });

  test('shows the weekly profile of a service with its plain-language hint', async ({
    gotoPage,
    page,
    panelByTitle,
  }) => {
    await gotoPage(`/${ROUTES.Trends}?var-service=${DEMO_SERVICE}&from=now-7d&to=now`);
    const hint = page.getByTestId(testIds.trends.seasonalityHint);
    await expect(hint).toBeVisible({ timeout: 60_000 });
    await expect(hint).toContainText(/peak|No clear daily pattern/);
    await expect(panelByTitle('Requests by hour of day')).toBeVisible();
  });

  test('a one-hour range is too short for a daily profile and says to widen it', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Trends}?var-service=${DEMO_SERVICE}&from=now-1h&to=now`);
    await expect(page.getByTestId(testIds.trends.seasonalityTooShort)).toContainText('Widen the time range', {
      timeout: 60_000,
    });
  });
});
