// plugin-e2e fixtures for the app's pages. Panels and variable labels are found by the test ids
// Grafana itself puts on them (PanelChrome: `Panels.Panel.title`, Scenes' ControlsLabel:
// `Dashboard.SubMenu.submenuItemLabels`), read from plugin-e2e's `selectors` fixture, which resolves
// them for the Grafana version under test, so one title cannot match text elsewhere on the page.
import { type AppConfigPage, type AppPage, test as base } from '@grafana/plugin-e2e';
import type { Locator } from '@playwright/test';

import pluginJson from '../../plugin.json';

type AppTestFixture = {
  appConfigPage: AppConfigPage;
  gotoPage: (path?: string) => Promise<AppPage>;
  /** The panel whose title is exactly `title`. */
  panelByTitle: (title: string) => Locator;
  /** The label of a template variable in the page controls. */
  variableLabel: (label: string) => Locator;
};

export const test = base.extend<AppTestFixture>({
  appConfigPage: async ({ gotoAppConfigPage }, use) => {
    const configPage = await gotoAppConfigPage({
      pluginId: pluginJson.id,
    });
    await use(configPage);
  },
  gotoPage: async ({ gotoAppPage }, use) => {
    await use((path) =>
      gotoAppPage({
        path,
        pluginId: pluginJson.id,
      })
    );
  },
  panelByTitle: async ({ page, selectors }, use) => {
    await use((title) => page.getByTestId(selectors.components.Panels.Panel.title(title)));
  },
  variableLabel: async ({ page, selectors }, use) => {
    await use((label) => page.getByTestId(selectors.pages.Dashboard.SubMenu.submenuItemLabels(label)));
  },
});

export { expect } from '@grafana/plugin-e2e';

/** A RegExp source matching `text` literally (for URLs built from the app's own route helpers). */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A RegExp for text shaped like `sample` with any digits: `shapeOf(formatInterval(0.1, 0.2))` matches
 * every interval the page's own formatter writes, whatever the numbers.
 */
export function shapeOf(sample: string): RegExp {
  return new RegExp(literal(sample).replace(/\d+/g, '\\d+'));
}
