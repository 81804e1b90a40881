import { test, expect } from './fixtures';
import { openPage, pollBackend } from './helpers';

test('the backend serves the demo ModelKits from the catalog', async ({
  request,
}) => {
  const started = Date.now();
  const entities = await pollBackend<Array<any>>(
    request,
    '/api/catalog/entities?filter=kind=modelkit',
    body => body.length >= 6,
  );
  expect(Date.now() - started).toBeLessThan(300_000);
  const names = entities.map(e => e.metadata.name).sort();
  expect(names).toEqual(
    expect.arrayContaining([
      'fraud-detector',
      'product-reviews',
      'review-sentiment',
      'sentiment-base',
      'support-sentiment',
      'support-tickets',
    ]),
  );
  const fineTune = entities.find(e => e.metadata.name === 'support-sentiment');
  expect(fineTune.relations).toEqual(
    expect.arrayContaining([
      { type: 'ownedBy', targetRef: 'group:default/nlp-team' },
      { type: 'dependsOn', targetRef: 'modelkit:default/sentiment-base' },
      { type: 'dependsOn', targetRef: 'modelkit:default/support-tickets' },
      { type: 'partOf', targetRef: 'system:default/customer-insights' },
    ]),
  );
});

test('the ModelKit page renders its About card', async ({ page, request }) => {
  await pollBackend<Array<any>>(
    request,
    '/api/catalog/entities?filter=kind=modelkit',
    body => body.length >= 6,
  );
  await openPage(page, '/catalog/default/modelkit/support-sentiment');
  await expect(
    page.getByRole('heading', { name: /Support sentiment/ }).first(),
  ).toBeVisible();
  const about = page.getByText('Base model').first();
  await expect(about).toBeVisible();
  await expect(
    page
      .getByRole('link', { name: /Sentiment base model|sentiment-base/ })
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByText('registry.example.com/kitstage-demo/support-sentiment')
      .first(),
  ).toBeVisible();
});
