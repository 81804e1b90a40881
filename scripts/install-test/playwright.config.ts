import { defineConfig } from '@playwright/test';

/**
 * The browser check of the install test (scripts/install-test/install-test.sh), which starts
 * the app it created on ports 3300 (app) and 7300 (backend) before running this; the demo
 * portal's own end-to-end suite is configured in the repository's playwright.config.ts.
 */
const appUrl = process.env.KITSTAGE_E2E_APP_URL ?? 'http://localhost:3300';

export default defineConfig({
  testDir: '.',
  testMatch: 'modelkitPage.test.ts',
  timeout: 300_000,
  expect: { timeout: 60_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: '../../test-results/install-test-artifacts',
  use: {
    baseURL: appUrl,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
