// Canary Analysis against the provisioned demo stack (otel preset: the demo's canary is the
// instance checkout-canary-0, its baseline checkout-0 and checkout-1). What the page asks for when a
// selection is incomplete comes from the same resolver the page runs.
import { describeTest } from '../../src/analytics';
import { testIds } from '../../src/components/testIds';
import { resolveSplit } from '../../src/queries/canary';
import { PRESETS } from '../../src/queries/conventions';
import { DEFAULT_CANARY_METRICS } from '../../src/settings/canary';
import { ROUTES } from '../../src/utils/routing';

import { DEMO_BASELINE_INSTANCES, DEMO_CANARY_INSTANCE, DEMO_SERVICE } from './demoData';
import { expect, test } from './fixtures';

const SPLIT_LABEL = 'instance';
const PARTIAL_SELECTION = `var-service=${DEMO_SERVICE}&var-split=custom&var-splitLabel=${SPLIT_LABEL}`;
const DEMO_SELECTION = `${PARTIAL_SELECTION}&var-canary=${DEMO_CANARY_INSTANCE}&var-baseline=${DEMO_BASELINE_INSTANCES.join(',')}`;

const P95 = DEFAULT_CANARY_METRICS.find((m) => m.id === 'p95')!.label;

function missingValuesReason(): string {
  const resolution = resolveSplit(PRESETS.otel, {
    service: DEMO_SERVICE,
    preset: 'custom',
    label: SPLIT_LABEL,
    canaryValues: [],
    baselineValues: [],
  });
  if (resolution.ok) {
    throw new Error('an empty canary selection must not resolve');
  }
  return resolution.reason;
}

test.describe('Canary Analysis', () => {
  test('asks for the split values before querying anything', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Canary}?${PARTIAL_SELECTION}`);
    await expect(page.getByTestId(testIds.canary.selection)).toContainText(missingValuesReason());
  });

  test('judges the demo canary from the URL selection: roll back, with a results row per metric', async ({
    gotoPage,
    page,
    panelByTitle,
  }) => {
    await gotoPage(`/${ROUTES.Canary}?${DEMO_SELECTION}&from=now-1h&to=now`);
    const verdict = page.getByTestId(testIds.canary.verdict);
    await expect(verdict).toContainText('Verdict: roll back', { timeout: 30_000 });
    await expect(verdict).toContainText(P95);
    const results = page.getByTestId(testIds.canary.results);
    await expect(results.getByText(`${P95} (critical)`, { exact: true })).toBeVisible();
    // The demo canary's errors are about 4× the baseline's: the one-sided "worse?" Poisson test decides.
    const errorTest = describeTest('count', {
      question: 'worse-than-allowed',
      side: 'greater',
      pValue: 0,
      method: 'exact',
    });
    await expect(results.getByText(errorTest, { exact: true })).toBeVisible();
    await expect(panelByTitle('Traffic split')).toBeVisible();
    await expect(panelByTitle(`${P95}: canary vs baseline`)).toBeVisible();
  });

  test('the Flagger preset is kept in the URL', async ({ gotoPage, page }) => {
    await gotoPage(`/${ROUTES.Canary}?var-service=${DEMO_SERVICE}&var-split=flagger`);
    await expect(page).toHaveURL(/var-split=flagger/);
    await page.reload();
    await expect(page).toHaveURL(/var-split=flagger/);
  });
});
