/*
 * Takes docs/screenshot.png, the README's picture of the portal: the Versions view of the demo
 * ModelKit support-sentiment at 1440x900, in headless Chromium, against a running demo portal
 * (`./kitstage start`).
 *
 *   npx tsx scripts/screenshot.ts [--url http://localhost:3000] [--path /catalog/...] [--out docs/screenshot.png]
 */
import { chromium } from '@playwright/test';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    path: {
      type: 'string',
      default: '/catalog/default/modelkit/support-sentiment/versions',
    },
    out: {
      type: 'string',
      default: resolve(__dirname, '../docs/screenshot.png'),
    },
  },
});

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
    });
    const target = new URL(values.path!, values.url).href;
    const catalogLink = page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true });
    const enter = page.getByRole('button', { name: 'Enter' });
    // Sign in as the guest, retrying while the backend (re)starts.
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
    if (new URL(page.url()).pathname !== values.path) {
      await page.goto(target);
    }
    // The versions table with its policy badges.
    await page
      .getByRole('cell', { name: 'Policy passed' })
      .first()
      .waitFor({ timeout: 120_000 });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: values.out! });
    process.stdout.write(`Wrote ${values.out}\n`);
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
