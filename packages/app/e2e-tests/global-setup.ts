import { backendUrl } from './helpers';

/**
 * The app's dev server answers before the backend has started; wait until the backend reports
 * ready so that every test starts against a running portal.
 */
export default async function globalSetup() {
  const deadline = Date.now() + 300_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${backendUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(
    `The backend at ${backendUrl} was not ready in 5 minutes: ${last}`,
  );
}
