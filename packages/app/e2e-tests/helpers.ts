import { APIRequestContext, Page, expect } from '@playwright/test';

/** The backend that the demo portal's app talks to. */
export const backendUrl =
  process.env.KITSTAGE_E2E_BACKEND_URL ?? 'http://localhost:7007';

/** Signs in through the guest provider and returns a Backstage token for API calls. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(`${backendUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok(), `guest sign-in answered ${res.status()}`).toBeTruthy();
  const body = await res.json();
  return body.backstageIdentity.token;
}

/**
 * Calls the backend with a guest token, retrying until `accept` is satisfied or time runs out.
 * Connection errors are retried too: the development backend restarts when sources change.
 */
export async function pollBackend<T>(
  request: APIRequestContext,
  path: string,
  accept: (body: T) => boolean,
  timeoutMs = 300_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const token = await guestToken(request);
      const res = await request.get(`${backendUrl}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (res.ok()) {
        last = await res.json();
        if (accept(last as T)) return last as T;
      } else {
        last = `${res.status()} ${await res.text()}`;
      }
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(
        `GET ${path} did not return the expected data within ${timeoutMs} ms; last answer: ${JSON.stringify(
          last,
        ).slice(0, 500)}`,
      );
    }
    await new Promise(r => setTimeout(r, 2000));
  }
}

/**
 * Opens a portal page, signing in as the guest user when the sign-in page shows instead (at
 * the first visit, and again when the development backend restarted and the session could not
 * be refreshed). Sign-in is retried while the backend is restarting, for up to `timeoutMs`.
 */
export async function openPage(page: Page, path: string, timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  const enter = page.getByRole('button', { name: 'Enter' });
  const nav = page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true });
  for (;;) {
    await page.goto(path);
    await expect(enter.or(nav).first()).toBeVisible({ timeout: 120_000 });
    if (await nav.isVisible()) {
      return;
    }
    await enter.click();
    try {
      await expect(nav).toBeVisible({ timeout: 15_000 });
      if (new URL(page.url()).pathname !== path.split('?')[0]) {
        await page.goto(path);
        await expect(nav).toBeVisible({ timeout: 60_000 });
      }
      return;
    } catch (error) {
      // The auth backend did not answer (restarting): try again shortly.
      if (Date.now() > deadline) {
        throw error;
      }
      await page.waitForTimeout(3000);
    }
  }
}

/**
 * Opens the promote-modelkit template with the Component and environment filled in (delivered
 * as a branch pushed to the deploy repository), as a roll back link does, picks the version in
 * the ModelKit version field (which lists the versions of the Component's ModelKit with their
 * policy badges and stores the digest of the one picked), and starts the task.
 */
export async function runPromotion(
  page: Page,
  version: string,
  target: { component: string; environment: string },
) {
  const formData = { ...target, delivery: 'git' };
  await openPage(
    page,
    `/create/templates/default/promote-modelkit?${new URLSearchParams({
      formData: JSON.stringify(formData),
    })}`,
  );
  await page
    .getByRole('button', { name: /ModelKit version/ })
    .first()
    .click({ timeout: 60_000 });
  const option = page.getByRole('option', {
    name: new RegExp(version.replace(/\./g, '\\.')),
  });
  // The policy badge has loaded (passed, failed, missing evidence, or no policy).
  await expect(option).toContainText(
    /Policy passed|Policy failed|Evidence missing|No policy/,
    {
      timeout: 60_000,
    },
  );
  await option.click();
  await expect(
    page.getByRole('button', { name: /ModelKit version/ }).first(),
  ).toContainText(version);
  await submitPromotion(page);
}

/** Goes through the rest of an open, filled-in promote-modelkit form and starts the task. */
export async function submitPromotion(page: Page) {
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//, { timeout: 60_000 });
}
