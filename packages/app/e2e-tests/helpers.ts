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

/** Opens the portal and signs in as the guest user. */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible({ timeout: 120_000 });
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}
