import { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { openPage, runPromotion as runPromotionOf } from './helpers';

/**
 * Promotion end to end, in the demo portal: the promote-modelkit template pins a verified
 * version of support-sentiment into the production overlay of a Component's deploy repository
 * (a local bare repository) and pushes a branch there; an unverified version is refused by the
 * production gate, with the reason in the task log, and nothing is pushed.
 *
 * Promotions write only to the Component's own deploy repository: the end-to-end configuration
 * (packages/app/e2e-tests/app-config.e2e.yaml) registers the Component of entities.e2e.yaml,
 * whose `kitstage.dev/deploy-repository` is the bare repository below, and allows it with
 * `kitstage.promotion.allowedRemotes: ['file:///tmp/kitstage-e2e-promotion/']`.
 */

const exec = promisify(execFile);

/** Under `kitstage.promotion.allowedRemotes` in the end-to-end configuration. */
const ROOT = '/tmp/kitstage-e2e-promotion';
const COMPONENT = 'component:default/support-sentiment-promotion-e2e';
const REPOSITORY = 'registry.example.com/kitstage-demo/support-sentiment';

const GIT_ENV = {
  PATH: process.env.PATH,
  HOME: ROOT,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'E2E Seed',
  GIT_AUTHOR_EMAIL: 'seed@example.com',
  GIT_COMMITTER_NAME: 'E2E Seed',
  GIT_COMMITTER_EMAIL: 'seed@example.com',
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await exec('git', args, { cwd, env: GIT_ENV });
  return stdout;
}

function overlay(reference: string): string {
  return [
    '# The ModelKit the service serves in this environment.',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: support-sentiment-api',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: server',
    '          env:',
    '            - name: MODELKIT_REF',
    `              value: ${reference}`,
    '',
  ].join('\n');
}

/** A bare repository whose staging and production overlays run v1.0.0. */
async function createBareRepository(): Promise<string> {
  await fs.rm(ROOT, { recursive: true, force: true });
  await fs.mkdir(ROOT, { recursive: true });
  const bare = path.join(ROOT, 'support-sentiment-api.git');
  await fs.mkdir(bare);
  await git(bare, 'init', '-q', '--bare', '-b', 'main');
  const work = path.join(ROOT, 'seed');
  await fs.mkdir(work);
  await git(work, 'init', '-q', '-b', 'main');
  for (const environment of ['staging', 'production']) {
    const dir = path.join(work, 'deploy/overlays', environment);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path.join(dir, 'modelkit.yaml'),
      overlay(`${REPOSITORY}:v1.0.0`),
    );
    await fs.writeFile(
      path.join(dir, 'kustomization.yaml'),
      'resources:\n  - ../../base\npatches:\n  - path: modelkit.yaml\n',
    );
  }
  await git(work, 'add', '.');
  await git(work, 'commit', '-q', '-m', 'Initial project');
  await git(work, 'push', '-q', bare, 'main');
  return bare;
}

async function branches(bare: string): Promise<string[]> {
  const out = await git(
    bare,
    'for-each-ref',
    '--format=%(refname)',
    'refs/heads',
  );
  return out.split('\n').filter(Boolean);
}

/** Promotes a version into production of the Component above, or into `target`. */
function runPromotion(
  page: Page,
  version: string,
  target: { component: string; environment: string } = {
    component: COMPONENT,
    environment: 'production',
  },
) {
  return runPromotionOf(page, version, target);
}

/**
 * Waits for the production gate's refusal of a Component's promotion in the task log, with the
 * policy rule that failed (scan-clean). The scaffolder opens the log by itself when a task
 * fails, so the log may be open or not: open it only while it is closed, and wait for what the
 * user reads there, whatever the toggle did in between.
 */
async function expectProductionRefusal(page: Page, component: string) {
  const refusal = page
    .getByText(
      new RegExp(
        `Promotion of ${component.replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )} to production refused`,
      ),
    )
    .first();
  const rule = page.getByText(/scan-clean/).first();
  const showLogs = page.getByRole('button', { name: /Show Logs/i });
  await expect(async () => {
    if (!(await refusal.isVisible()) && (await showLogs.isVisible())) {
      await showLogs.click({ timeout: 2_000 }).catch(() => undefined);
    }
    await expect(refusal).toBeVisible({ timeout: 2_000 });
    await expect(rule).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000 });
}

test.describe('promotion', () => {
  let bare: string;

  test.beforeAll(async () => {
    bare = await createBareRepository();
  });

  test('promotes a verified version: the pushed branch pins production by digest', async ({
    page,
  }) => {
    await runPromotion(page, 'v1.1.0');
    // The run succeeds: its output names the Component, and a branch arrives in the bare
    // repository.
    await expect(page.getByText('What changed')).toBeVisible({
      timeout: 120_000,
    });
    const heads = await branches(bare);
    const pushed = heads.filter(h => h !== 'refs/heads/main');
    expect(pushed).toHaveLength(1);
    const production = await git(
      bare,
      'show',
      `${pushed[0]}:deploy/overlays/production/modelkit.yaml`,
    );
    expect(production).toMatch(
      new RegExp(
        `value: ${REPOSITORY.replace(/\./g, '\\.')}@sha256:[a-f0-9]{64}\\n`,
      ),
    );
    // Only the reference changed: the comment and the rest of the file are kept.
    const before = overlay(`${REPOSITORY}:v1.0.0`).split('\n');
    const after = production.split('\n');
    expect(after).toHaveLength(before.length);
    expect(after.filter((line, i) => line !== before[i])).toHaveLength(1);
    // Staging is untouched.
    expect(
      await git(
        bare,
        'show',
        `${pushed[0]}:deploy/overlays/staging/modelkit.yaml`,
      ),
    ).toBe(overlay(`${REPOSITORY}:v1.0.0`));
  });

  test('the production gate refuses an unverified version with its reasons, before any push', async ({
    page,
  }) => {
    const headsBefore = await branches(bare);
    await runPromotion(page, 'v2.0.0');
    // The task fails with the gate's refusal in its log. v2.0.0's scan evaluations are
    // unsigned or tampered, so the production policy's scan-clean rule has no evidence, and the
    // log names it.
    await expectProductionRefusal(page, COMPONENT);
    expect(await branches(bare)).toEqual(headsBefore);
  });
});

/**
 * Promotion in the demo portal as a user sees it: a demo Component's deploy repository is on the
 * demo Git host (packages/backend/src/demo/demoGitHost.ts), a `git http-backend` on
 * 127.0.0.1:7110 that Kitstage reaches through `kitstage.promotion.allowedRemotes` and the SCM
 * integration's token. The end-to-end configuration seeds a copy of the demo history under a
 * temporary folder at every start, so these tests start from the seeded history and leave the
 * user's demo data alone.
 */
test.describe('promotion on the demo Git host', () => {
  const DEMO_HOST = 'http://127.0.0.1:7110';
  const DEMO_COMPONENT = 'component:default/support-sentiment-api';
  const DEMO_PROMOTIONS =
    '/catalog/default/component/support-sentiment-api/promotions';
  /** The token of the demo Git host (`kitstage.demo.gitHost.token`, its default). */
  const DEMO_TOKEN = process.env.KITSTAGE_DEMO_GIT_TOKEN ?? 'kitstage-demo-git';

  /** The branches of the demo deploy repository, read as any Git client reads them. */
  async function demoBranches(): Promise<string[]> {
    const auth = Buffer.from(`oauth2:${DEMO_TOKEN}`).toString('base64');
    const { stdout } = await exec(
      'git',
      [
        '-c',
        `http.extraHeader=Authorization: Basic ${auth}`,
        'ls-remote',
        '--heads',
        `${DEMO_HOST}/support-sentiment-api.git`,
      ],
      { env: { ...GIT_ENV, HOME: '/tmp' } },
    );
    return stdout
      .split('\n')
      .filter(Boolean)
      .map(line => line.split('\t')[1]);
  }

  function timeline(page: Page, environment: string) {
    return page.getByRole('list', { name: `Promotions into ${environment}` });
  }

  test('the Promotions tab shows the seeded history: promotions, an override and a roll back', async ({
    page,
  }) => {
    await openPage(page, DEMO_PROMOTIONS);
    const production = timeline(page, 'Production');
    await expect(production).toContainText(
      'Roll back support-sentiment in production to v1.1.0 (#5)',
      { timeout: 60_000 },
    );
    await expect(production).toContainText('by Grace Hopper');
    // The promotion that overrode the refused policy gate, and the roll back after it.
    await expect(production).toContainText(
      'Promote support-sentiment v2.0.0 to production (#4)',
    );
    await expect(production).toContainText('by Linus Pauling');
    await expect(production).toContainText('through pull request #4');
    await expect(production.getByRole('listitem')).toHaveCount(4);
    const staging = timeline(page, 'Staging');
    await expect(staging).toContainText(
      'Promote support-sentiment v2.0.0 to staging (#6)',
    );
    await expect(staging).toContainText('by Margaret Hamilton');
    await expect(staging.getByRole('listitem')).toHaveCount(3);
    await expect(page.getByText(/Promotion history unavailable/)).toHaveCount(
      0,
    );
  });

  test('promotes a version to staging: the branch is pushed to the demo Git host and merged into the history', async ({
    page,
  }) => {
    expect(await demoBranches()).toEqual(['refs/heads/main']);
    await runPromotion(page, 'v1.1.0', {
      component: DEMO_COMPONENT,
      environment: 'staging',
    });
    await expect(page.getByText('What changed')).toBeVisible({
      timeout: 120_000,
    });
    const pushed = (await demoBranches()).filter(h => h !== 'refs/heads/main');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatch(
      /^refs\/heads\/kitstage\/promote-support-sentiment-api-staging-[0-9a-f]{12}$/,
    );
    // The demo host merges the branch as a reviewer would: the Promotions tab shows it on top
    // of the staging history (the history is cached for a few seconds).
    const branch = pushed[0].replace('refs/heads/', '');
    await expect(async () => {
      await openPage(page, DEMO_PROMOTIONS);
      await expect(
        timeline(page, 'Staging').getByRole('listitem').first(),
      ).toContainText(`Merge pull request #7 from ${branch}`, {
        timeout: 10_000,
      });
    }).toPass({ timeout: 120_000 });
  });

  test('the production gate refuses the unverified version with its reasons, before any push', async ({
    page,
  }) => {
    // v2.0.0 has no verified scan evaluation (its scans are unsigned or edited after
    // signing): the production policy's scan-clean rule has no evidence.
    const headsBefore = await demoBranches();
    await runPromotion(page, 'v2.0.0', {
      component: DEMO_COMPONENT,
      environment: 'production',
    });
    await expectProductionRefusal(page, DEMO_COMPONENT);
    expect(await demoBranches()).toEqual(headsBefore);
  });
});
