import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const SHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots', 'pages');
mkdirSync(SHOTS, { recursive: true });

const BASE = '/a/codesentinel-analytics-app';

interface PageCase {
  name: string;
  path: string;
  title: string;
  /** Panels that must show data on the demo stack. */
  mainPanels: string[];
}

const PAGES: PageCase[] = [
  {
    name: 'overview',
    path: 'overview',
    title: 'System Overview',
    mainPanels: ['Services', 'Requests per service', 'Error rate per service', 'p95 latency per service'],
  },
  { name: 'services', path: 'services', title: 'Services', mainPanels: ['Services'] },
  { name: 'service-checkout', path: 'services/checkout', title: 'checkout', mainPanels: [] },
  { name: 'infrastructure', path: 'infrastructure', title: 'Infrastructure', mainPanels: [] },
  { name: 'deployments', path: 'deployments', title: 'Deployments', mainPanels: [] },
  { name: 'trends', path: 'trends', title: 'Trends', mainPanels: [] },
  { name: 'canary', path: 'canary', title: 'Canary', mainPanels: [] },
  { name: 'satellites', path: 'satellites', title: 'Satellite', mainPanels: [] },
];

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(1500);
  await page.waitForLoadState('networkidle');
}

for (const theme of ['light', 'dark'] as const) {
  for (const p of PAGES) {
    test(`${p.name} renders with data (${theme})`, async ({ page }) => {
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${BASE}/${p.path}?theme=${theme}`);
      await expect(page.getByTestId('screens-page-title')).toContainText(p.title, { timeout: 30_000 });
      await settle(page);
      await page.screenshot({ path: join(SHOTS, `${p.name}-${theme}.png`), fullPage: true });
      const panels = await page
        .locator('section[data-testid^="data-testid Panel header"]')
        .evaluateAll((els) =>
          els.map((e) => ({ title: e.getAttribute('data-testid'), text: (e.textContent ?? '').slice(0, 160) }))
        );
      console.log(JSON.stringify({ page: p.name, theme, pageErrors, panels }, null, 1));
      await expect(page.getByText(/Unexpected error|Something went wrong/)).toHaveCount(0);
      expect(pageErrors).toEqual([]);
    });
  }
}
