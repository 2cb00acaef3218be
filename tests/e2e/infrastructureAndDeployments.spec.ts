// Infrastructure Health and Deployment Pipeline against the demo stack. The deploy simulator pushes
// one successful run per service and environment when it starts (demo/deploySimulator.ts), so the
// page has runs before the specs run.
import { testIds } from '../../src/components/testIds';
import { ROUTES } from '../../src/utils/routing';

import { expect, test } from './fixtures';

test('Infrastructure Health shows targets, nodes and containers', async ({
  gotoPage,
  page,
  panelByTitle,
  variableLabel,
}) => {
  await gotoPage(`/${ROUTES.Infrastructure}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Infrastructure Health', exact: true })).toBeVisible();
  for (const title of ['Targets up', 'Scrape targets', 'Node CPU', 'Container memory of limit']) {
    await expect(panelByTitle(title)).toBeVisible();
  }
  await expect(variableLabel('Node')).toBeVisible();
});

test('Deployment Pipeline shows the DORA measures, the latest runs and the per-service counts', async ({
  gotoPage,
  page,
  panelByTitle,
}) => {
  await gotoPage(`/${ROUTES.Deployments}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deployment Pipeline', exact: true })).toBeVisible();
  await expect(page.getByTestId(testIds.deployments.doraCard('deploymentFrequency'))).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId(testIds.deployments.latestRuns)).toBeVisible();
  await expect(panelByTitle('Runs per service')).toBeVisible();
});
