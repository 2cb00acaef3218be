// For users with a Grafana (npm run server, then npm run e2e): the nested forecast panel in a real
// dashboard. The standalone browser test (tests/browser) covers drawing without a Grafana.
import { expect, test } from '@grafana/plugin-e2e';

import { testIds } from '../../src/panels/forecast/testIds';

const PANEL_NAME = 'Forecast & anomalies';

test.describe('forecast panel', () => {
  test('can be picked as a visualization and shows its grouped options', async ({ panelEditPage, page }) => {
    await panelEditPage.datasource.set('gdev-testdata');
    await panelEditPage.setVisualization(PANEL_NAME);
    await expect(panelEditPage.panel.locator.getByTestId(testIds.panel)).toBeVisible();

    const model = panelEditPage.getCustomOptions('Model');
    await model.getRadioGroup('Model').check('Seasonal');
    await expect(model.getTextInput('Seasonal periods')).toBeVisible();
    await model.getTextInput('Seasonal periods').fill('1d');

    const forecast = panelEditPage.getCustomOptions('Forecast');
    await forecast.getTextInput('Horizon').fill('12h');
    await forecast.getSelect('Confidence').selectOption('80 %');

    const anomalies = panelEditPage.getCustomOptions('Anomalies');
    await anomalies.getRadioGroup('Flag values').check('Above');
    await anomalies.getNumberInput('Minimum deviation (%)').fill('10');
    await panelEditPage.getCustomOptions('Capacity').getNumberInput('Threshold').fill('90');
    await panelEditPage.getCustomOptions('Display').getSwitch('Fitted line').uncheck();

    // The testdata "Random Walk" scenario is a time series: the panel models it and draws a band.
    await panelEditPage.refreshPanel();
    await expect(panelEditPage.panel.locator.getByTestId(testIds.panel)).toHaveAttribute('data-running', 'false', {
      timeout: 30_000,
    });
    // The key under the legend names the model behind the dashed line.
    await expect(panelEditPage.panel.locator.getByTestId(testIds.modelKey)).toContainText(/Forecast \(dashed\): \w/);
  });

  test('explains when a query returns no time series', async ({ panelEditPage }) => {
    await panelEditPage.datasource.set('gdev-testdata');
    await panelEditPage.setVisualization(PANEL_NAME);
    await panelEditPage.getQueryEditorRow('A').getByLabel('Scenario').click();
    await panelEditPage.getQueryEditorRow('A').page().keyboard.type('No Data Points\n');
    await panelEditPage.refreshPanel();
    await expect(panelEditPage.panel.locator.getByTestId(testIds.blockingState)).toContainText('No data');
  });

  test('renders in the provisioned example dashboard', async ({ gotoDashboardPage, readProvisionedDashboard }) => {
    const dashboard = await readProvisionedDashboard({ fileName: 'forecast-example.json' });
    const dashboardPage = await gotoDashboardPage(dashboard);
    await expect(
      dashboardPage
        .getPanelByTitle('Request rate per service: forecast and anomalies')
        .locator.getByTestId(testIds.panel)
    ).toBeVisible();
  });
});
