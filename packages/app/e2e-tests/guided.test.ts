import { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';
import {
  backendUrl,
  guestToken,
  openPage,
  runPromotion,
  submitPromotion,
} from './helpers';

/**
 * The stories of the README as a new user follows them in the demo portal, with no token and
 * no network: create a model project (published to the demo Git host and registered in the
 * catalog), find it in the catalog, promote a version of a demo service to staging, see the
 * promotion in its history, and roll it back from the Deployments view.
 *
 * Everything is written to the demo Git host that the end-to-end configuration
 * (app-config.e2e.yaml) serves from a temporary folder. The test leaves the demo as it found
 * it: the deploy repository it promotes into is restored afterwards, and the new project is
 * unregistered and its repository deleted, so the other tests see the seeded history.
 */

const exec = promisify(execFile);

/** `kitstage.demo.gitHost.directory` of the end-to-end configuration. */
const DEMO_GIT = '/tmp/kitstage-e2e-demo-git';
const DEMO_HOST = '127.0.0.1:7110';
const SERVICE = 'review-sentiment-service';
const SERVICE_REF = `component:default/${SERVICE}`;
const REPOSITORY = path.join(DEMO_GIT, `${SERVICE}.git`);
const BACKUP = path.join(DEMO_GIT, `.guided-backup-${SERVICE}.git`);

function stagingTimeline(page: Page) {
  return page.getByRole('list', { name: 'Promotions into Staging' });
}

/** Waits until the newest staging entry of the service's history comes from `branch`. */
async function expectNewestStagingEntry(page: Page, branch: string) {
  await expect(async () => {
    await openPage(page, `/catalog/default/component/${SERVICE}/promotions`);
    await expect(
      stagingTimeline(page).getByRole('listitem').first(),
    ).toContainText(`from ${branch}`, { timeout: 10_000 });
  }).toPass({ timeout: 90_000 });
}

test.describe('the guided tour of the stories that change something', () => {
  const name = `guided-${Date.now().toString(36)}`;

  test.beforeAll(async () => {
    await fs.rm(BACKUP, { recursive: true, force: true });
    await fs.cp(REPOSITORY, BACKUP, { recursive: true });
  });

  test.afterAll(async ({ request }) => {
    // The promotions of the test are undone: the deploy repository as it was seeded.
    await fs.rm(REPOSITORY, { recursive: true, force: true });
    await fs.rename(BACKUP, REPOSITORY);
    // The new project leaves the catalog and the demo Git host.
    const token = await guestToken(request);
    const headers = { Authorization: `Bearer ${token}` };
    const location = await request.get(
      `${backendUrl}/api/catalog/locations/by-entity/component/default/${name}`,
      { headers },
    );
    if (location.ok()) {
      const { id } = await location.json();
      await request.delete(`${backendUrl}/api/catalog/locations/${id}`, {
        headers,
      });
    }
    await fs.rm(path.join(DEMO_GIT, 'projects', `${name}.git`), {
      recursive: true,
      force: true,
    });
  });

  test('create a project, find it in the catalog, promote a version to staging and roll it back', async ({
    page,
    request,
  }) => {
    await test.step('Create → ModelKit model project publishes to the demo Git host', async () => {
      await openPage(page, '/create/templates/default/modelkit-project');
      await page.getByRole('textbox', { name: /^Name/ }).fill(name);
      await page
        .getByRole('textbox', { name: /^Description/ })
        .fill('Predicts which customers leave');
      const owner = page.getByRole('textbox', { name: 'Owner', exact: true });
      await owner.click();
      await owner.fill('group:default/ml-platform');
      await owner.press('Tab');
      await page.getByRole('button', { name: /^Framework/ }).click();
      await page.getByRole('option', { name: 'PyTorch' }).click();
      await page.getByRole('button', { name: 'Next' }).click();

      await page
        .getByRole('textbox', { name: /^Registry/ })
        .fill('registry.example.com');
      await page
        .getByRole('textbox', { name: /^Repository/ })
        .fill(`kitstage-demo/${name}`);
      await page.getByRole('button', { name: 'Next' }).click();

      await page.getByRole('textbox', { name: /^Namespace/ }).fill('ml');
      await page.getByRole('button', { name: 'Next' }).click();

      // The demo Git host, in its group that creates a repository at the first push.
      await page
        .getByTestId('host-select')
        .locator('select')
        .selectOption(DEMO_HOST);
      const repoOwner = page.getByRole('textbox', {
        name: 'Owner',
        exact: true,
      });
      await repoOwner.fill('projects');
      await repoOwner.press('Tab');
      const repoName = page.getByRole('textbox', {
        name: 'Repository',
        exact: true,
      });
      await repoName.fill(name);
      await repoName.press('Tab');
      await page.getByRole('button', { name: 'Review' }).click();
      await page.getByRole('button', { name: 'Create' }).click();

      const repository = page.getByRole('link', { name: 'Repository' });
      await expect(repository).toBeVisible({ timeout: 120_000 });
      const repositoryUrl = `http://${DEMO_HOST}/projects/${name}`;
      await expect(repository).toHaveAttribute('href', repositoryUrl);
      // The link opens the repository's page on the demo Git host.
      const repositoryPage = await request.get(repositoryUrl);
      expect(repositoryPage.status()).toBe(200);
      expect(await repositoryPage.text()).toContain(
        `/projects/${name}/-/blob/main/catalog-info.yaml`,
      );
    });

    await test.step('the new Component is in the catalog, its deploy repository on the demo Git host', async () => {
      // catalog:register adds the location; the catalog processes it a moment later.
      const token = await guestToken(request);
      const entityUrl = `${backendUrl}/api/catalog/entities/by-name/component/default/${name}`;
      await expect
        .poll(
          async () =>
            (
              await request.get(entityUrl, {
                headers: { Authorization: `Bearer ${token}` },
              })
            ).status(),
          { timeout: 90_000 },
        )
        .toBe(200);
      await page.getByRole('link', { name: 'Open in catalog' }).click();
      await expect(page).toHaveURL(
        new RegExp(`/catalog/default/component/${name}$`),
      );
      await expect(page.getByRole('heading', { name }).first()).toBeVisible();
      const entity = await (
        await request.get(entityUrl, {
          headers: { Authorization: `Bearer ${token}` },
        })
      ).json();
      expect(entity.metadata.annotations).toMatchObject({
        'kitstage.dev/deploy-repository': `http://${DEMO_HOST}/projects/${name}.git#main`,
        'backstage.io/managed-by-location': `url:http://${DEMO_HOST}/projects/${name}/-/blob/main/catalog-info.yaml`,
      });
      await openPage(
        page,
        `/?${new URLSearchParams({
          'filters[kind]': 'modelkit',
          'filters[user]': 'all',
        })}`,
      );
      await expect(page.getByRole('link', { name, exact: true })).toBeVisible({
        timeout: 60_000,
      });
    });

    let promoted = '';
    await test.step('promote a version of a demo service to staging', async () => {
      await runPromotion(page, 'v0.2.0', {
        component: SERVICE_REF,
        environment: 'staging',
      });
      await expect(page.getByText('What changed')).toBeVisible({
        timeout: 120_000,
      });
      const heads = (
        await exec(
          'git',
          [
            `--git-dir=${REPOSITORY}`,
            'for-each-ref',
            '--format=%(refname:short)',
            'refs/heads/kitstage/',
          ],
          { env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1' } },
        )
      ).stdout
        .split('\n')
        .filter(Boolean);
      expect(heads).toHaveLength(1);
      promoted = heads[0];
      expect(promoted).toMatch(
        new RegExp(`^kitstage/promote-${SERVICE}-staging-[0-9a-f]{12}$`),
      );
    });

    await test.step('the Promotions history shows the promotion', async () => {
      await expectNewestStagingEntry(page, promoted);
    });

    await test.step('roll staging back from the Deployments view', async () => {
      await openPage(page, `/catalog/default/component/${SERVICE}/deployments`);
      const rollback = page.getByRole('button', {
        name: /^Roll back staging to sha256:[0-9a-f]{64}$/,
      });
      await expect(rollback).toBeVisible({ timeout: 60_000 });
      const label = (await rollback.getAttribute('aria-label'))!;
      const digest = label.replace('Roll back staging to ', '');
      await rollback.click();
      await expect(page).toHaveURL(
        /\/create\/templates\/default\/promote-modelkit/,
      );
      await expect(
        page.getByRole('button', { name: /ModelKit version/ }).first(),
      ).toBeVisible({ timeout: 60_000 });
      await submitPromotion(page);
      await expect(page.getByText('What changed')).toBeVisible({
        timeout: 120_000,
      });
      // The roll back is delivered as a branch pushed to the demo Git host, named after the
      // digest it pins again, and shows on top of the history.
      await expectNewestStagingEntry(
        page,
        `kitstage/promote-${SERVICE}-staging-${digest.slice(7, 19)}`,
      );
    });
  });
});
