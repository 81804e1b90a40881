import { test, expect } from './fixtures';
import { openPage, pollBackend } from './helpers';

// The lineage of the demo fine-tune support-sentiment (examples/modelkits.yaml and
// examples/entities.yaml): fine-tuned from sentiment-base, trained on support-tickets and
// served by the support-sentiment-api Component.

const LINEAGE = '/catalog/default/modelkit/support-sentiment/lineage';

test.beforeEach(async ({ request }) => {
  await pollBackend<Array<any>>(
    request,
    '/api/catalog/entities?filter=kind=modelkit,metadata.name=support-sentiment',
    body => body.length === 1,
  );
});

test('the lineage view of a fine-tune shows its base model, dataset and serving Component', async ({
  page,
}) => {
  await openPage(page, LINEAGE);

  const graph = page.getByTestId('lineage-graph');
  await expect(graph).toBeVisible({ timeout: 60_000 });

  const node = (id: string) => graph.locator(`[data-lineage-node="${id}"]`);
  const base = node('modelkit:default/sentiment-base');
  const dataset = node('modelkit:default/support-tickets');
  const component = node('component:default/support-sentiment-api');
  const root = node('modelkit:default/support-sentiment');

  for (const n of [root, base, dataset, component]) {
    await expect(n).toBeVisible();
  }
  await expect(base).toHaveAttribute('data-lineage-kind', 'base-model');
  await expect(dataset).toHaveAttribute('data-lineage-kind', 'dataset');
  await expect(component).toHaveAttribute('data-lineage-kind', 'component');
  await expect(base).toHaveAttribute(
    'href',
    '/catalog/default/modelkit/sentiment-base',
  );
  await expect(component).toHaveAttribute(
    'href',
    '/catalog/default/component/support-sentiment-api',
  );
  await expect(base).toHaveAccessibleName(/^Base model: /);
  await expect(graph.getByText('fine-tuned into').first()).toBeVisible();
  await expect(graph.getByText('trains').first()).toBeVisible();
  await expect(graph.getByText('served by').first()).toBeVisible();

  // The table lists the same nodes.
  await page.getByRole('button', { name: 'Table', exact: true }).click();
  const table = page.getByRole('table', { name: 'Lineage nodes' });
  await expect(
    table.locator('[data-lineage-row="modelkit:default/sentiment-base"]'),
  ).toContainText('Base model');
  await expect(
    table.locator(
      '[data-lineage-row="component:default/support-sentiment-api"]',
    ),
  ).toContainText('Component');

  // A node opens its entity page.
  await page.getByRole('button', { name: 'Graph', exact: true }).click();
  await node('modelkit:default/sentiment-base').click();
  await expect(page).toHaveURL(/\/catalog\/default\/modelkit\/sentiment-base$/);
});

test('the catalog shows ModelKit columns and filters by framework', async ({
  page,
}) => {
  // The catalog index is mounted at / in app-config.yaml.
  await openPage(page, '/?filters%5Bkind%5D=modelkit&filters%5Buser%5D=all');
  const table = page.getByRole('table').first();
  for (const column of ['Framework', 'Latest version', 'Size', 'Policy']) {
    await expect(
      table.getByRole('columnheader', { name: column, exact: true }),
    ).toBeVisible({ timeout: 60_000 });
  }
  const row = table.getByRole('row', {
    name: /support-sentiment|Support sentiment/,
  });
  await expect(row.first()).toBeVisible();

  const frameworks = page.getByRole('group', { name: 'Framework' });
  await expect(frameworks).toBeVisible();
  const first = frameworks.getByRole('checkbox').first();
  const label = (await first.evaluate(
    el => el.closest('label')?.textContent ?? '',
  ))!.trim();
  expect(label).not.toBe('');
  await first.check();
  await expect(page).toHaveURL(/modelkitFramework/);
  // Every row left names the framework picked.
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText(label);
  for (const text of await rows.allTextContents()) {
    expect(text).toContain(label);
  }
});
