import { Page, expect } from '@playwright/test';
import { test } from '../../packages/app/e2e-tests/fixtures';
import { openPage, pollBackend } from '../../packages/app/e2e-tests/helpers';

// Runs against the app the install test created from @backstage/create-app's template, with
// the packed Kitstage packages installed by the README's steps and the demo OCI image layout
// as its registry (examples/demo-modelkits/README.md): support-sentiment has versions 1.0.0,
// 1.1.0 and 2.0.0. The backend URL comes from KITSTAGE_E2E_BACKEND_URL (set by the script).

const PAGE = '/catalog/default/modelkit/support-sentiment';

/** Opens a tab of the entity page that sits in one of its tab groups (a drop-down menu). */
async function openGroupedTab(page: Page, group: string, tab: string) {
  const nav = page.getByRole('navigation', { name: 'Content navigation' });
  await nav.getByRole('button', { name: group, exact: true }).click();
  await page
    .getByRole('menu', { name: group })
    .getByRole('menuitemradio', { name: tab, exact: true })
    .click();
}

test('a ModelKit from the demo layout opens with its tabs in the created app', async ({
  page,
  request,
}) => {
  // The packed catalog module ingested the layout as ModelKit entities.
  await pollBackend<Array<unknown>>(
    request,
    '/api/catalog/entities?filter=kind=modelkit,metadata.name=support-sentiment',
    body => body.length === 1,
  );

  await openPage(page, PAGE);
  await expect(
    page.getByRole('heading', { name: 'Support sentiment model', level: 2 }),
  ).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Content navigation' });
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Where it runs' })).toBeVisible();

  // The version tabs sit in the Development group.
  await nav.getByRole('button', { name: 'Development', exact: true }).click();
  const development = page.getByRole('menu', { name: 'Development' });
  for (const tab of ['Versions', 'Contents', 'Diff', 'Security', 'Lineage']) {
    await expect(
      development.getByRole('menuitemradio', { name: tab, exact: true }),
    ).toBeVisible();
  }
  await page.keyboard.press('Escape');

  // The Versions tab reads the packed backend plugin's API: every version, newest first.
  await openGroupedTab(page, 'Development', 'Versions');
  await expect(page).toHaveURL(/\/versions$/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('2.0.0');
  await expect(rows.nth(3).getByRole('cell').nth(1)).toHaveText('1.0.0');

  // The other version tabs of the group open on the latest version.
  for (const [tab, path] of [
    ['Contents', 'contents'],
    ['Diff', 'diff'],
    ['Security', 'security'],
    ['Lineage', 'lineage'],
  ]) {
    await openGroupedTab(page, 'Development', tab);
    await expect(page).toHaveURL(new RegExp(`/${path}(\\?|$)`));
    await expect(page.getByRole('combobox').first()).toBeVisible();
  }
  await openGroupedTab(page, 'Documentation', 'Model card');
  await expect(page).toHaveURL(/\/model-card(\?|$)/);
  await expect(
    page.getByRole('main').getByRole('heading').nth(1),
  ).toBeVisible();
});
