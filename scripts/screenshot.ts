/*
 * Takes the README's pictures of the portal: one screenshot of each Kitstage view of the demo
 * (catalog, Versions, Contents, Diff, Security, Lineage, Model card, Where it runs, Deployments,
 * Promotions, Model fleet, Create) at 1440x900, in headless Chromium, against a running demo
 * portal (`./kitstage start`), into docs/screenshots/<view>.png. docs/screenshot.png, the
 * picture at the top of the README, is the Versions view.
 *
 *   npx tsx scripts/screenshot.ts [--url http://localhost:3000] [--out docs/screenshots] [--only versions,model-card]
 */
import { chromium, Locator, Page } from '@playwright/test';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    out: {
      type: 'string',
      default: resolve(__dirname, '../docs/screenshots'),
    },
    only: { type: 'string' },
  },
});

const MODELKIT = '/catalog/default/modelkit/support-sentiment';
const COMPONENT = '/catalog/default/component/support-sentiment-api';

/** Each view: its file name, its path, and what it shows once it has loaded. */
const VIEWS: Array<{
  name: string;
  path: string;
  shows: (page: Page) => Locator;
}> = [
  {
    name: 'catalog',
    path: `/?${new URLSearchParams({
      'filters[kind]': 'modelkit',
      'filters[user]': 'all',
    })}`,
    shows: page => page.getByText(/All ModelKits \(\d+\)/).first(),
  },
  {
    name: 'versions',
    path: `${MODELKIT}/versions`,
    shows: page => page.getByRole('cell', { name: 'Policy passed' }).first(),
  },
  {
    name: 'contents',
    path: `${MODELKIT}/contents`,
    shows: page => page.getByText(/layers, .* in total/).first(),
  },
  {
    name: 'diff',
    path: `${MODELKIT}/diff`,
    shows: page => page.getByText('Kitfile changes').first(),
  },
  {
    name: 'security',
    path: `${MODELKIT}/security`,
    shows: page => page.getByText('Policy for production').first(),
  },
  {
    name: 'lineage',
    path: `${MODELKIT}/lineage`,
    shows: page =>
      page
        .getByTestId('lineage-graph')
        .locator('[data-lineage-node="modelkit:default/sentiment-base"]'),
  },
  {
    name: 'model-card',
    path: `${MODELKIT}/model-card?version=v2.0.0`,
    shows: page =>
      page.getByRole('table', { name: 'Results reported by the model card' }),
  },
  {
    name: 'where-it-runs',
    path: `${MODELKIT}/deployments`,
    shows: page => page.getByText('prod-eu').first(),
  },
  {
    name: 'deployments',
    path: '/catalog/default/component/review-sentiment-service/deployments',
    shows: page =>
      page
        .getByRole('table', { name: /live metrics per ModelKit version/i })
        .first(),
  },
  {
    name: 'promotions',
    path: `${COMPONENT}/promotions`,
    shows: page =>
      page.getByRole('list', { name: 'Promotions into Production' }),
  },
  {
    name: 'fleet',
    path: '/modelkit-fleet',
    shows: page => page.getByRole('table', { name: 'Services by cluster' }),
  },
  {
    name: 'create',
    path: '/create',
    shows: page => page.getByText('Promote a ModelKit version').first(),
  },
];

/** Opens a page, signing in as the guest (retrying while the backend (re)starts). */
async function open(page: Page, target: string) {
  const catalogLink = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true });
  const enter = page.getByRole('button', { name: 'Enter' });
  for (let attempt = 1; ; attempt++) {
    await page.goto(target);
    await enter.or(catalogLink).first().waitFor({ timeout: 120_000 });
    if (await catalogLink.isVisible()) break;
    await enter.click();
    try {
      await catalogLink.waitFor({ timeout: 15_000 });
      break;
    } catch (error) {
      if (attempt >= 10) throw error;
      await page.waitForTimeout(5000);
    }
  }
  if (page.url() !== target) {
    await page.goto(target);
  }
}

async function main() {
  const only = values.only?.split(',').map(s => s.trim());
  const views = only ? VIEWS.filter(v => only.includes(v.name)) : VIEWS;
  if (only && views.length !== only.length) {
    throw new Error(
      `--only names views that do not exist; the views are ${VIEWS.map(
        v => v.name,
      ).join(', ')}`,
    );
  }
  const out = resolve(values.out!);
  await mkdir(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    const failed: string[] = [];
    for (const view of views) {
      try {
        await open(page, new URL(view.path, values.url).href);
        await view.shows(page).waitFor({ timeout: 120_000 });
      } catch (error) {
        // One view that does not load does not keep the others from being taken.
        failed.push(`${view.name}: ${String(error).split('\n')[0]}`);
        continue;
      }
      // Whatever the view loads after its first text, too.
      await page
        .getByRole('progressbar')
        .first()
        .waitFor({ state: 'detached', timeout: 60_000 });
      await page.mouse.move(0, 0);
      const file = join(out, `${view.name}.png`);
      await page.screenshot({ path: file });
      process.stdout.write(`Wrote ${file}\n`);
      if (view.name === 'versions' && !values.only) {
        const top = resolve(__dirname, '../docs/screenshot.png');
        await copyFile(file, top);
        process.stdout.write(`Wrote ${top}\n`);
      }
    }
    if (failed.length > 0) {
      throw new Error(`Views that did not load:\n${failed.join('\n')}`);
    }
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
