import { expect, test as base } from '@playwright/test';

/** How much of a failed page's visible text the report prints. */
const MAX_TEXT = 4000;

/**
 * Playwright's `test`, with one automatic fixture: when a test fails, the report prints the
 * page's URL and visible text (and the screenshot and trace paths Playwright records), so a
 * failure in CI can be diagnosed from its output alone.
 */
export const test = base.extend<{ reportPageOnFailure: void }>({
  reportPageOnFailure: [
    async ({ page }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) {
        return;
      }
      let text: string;
      try {
        text = await page.locator('body').innerText({ timeout: 5_000 });
      } catch (error) {
        text = `(the page's text could not be read: ${String(error)})`;
      }
      const shown =
        text.length > MAX_TEXT
          ? `${text.slice(0, MAX_TEXT)}\n… (${
              text.length - MAX_TEXT
            } more characters)`
          : text;
      // eslint-disable-next-line no-console
      console.log(
        [
          `--- page at failure of "${testInfo.title}" ---`,
          `url: ${page.url()}`,
          `artifacts: ${testInfo.outputDir}`,
          shown,
          '--- end of page ---',
        ].join('\n'),
      );
    },
    { auto: true },
  ],
});

export { expect };
