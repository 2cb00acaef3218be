// The app's configuration page. Expected messages come from the page's own validator and preset
// table; the spec that saves puts the settings it found back afterwards, because the other specs
// run in parallel against the same Grafana and read these settings.
import pluginJson from '../../plugin.json';
import { testIds } from '../../src/components/testIds';
import { PRESETS, PRESET_LABELS } from '../../src/queries/conventions';
import { toForm } from '../../src/settings/form';
import { validateForm } from '../../src/settings/validation';

import { expect, test } from './fixtures';

const SETTINGS_API = `/api/plugins/${pluginJson.id}/settings`;

test.describe('app configuration', () => {
  test('shows data source pickers, presets with default names and SLO fields', async ({ appConfigPage, page }) => {
    await expect(page.getByTestId(testIds.appConfig.prometheusPicker)).toBeVisible();
    await expect(page.getByTestId(testIds.appConfig.elasticsearchPicker)).toBeVisible();
    // RadioButtonGroup: each preset is a radio input labelled with the preset's name.
    await page.getByRole('radiogroup').getByLabel(PRESET_LABELS.istio.label, { exact: true }).check();
    await expect(page.getByTestId(testIds.appConfig.override('serviceLabel'))).toHaveAttribute(
      'placeholder',
      PRESETS.istio.serviceLabel
    );
    await expect(page.getByTestId(testIds.appConfig.sloAvailability)).toBeVisible();
  });

  test('explains a bad value next to its field and does not save it', async ({ appConfigPage, page }) => {
    const form = toForm();
    const errors = validateForm({
      ...form,
      sloAvailabilityPercent: '100',
      overrides: { ...form.overrides, serviceLabel: 'service-name' },
    });
    await page.getByTestId(testIds.appConfig.sloAvailability).fill('100');
    await page.getByTestId(testIds.appConfig.override('serviceLabel')).fill('service-name');
    let saved = false;
    page.on('request', (request) => {
      saved ||= request.method() === 'POST' && request.url().endsWith(SETTINGS_API);
    });
    await page.getByTestId(testIds.appConfig.submit).click();
    await expect(page.getByText(errors.sloAvailabilityPercent!, { exact: true })).toBeVisible();
    await expect(page.getByText(errors['overrides.serviceLabel']!, { exact: true })).toBeVisible();
    expect(saved).toBe(false);
  });

  test('saves valid settings, then restores what it found', async ({ appConfigPage, page }) => {
    const before = await page.request.get(SETTINGS_API);
    expect(before.ok()).toBe(true);
    const original = await before.json();
    try {
      await page.getByTestId(testIds.appConfig.sloAvailability).fill('99.5');
      await page.getByTestId(testIds.appConfig.sloLatency).fill('250');
      const saved = appConfigPage.waitForSettingsResponse();
      await page.getByTestId(testIds.appConfig.submit).click();
      await expect(saved).toBeOK();
      const after = await (await page.request.get(SETTINGS_API)).json();
      expect(after.jsonData).toMatchObject({ sloAvailabilityPercent: 99.5, sloLatencyP95Ms: 250 });
    } finally {
      const restored = await page.request.post(SETTINGS_API, {
        data: { enabled: original.enabled, pinned: original.pinned, jsonData: original.jsonData },
      });
      expect(restored.ok()).toBe(true);
    }
  });
});
