import { expect, test } from './fixtures';
import { openPage, pollBackend } from './helpers';

// The demo ModelKits' model cards are written as Hugging Face cards (examples/demo-modelkits/
// modelCard.ts): YAML front matter, then GitHub-flavoured Markdown. The demo's live metrics come
// from the simulated Prometheus (packages/backend/src/demo/simulatedPrometheus.ts), which the
// configuration marks as simulated (kitstage.prometheus.simulated).

const MODELKIT = '/catalog/default/modelkit/support-sentiment';

test('a model card renders its Markdown table and shows its front matter next to it, flagging what disagrees with the Kitfile', async ({
  page,
  request,
}) => {
  // The registry provider has ingested the demo ModelKit.
  await pollBackend(
    request,
    '/api/catalog/entities/by-name/modelkit/default/support-sentiment',
    () => true,
  );
  await openPage(page, `${MODELKIT}/model-card?version=v2.0.0`);
  const main = page.getByRole('main');
  await expect(
    main.getByRole('heading', { name: /^Support sentiment 2\.0\.0/ }),
  ).toBeVisible({ timeout: 60_000 });

  // The card's own "| Metric | Value |" table, rendered as a table rather than text.
  const bodyTable = main
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Metric' }) })
    .filter({ hasNot: page.getByRole('columnheader', { name: 'Task' }) })
    .first();
  await expect(bodyTable).toBeVisible();
  await expect(bodyTable.getByRole('row')).toHaveCount(3);
  await expect(bodyTable.getByRole('cell', { name: 'accuracy' })).toBeVisible();
  await expect(main).not.toContainText('| Metric | Value |');
  // The release checklist is a task list; the front matter is not shown as text.
  await expect(main.getByRole('checkbox')).toHaveCount(3);
  await expect(main).not.toContainText('model-index:');

  // The front matter, next to the card.
  const results = main.getByRole('table', {
    name: 'Results reported by the model card',
  });
  await expect(results).toBeVisible();
  await expect(results).toContainText('Text Classification');
  await expect(results).toContainText('Evaluation set (test)');
  await expect(results.getByRole('row')).toHaveCount(3);
  await expect(
    main.getByText('kitstage-demo/sentiment-base', { exact: true }),
  ).toBeVisible();
  // The unverified 2.0.0's card states another license than its Kitfile.
  await expect(
    main.getByText('The model card disagrees with the Kitfile'),
  ).toBeVisible();
  await expect(
    main.getByText(
      'The model card says the license is cc-by-nc-4.0; the Kitfile says Apache-2.0.',
    ),
  ).toBeVisible();

  // The verified 1.1.0 agrees with its Kitfile.
  await openPage(page, `${MODELKIT}/model-card?version=v1.1.0`);
  await expect(
    main.getByRole('heading', { name: /^Support sentiment 1\.1\.0/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    main.getByRole('table', { name: 'Results reported by the model card' }),
  ).toBeVisible();
  await expect(
    main.getByText('The model card disagrees with the Kitfile'),
  ).toHaveCount(0);
});

test('live metrics from the simulated Prometheus are marked SIMULATED, and the canary’s two versions differ', async ({
  page,
}) => {
  await openPage(
    page,
    '/catalog/default/component/review-sentiment-service/deployments',
  );
  const prodEu = page.getByRole('region', { name: 'prod-eu', exact: true });
  const metrics = prodEu.getByRole('table', {
    name: 'Simulated live metrics per ModelKit version',
  });
  await expect(metrics).toBeVisible({ timeout: 120_000 });
  const section = prodEu.getByRole('region', { name: 'Live metrics' });
  await expect(section.getByText('simulated', { exact: true })).toBeVisible();
  await expect(section.getByText(/^Simulated metrics: /)).toBeVisible();

  // The canary: 0.2.0 and 0.3.0 side by side, with different numbers.
  const headers = metrics.getByRole('columnheader');
  await expect(headers).toHaveCount(3);
  await expect(headers.nth(1)).toContainText('v0.2.0');
  await expect(headers.nth(2)).toContainText('v0.3.0');
  const errorRatio = metrics.getByRole('row', { name: /^Error ratio/ });
  // The first cell is the row's header, then one cell per version.
  await expect(errorRatio.getByRole('cell').nth(2)).toHaveText(/ %$/);
  const [, stable, canary] = await errorRatio
    .getByRole('cell')
    .allTextContents();
  expect(parseFloat(canary)).toBeGreaterThan(parseFloat(stable));
});

test('the stable and canary columns of an Argo Rollouts canary are labelled, with their shares', async ({
  page,
}) => {
  await openPage(page, '/catalog/default/component/fraud-scoring/deployments');
  const prodEu = page.getByRole('region', { name: 'prod-eu', exact: true });
  const metrics = prodEu.getByRole('table', {
    name: 'Simulated live metrics per ModelKit version',
  });
  await expect(metrics).toBeVisible({ timeout: 120_000 });
  // The stable v1.2.0 (run by tag) next to the v1.2.1 hotfix the Rollout sends 20 % to.
  const headers = metrics.getByRole('columnheader');
  await expect(headers).toHaveCount(3);
  await expect(headers.nth(1)).toContainText('v1.2.0');
  await expect(
    headers.nth(1).getByText('stable', { exact: true }),
  ).toBeVisible();
  await expect(headers.nth(2)).toContainText('v1.2.1-hotfix');
  await expect(
    headers.nth(2).getByText('canary', { exact: true }),
  ).toBeVisible();
  const traffic = metrics.getByRole('row', { name: /^Traffic share/ });
  await expect(traffic.getByRole('cell')).toHaveText([
    'Traffic share',
    '80 %',
    '20 %',
  ]);
  // Both sides have series; the hotfix errs more.
  const errorRatio = metrics.getByRole('row', { name: /^Error ratio/ });
  await expect(errorRatio.getByRole('cell').nth(1)).toHaveText(/ %$/);
  await expect(errorRatio.getByRole('cell').nth(2)).toHaveText(/ %$/);
  const [, stable, canary] = await errorRatio
    .getByRole('cell')
    .allTextContents();
  expect(parseFloat(canary)).toBeGreaterThan(parseFloat(stable));
});

test('a running digest that no registry has is named as such', async ({
  page,
}) => {
  await openPage(page, '/catalog/default/component/fraud-scoring/deployments');
  const prodEu = page.getByRole('region', { name: 'prod-eu', exact: true });
  await expect(prodEu.getByText('Not in any known registry')).toBeVisible({
    timeout: 120_000,
  });
  // The other clusters run listed versions.
  const prodUs = page.getByRole('region', { name: 'prod-us', exact: true });
  await expect(prodUs.getByText(/^sha256:[0-9a-f]{12}$/).first()).toBeVisible();
  await expect(prodUs.getByText('Not in any known registry')).toHaveCount(0);
});
