import { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openPage, pollBackend } from './helpers';

// The ModelKit views of the demo portal, against the demo OCI image layout
// (examples/demo-modelkits/README.md): support-sentiment has versions 1.0.0, 1.1.0 and 2.0.0
// (latest), with a failing, a passing and a missing policy, and a tampered and an unsigned
// attestation on 2.0.0.

const PAGE = '/catalog/default/modelkit/support-sentiment';
const REPOSITORY = 'registry.example.com/kitstage-demo/support-sentiment';

test.beforeEach(async ({ request }) => {
  await pollBackend<Array<any>>(
    request,
    '/api/catalog/entities?filter=kind=modelkit,metadata.name=support-sentiment',
    body => body.length === 1,
  );
});

/** Chooses the option of a version picker whose label starts with the tag. */
async function pickVersion(page: Page, label: string, tag: string) {
  const picker = page.getByRole('combobox', { name: label, exact: true });
  const option = picker.locator('option', { hasText: tag }).first();
  await expect(option).toBeAttached();
  await picker.selectOption({ label: (await option.textContent())!.trim() });
}

test('the Versions view lists every version with its policy and copyable kit commands', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPage(page, `${PAGE}/versions`);
  await expect(page.getByRole('heading', { name: 'Versions' })).toBeVisible();

  const rows = page.getByRole('table').getByRole('row');
  // The header and one row per version, newest first.
  await expect(rows).toHaveCount(4);
  const latest = rows.nth(1);
  await expect(latest.getByRole('cell').nth(1)).toHaveText('2.0.0');
  await expect(latest.getByRole('list', { name: 'Tags of latest' })).toHaveText(
    /latest.*v2\.0\.0/,
  );
  await expect(rows.nth(2).getByRole('cell').nth(1)).toHaveText('1.1.0');
  await expect(rows.nth(3).getByRole('cell').nth(1)).toHaveText('1.0.0');

  // The policy badge of each version, from the demo policy for production.
  await expect(latest.getByText('Evidence missing')).toBeVisible();
  await expect(rows.nth(2).getByText('Policy passed')).toBeVisible();
  await expect(rows.nth(3).getByText('Policy failed')).toBeVisible();

  // The kit commands pin the version by digest, and the copy button copies exactly that.
  const pull = latest.locator('code', { hasText: 'kit pull' });
  await expect(pull).toHaveText(
    new RegExp(`^kit pull ${REPOSITORY}@sha256:[0-9a-f]{64}$`),
  );
  const digestPrefix = (await latest.locator('code').first().textContent())!;
  expect(await pull.textContent()).toContain(digestPrefix);
  await latest
    .getByRole('button', { name: 'Copy kit pull command for latest' })
    .click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toBe(await pull.textContent());
  await expect(latest.locator('code', { hasText: 'kit unpack' })).toHaveText(
    new RegExp(
      `^kit unpack ${REPOSITORY}@sha256:[0-9a-f]{64} -d support-sentiment$`,
    ),
  );
});

test('the Contents view shows the layers and their sizes of the version picked', async ({
  page,
}) => {
  await openPage(page, `${PAGE}/contents`);
  const picker = page.getByRole('combobox', { name: 'Version', exact: true });
  await expect(picker.locator('option')).toHaveCount(3);

  await expect(page.getByRole('heading', { name: 'Kitfile' })).toBeVisible();
  await expect(page.getByText(/^4 layers, .* in total$/)).toBeVisible();
  const adapter = page.getByRole('row', {
    name: /model\/adapter\.safetensors/,
  });
  await expect(adapter).toContainText('Model part');
  await expect(adapter).toContainText('lora-adapter');
  await expect(adapter.getByRole('cell').nth(5)).toHaveText('3 KiB');
  await expect(
    page.getByRole('row', { name: /code\/inference\.py/ }),
  ).toContainText('Code');

  // 1.1.0 has a smaller adapter (rank 2 instead of 4).
  await pickVersion(page, 'Version', 'v1.1.0');
  await expect(
    page
      .getByRole('article')
      .filter({ has: page.getByRole('heading', { name: 'Kitfile' }) }),
  ).toContainText('1.1.0');
  await expect(adapter.getByRole('cell').nth(5)).toHaveText('2.5 KiB');
});

test('the Diff view compares the two versions picked', async ({ page }) => {
  await openPage(page, `${PAGE}/diff`);
  const version = page.getByRole('row', { name: /^package\.version/ });
  // By default the newest version against the one before it.
  await expect(version).toHaveText(
    /package\.version\s*Changed\s*1\.1\.0\s*2\.0\.0/,
  );
  await expect(
    page.getByRole('row', { name: /^model\.parameters\.lora_rank/ }),
  ).toHaveText(/Changed\s*2\s*4/);
  await expect(
    page.getByRole('row', { name: /model\/adapter\.safetensors/ }),
  ).toContainText('+512 B');

  await pickVersion(page, 'From', 'v1.0.0');
  await expect(version).toHaveText(
    /package\.version\s*Changed\s*1\.0\.0\s*2\.0\.0/,
  );

  await page.getByRole('button', { name: 'Swap versions' }).click();
  await expect(version).toHaveText(
    /package\.version\s*Changed\s*2\.0\.0\s*1\.0\.0/,
  );
});

test('the Security view shows verified attestations as verified, and a tampered one as not', async ({
  page,
}) => {
  await openPage(page, `${PAGE}/security`);

  // 2.0.0 (latest): a scan edited after signing and an unsigned scan; nothing is verified.
  await expect(page.getByText('Policy for production')).toBeVisible();
  await expect(
    page.getByRole('article', { name: 'Scan evaluation: Invalid signature' }),
  ).toBeVisible();
  await expect(
    page.getByRole('article', { name: 'Scan evaluation: Unsigned' }),
  ).toBeVisible();
  await expect(page.getByRole('article', { name: /: Verified$/ })).toHaveCount(
    0,
  );
  const counts = page.getByRole('list', {
    name: 'Attestations by verification state',
  });
  await expect(counts).toContainText('Invalid signature: 1');
  await expect(counts).toContainText('Unsigned: 1');
  await expect(counts).not.toContainText('Verified');
  await expect(page.getByText('Evidence missing').first()).toBeVisible();
  await expect(
    page.getByRole('article', { name: 'Scan evaluation: Invalid signature' }),
  ).toContainText('Not confirmed');

  // 1.1.0: clean scan, provenance and SBOM, all signed with the trusted demo key.
  await pickVersion(page, 'Version', 'v1.1.0');
  const rules = page.getByRole('table', { name: 'Policy rules' });
  await expect(rules.getByRole('row', { name: /scan-clean/ })).toContainText(
    'Policy passed',
  );
  await expect(counts).toHaveText('Verified: 3');
  for (const title of ['SLSA provenance', 'Scan evaluation', 'SBOM']) {
    const card = page.getByRole('article', { name: `${title}: Verified` });
    await expect(card).toBeVisible();
    await expect(card).toContainText('Trusted key kitstage-demo');
  }

  // 1.0.0: verified, but the scan has a concern finding, so the policy fails on scan-clean.
  await pickVersion(page, 'Version', 'v1.0.0');
  await expect(rules.getByRole('row', { name: /scan-clean/ })).toContainText(
    'Policy failed',
  );
  await expect(page.getByText('Policy failed').first()).toBeVisible();
});
