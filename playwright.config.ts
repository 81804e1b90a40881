import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run the demo portal with `./kitstage start` and drive it with headless
 * Chromium (Debian's /usr/bin/chromium unless CHROMIUM_PATH says otherwise). The demo
 * configuration gets one addition, packages/app/e2e-tests/app-config.e2e.yaml: a fourth
 * simulated cluster that is not running, so the deployment views show a cluster that is down.
 * Config paths are relative to each started package (packages/app, packages/backend).
 */
const appUrl = process.env.KITSTAGE_E2E_APP_URL ?? 'http://localhost:3000';

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalSetup: './packages/app/e2e-tests/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  webServer: process.env.KITSTAGE_E2E_APP_URL
    ? undefined
    : {
        command:
          './kitstage start --config ../../app-config.yaml --config ../../packages/app/e2e-tests/app-config.e2e.yaml',
        url: appUrl,
        timeout: 600_000,
        reuseExistingServer: !process.env.CI,
        stdout: 'ignore',
        stderr: 'pipe',
      },
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
