// Infrastructure Health and Deployment Pipeline against the demo stack. The deploy simulator pushes
// one successful run per service and environment when it starts (demo/deploySimulator.ts), so the
// table has a last result before the specs run.
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

test('Deployment Pipeline shows the per-service table with the last result', async ({
  gotoPage,
  page,
  panelByTitle,
}) => {
  await gotoPage(`/${ROUTES.Deployments}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deployment Pipeline', exact: true })).toBeVisible();
  const table = panelByTitle('Deployments per service');
  await expect(table).toBeVisible();
  // The last-result column maps 1/0 to these texts (value mappings in deploymentsTable.ts).
  await expect(table.getByRole('gridcell', { name: /^(Succeeded|Failed)$/ }).first()).toBeVisible({ timeout: 30_000 });
});
