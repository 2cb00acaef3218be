// For users with a Grafana (npm run server, then npm run e2e): the nested forecast panel in a real
// dashboard. The standalone browser test (tests/browser) covers drawing without a Grafana. The panel
// editor specs use Grafana's TestData data source, provisioned by provisioning/datasources/testdata.yaml
// (read with plugin-e2e's readProvisionedDataSource: the picker searches by name, not uid).
import exampleDashboard from '../../provisioning/dashboards/forecast-example.json';
import { formatPercent } from '../../src/analytics';
import pluginJson from '../../src/panels/forecast/plugin.json';
import { testIds } from '../../src/panels/forecast/testIds';

import { TESTDATA_PROVISIONING_FILE } from './demoData';
import { expect, test } from './fixtures';
import { TESTDATA_NO_DATA_SCENARIO, TESTDATA_SCENARIO_LABEL } from './grafanaText';

test.describe('forecast panel', () => {
  test('can be picked as a visualization and shows its grouped options', async ({
    panelEditPage,
    readProvisionedDataSource,
  }) => {
    const testdata = await readProvisionedDataSource({ fileName: TESTDATA_PROVISIONING_FILE });
    await panelEditPage.datasource.set(testdata.name);
    await panelEditPage.setVisualization(pluginJson.name);
    await expect(panelEditPage.panel.locator.getByTestId(testIds.panel)).toBeVisible();

    const model = panelEditPage.getCustomOptions('Model');
    await model.getRadioGroup('Model').check('Seasonal');
    await expect(model.getTextInput('Seasonal periods')).toBeVisible();
    await model.getTextInput('Seasonal periods').fill('1d');

    const forecast = panelEditPage.getCustomOptions('Forecast');
    await forecast.getTextInput('Horizon').fill('12h');
    await forecast.getSelect('Confidence').selectOption(formatPercent(0.8));

    const anomalies = panelEditPage.getCustomOptions('Anomalies');
    await anomalies.getRadioGroup('Flag values').check('Above');
    await anomalies.getNumberInput('Minimum deviation (%)').fill('10');
    await panelEditPage.getCustomOptions('Capacity').getNumberInput('Threshold').fill('90');
    await panelEditPage.getCustomOptions('Display').getSwitch('Fitted line').uncheck();

    // TestData's default scenario (Random Walk) is a time series: the panel models it and draws a band.
    await panelEditPage.refreshPanel();
    await expect(panelEditPage.panel.locator.getByTestId(testIds.panel)).toHaveAttribute('data-running', 'false', {
      timeout: 30_000,
    });
    // The key under the legend names the model behind the dashed line.
    await expect(panelEditPage.panel.locator.getByTestId(testIds.modelKey)).toContainText(/Forecast \(dashed\): \w/);
  });

  test('explains when a query returns no time series', async ({ panelEditPage, page, readProvisionedDataSource }) => {
    const testdata = await readProvisionedDataSource({ fileName: TESTDATA_PROVISIONING_FILE });
    await panelEditPage.datasource.set(testdata.name);
    await panelEditPage.setVisualization(pluginJson.name);
    await panelEditPage.getQueryEditorRow('A').getByLabel(TESTDATA_SCENARIO_LABEL).click();
    await page.keyboard.type(`${TESTDATA_NO_DATA_SCENARIO}\n`);
    await panelEditPage.refreshPanel();
    await expect(panelEditPage.panel.locator.getByTestId(testIds.blockingState)).toContainText('No data');
  });

  test('renders in the provisioned example dashboard', async ({ gotoDashboardPage }) => {
    const panel = exampleDashboard.panels.find((p) => p.type === pluginJson.id);
    expect(panel, `the example dashboard has a ${pluginJson.id} panel`).toBeDefined();
    const dashboardPage = await gotoDashboardPage({ uid: exampleDashboard.uid });
    const forecastPanel = dashboardPage.getPanelByTitle(panel!.title);
    // Grafana 13 renders dashboard panels lazily: bring it into the viewport first.
    await forecastPanel.scrollIntoView();
    await expect(forecastPanel.locator.getByTestId(testIds.panel)).toBeVisible();
  });
});
