import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { type Page, expect, test } from '@playwright/test';

import { testIds } from '../../src/panels/forecast/testIds';

import fixture from './fixtures/prometheus-range.json';

const SCREENSHOTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

type Summary = Array<{ label: string; show: boolean; points: number; pointsOnly: boolean }>;

async function show(page: Page, scenario: string) {
  await page.evaluate((name) => window.__harness.show(name), scenario);
}

async function settled(page: Page, bands: number) {
  await expect(page.getByTestId(testIds.panel)).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => window.__harness.bandsDrawn), { timeout: 10_000 }).toBe(bands);
  return page.evaluate(() => window.__harness.series) as Promise<Summary>;
}

function byLabel(series: Summary, label: string) {
  const found = series.find((s) => s.label === label);
  expect(found, `series "${label}" among ${series.map((s) => s.label).join(', ')}`).toBeDefined();
  return found!;
}

for (const theme of ['light', 'dark'] as const) {
  test(`draws history, forecast, band and anomaly markers from a real Prometheus range query (${theme})`, async ({
    page,
  }) => {
    const wasm: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) {
        wasm.push(r.url());
      }
    });
    await page.goto(`/index.html?theme=${theme}`);
    await expect(page.getByTestId(testIds.blockingState)).toContainText('No data');
    // The engine and its WebAssembly are not fetched until a panel has something to model.
    expect(wasm).toEqual([]);

    await show(page, 'requests');
    const series = await settled(page, 3);

    // Raw data is drawn first; bands follow when the workers finish.
    const log = await page.evaluate(() => window.__harness.drawLog);
    expect(log[0].historyPoints).toBeGreaterThan(1000);
    expect(log[0].bands).toBe(0);
    expect(wasm.length).toBeGreaterThan(0);

    for (const service of ['checkout', 'payments', 'catalog']) {
      expect(byLabel(series, service).points).toBeGreaterThan(1000);
      expect(byLabel(series, `${service} · fitted`).points).toBeGreaterThan(100);
      expect(byLabel(series, `${service} · band low`).points).toBeGreaterThan(100);
      expect(byLabel(series, `${service} · band high`).points).toBeGreaterThan(100);
      // The forecast's name carries the model, which the tooltip shows.
      const forecast = series.find((s) => s.label.startsWith(`${service} · forecast (`));
      expect(forecast?.label).toMatch(/ · forecast \(.+\)$/);
      expect(forecast?.points).toBeGreaterThan(10);
    }
    // Each band is filled between its own high and low edge (not down to the axis).
    const plotBands = await page.evaluate(() => window.__harness.plotBands);
    expect(plotBands).toEqual(
      expect.arrayContaining(['checkout', 'payments', 'catalog'].map((s) => [`${s} · band high`, `${s} · band low`]))
    );

    // checkout's injected incident is flagged and drawn as markers only.
    const anomalies = byLabel(series, 'checkout · anomalies');
    expect(anomalies.points).toBeGreaterThan(0);
    expect(anomalies.pointsOnly).toBe(true);

    // Paths kept from earlier draws (retainPaths.ts) draw exactly what freshly built paths draw: zoom
    // out and back, which rebuilds every path, and compare the canvas pixel for pixel.
    const sameAfterRebuild = await page.evaluate(async () => {
      const u = window.__harness.plot!;
      const pixels = () => u.ctx.getImageData(0, 0, u.ctx.canvas.width, u.ctx.canvas.height).data;
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const before = pixels();
      const { min, max } = u.scales.x;
      u.setScale('x', { min: min! - 3600_000, max: max! });
      await frame();
      u.setScale('x', { min: min!, max: max! });
      await frame();
      const after = pixels();
      let differing = 0;
      for (let i = 0; i < before.length; i++) {
        differing += before[i] === after[i] ? 0 : 1;
      }
      return { differing, total: before.length };
    });
    expect(sameAfterRebuild.total).toBeGreaterThan(0);
    expect(sameAfterRebuild.differing).toBe(0);

    // The time axis runs past the query's end by the horizon (1 d).
    const xMax = await page.evaluate(() => window.__harness.xMax ?? 0);
    expect(xMax).toBeGreaterThan(fixture.requests.end * 1000 + 20 * 3600_000);

    // The legend lists one entry per service; forecast, band, fitted line and anomalies stay out of it.
    for (const service of ['checkout', 'payments', 'catalog']) {
      await expect(page.locator('#panel')).toContainText(service);
    }
    const legendEntries = page.locator('#panel [data-testid^="data-testid VizLegend series "]');
    await expect(legendEntries).toHaveCount(3);
    expect((await legendEntries.allTextContents()).sort()).toEqual(['catalog', 'checkout', 'payments']);
    // With the legend, one line keys the dashed line, band and markers to the model that drew them.
    await expect(page.getByTestId(testIds.modelKey)).toContainText(
      /Forecast \(dashed\): seasonal MSTL, period 1d, 95 % · band \(shaded\) · fit \(dotted\) · \d+ anomal(y|ies) \(red\)/
    );

    // Hovering the incident explains why it was flagged.
    const incidentMs = (fixture.requests.start + 5.4 * 86400 + 15 * 60) * 1000;
    const point = await page.evaluate((t) => {
      const u = window.__harness.plot!;
      const rect = u.over.getBoundingClientRect();
      return { x: rect.left + u.valToPos(t, 'x'), y: rect.top + rect.height / 2 };
    }, incidentMs);
    await page.mouse.move(point.x, point.y);
    await expect(page.getByTestId(testIds.tooltip)).toContainText('checkout:');
    await expect(page.getByTestId(testIds.tooltip)).toContainText(/above|below/);
    await page.screenshot({ path: join(SCREENSHOTS, `forecast-tooltip-${theme}.png`) });

    await page.mouse.move(0, 0);
    await page.locator('#panel').screenshot({ path: join(SCREENSHOTS, `forecast-requests-${theme}.png`) });
  });

  test(`estimates when a volume crosses its capacity threshold (${theme})`, async ({ page }) => {
    await page.goto(`/index.html?theme=${theme}&scenario=volume`);
    await settled(page, 1);
    await expect(page.getByTestId(testIds.notice).filter({ hasText: 'checkout-data' })).toContainText(
      /checkout-data: crosses 90%: likely in ~\d+ (d|h) \((<1|[\d.]+)–[\d.]+ (d|h)\)/
    );
    await page.locator('#panel').screenshot({ path: join(SCREENSHOTS, `forecast-capacity-${theme}.png`) });
  });
}

test('shows the data-source error as text, never as HTML', async ({ page }) => {
  await page.goto('/index.html?scenario=error');
  const state = page.getByTestId(testIds.blockingState);
  await expect(state).toContainText('The data source returned an error');
  await expect(state).toContainText('<img src=x onerror=alert(1)> bad_data');
  await expect(page.locator('#panel img')).toHaveCount(0);
  await page.locator('#panel').screenshot({ path: join(SCREENSHOTS, 'forecast-error-light.png') });
});

test('keeps the series it can model when others have too little history', async ({ page }) => {
  await page.goto('/index.html');
  await show(page, 'too-short');
  const series = await settled(page, 1);
  expect(byLabel(series, 'payments · band high').points).toBeGreaterThan(100);
  // checkout keeps its (empty) model fields: dropping them would rebuild the plot at the end of the run.
  expect(byLabel(series, 'checkout · band high').points).toBe(0);
  await expect(page.getByTestId(testIds.notice).first()).toContainText('2 of 3 series could not be modelled');
  await page
    .getByTestId(testIds.notice)
    .first()
    .getByText(/could not be modelled/)
    .hover();
  await expect(page.getByText(/checkout: needs at least \d+ points, has 5 — widen the time range/)).toBeVisible();
  await page.locator('#panel').screenshot({ path: join(SCREENSHOTS, 'forecast-partial-light.png') });
});

test('a refresh cancels the work for the previous data', async ({ page }) => {
  await page.goto('/index.html');
  await show(page, 'requests');
  await show(page, 'volume');
  const series = await settled(page, 1);
  expect(series.map((s) => s.label).filter((l) => l.includes('checkout ·') || l === 'catalog')).toEqual([]);
  expect(byLabel(series, 'checkout-data · band high').points).toBeGreaterThan(100);
});
