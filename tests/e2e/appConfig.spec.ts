import { testIds } from '../../src/components/testIds';

import { expect, test } from './fixtures';

test.describe('app configuration', () => {
  test('shows data source pickers, presets with default names and SLO fields', async ({ appConfigPage, page }) => {
    await expect(page.getByTestId(testIds.appConfig.prometheusPicker)).toBeVisible();
    await expect(page.getByTestId(testIds.appConfig.elasticsearchPicker)).toBeVisible();
    await page.getByText('Istio', { exact: true }).click();
    await expect(page.getByTestId(testIds.appConfig.override('serviceLabel'))).toHaveAttribute(
      'placeholder',
      'destination_service_name'
    );
    await expect(page.getByTestId(testIds.appConfig.sloAvailability)).toBeVisible();
  });

  test('explains a bad value next to its field and does not save it', async ({ appConfigPage, page }) => {
    await page.getByTestId(testIds.appConfig.sloAvailability).fill('100');
    await page.getByTestId(testIds.appConfig.override('serviceLabel')).fill('service-name');
    await page.getByTestId(testIds.appConfig.submit).click();
    await expect(
      page.getByText('The availability target must be above 0 and below 100 %', { exact: false })
    ).toBeVisible();
    await expect(page.getByText('"service-name" is not a valid label name', { exact: false })).toBeVisible();
  });

  test('saves valid settings', async ({ appConfigPage, page }) => {
    await page.getByTestId(testIds.appConfig.sloAvailability).fill('99.9');
    await page.getByTestId(testIds.appConfig.sloLatency).fill('250');
    const saved = appConfigPage.waitForSettingsResponse();
    await page.getByTestId(testIds.appConfig.submit).click();
    await expect(saved).toBeOK();
  });
});
