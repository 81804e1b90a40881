import { APIRequestContext } from '@playwright/test';
import { test, expect } from './fixtures';
import { backendUrl, guestToken, openPage, pollBackend } from './helpers';

// Actions on delivery objects from the Deployments view, against the demo's simulated prod-eu
// cluster: the Kustomization that delivers support-sentiment-api there is reconciled, then
// suspended and resumed, and the Argo CD Application that delivers review-sentiment-service
// there is refreshed, each confirmed in a dialog. What reached the cluster is read back
// through the Kubernetes plugin's proxy, as the cluster serves it, and the card shows how the
// controller answered. The Kustomization is resumed at the end, as the demo had it; a refresh
// changes nothing but when Argo CD last compared the Application.

const SERVICE = 'support-sentiment-api';
const CLUSTER = 'prod-eu';
const OBJECT = `Kustomization flux-system/${SERVICE}`;
const OBJECT_PATH = `/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/${SERVICE}`;

interface CardView {
  clusters: Array<{
    cluster: { name: string };
    actions?: { permitted: boolean };
    deliveries: Array<{
      object: { kind: string; name: string };
      suspended: boolean;
      reconciledAt?: string;
    }>;
  }>;
}

const VIEW = `/api/modelkit/deployments/components/default/${SERVICE}`;

/** The prod-eu card of a Deployments view. */
const prodEu = (view: CardView) =>
  view.clusters?.find(c => c.cluster.name === CLUSTER);

interface Kustomization {
  metadata: { annotations?: Record<string, string> };
  spec: { suspend?: boolean };
  status?: { lastHandledReconcileAt?: string };
}

/** The Kustomization (or another object) as the simulated cluster serves it now. */
async function clusterObject(
  request: APIRequestContext,
  path = OBJECT_PATH,
): Promise<Kustomization> {
  const token = await guestToken(request);
  const res = await request.get(`${backendUrl}/api/kubernetes/proxy${path}`, {
    headers: {
      Authorization: `Bearer ${token}`,
      'Backstage-Kubernetes-Cluster': CLUSTER,
    },
  });
  expect(res.ok(), `the proxy answered ${res.status()}`).toBeTruthy();
  return res.json();
}

test('an owner reconciles, suspends and resumes a Flux Kustomization from its cluster card', async ({
  page,
  request,
}) => {
  // The backend has read the cluster and offers the actions on its card.
  await pollBackend<{
    clusters: Array<{
      cluster: { name: string };
      actions?: { permitted: boolean };
    }>;
  }>(
    request,
    `/api/modelkit/deployments/components/default/${SERVICE}`,
    body =>
      body.clusters?.find(c => c.cluster.name === CLUSTER)?.actions
        ?.permitted === true,
  );
  const before = await clusterObject(request);
  expect(before.spec.suspend ?? false).toBe(false);

  await openPage(page, `/catalog/default/component/${SERVICE}/deployments`);
  const card = page.getByRole('region', { name: CLUSTER, exact: true });
  const menu = card.getByRole('button', { name: `Actions on ${OBJECT}` });
  // The Kustomization's own entry in the card's delivery list: the one with its menu.
  const delivery = card.getByRole('listitem').filter({
    has: page.getByRole('button', { name: `Actions on ${OBJECT}` }),
  });
  const dialog = page.getByRole('dialog');

  // Reconcile now: the dialog names the object, the cluster and the effect.
  const started = Date.now();
  await menu.click();
  await page.getByRole('menuitem', { name: 'Reconcile now' }).click();
  await expect(dialog).toContainText(`Reconcile now: ${OBJECT}`);
  await expect(dialog).toContainText(CLUSTER);
  await expect(dialog).toContainText(
    `Flux reconciles ${OBJECT} now instead of at its next interval.`,
  );
  await dialog.getByRole('button', { name: 'Reconcile now' }).click();
  await expect(dialog).toBeHidden();
  const reconciled = await clusterObject(request);
  const requestedAt =
    reconciled.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
  expect(requestedAt, 'the reconcile annotation on the cluster').toBeTruthy();
  expect(Date.parse(requestedAt!)).toBeGreaterThanOrEqual(started - 1000);
  // The simulated controller handles the request, as Flux records it.
  expect(reconciled.status?.lastHandledReconcileAt).toBe(requestedAt);
  // The card shows Flux's answer: the reconcile it handled, requested at that time.
  await expect(
    delivery.locator(
      `time[datetime="${new Date(requestedAt!).toISOString()}"]`,
    ),
  ).toBeVisible();

  // Suspend: the cluster object is suspended and the card says so.
  await menu.click();
  await page.getByRole('menuitem', { name: 'Suspend' }).click();
  await expect(dialog).toContainText(
    `Flux stops reconciling ${OBJECT} until it is resumed`,
  );
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await expect(dialog).toBeHidden();
  expect((await clusterObject(request)).spec.suspend).toBe(true);
  // The backend's view shows it as soon as the action answered; the page polls it.
  await pollBackend<CardView>(
    request,
    VIEW,
    view => prodEu(view)?.deliveries[0]?.suspended === true,
    10_000,
  );
  await expect(
    delivery.getByText('Suspended', { exact: true }).first(),
  ).toBeVisible();

  // Resume: offered instead of suspend now; the card no longer says suspended.
  await menu.click();
  await expect(page.getByRole('menuitem', { name: 'Suspend' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Resume' }).click();
  await dialog.getByRole('button', { name: 'Resume' }).click();
  await expect(dialog).toBeHidden();
  expect((await clusterObject(request)).spec.suspend).toBe(false);
  await pollBackend<CardView>(
    request,
    VIEW,
    view => prodEu(view)?.deliveries[0]?.suspended === false,
    10_000,
  );
  await expect(delivery.getByText('Suspended', { exact: true })).toHaveCount(0);
});

const ARGO_SERVICE = 'review-sentiment-service';
const APPLICATION = `Application argocd/${ARGO_SERVICE}`;
const ARGO_VIEW = `/api/modelkit/deployments/components/default/${ARGO_SERVICE}`;

test('an owner refreshes an Argo CD Application from its cluster card, and sees when Argo CD compared it again', async ({
  page,
  request,
}) => {
  await pollBackend<CardView>(
    request,
    ARGO_VIEW,
    view => prodEu(view)?.actions?.permitted === true,
  );
  await openPage(
    page,
    `/catalog/default/component/${ARGO_SERVICE}/deployments`,
  );
  const card = page.getByRole('region', { name: CLUSTER, exact: true });
  const dialog = page.getByRole('dialog');

  // Argo CD writes whole seconds.
  const started = Math.floor(Date.now() / 1000) * 1000;
  await card.getByRole('button', { name: `Actions on ${APPLICATION}` }).click();
  await page.getByRole('menuitem', { name: 'Refresh' }).click();
  await expect(dialog).toContainText(`Refresh: ${APPLICATION}`);
  await expect(dialog).toContainText(
    `Argo CD compares ${APPLICATION} with its Git source again, without changing the cluster.`,
  );
  await dialog.getByRole('button', { name: 'Refresh' }).click();
  await expect(dialog).toBeHidden();

  // The application controller compares the Application and removes the annotation.
  const reconciledAt = (view: CardView) =>
    prodEu(view)?.deliveries.find(d => d.object.kind === 'Application')
      ?.reconciledAt;
  const view = await pollBackend<CardView>(
    request,
    ARGO_VIEW,
    v => Date.parse(reconciledAt(v) ?? '') >= started,
    10_000,
  );
  const application = await clusterObject(
    request,
    `/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${ARGO_SERVICE}`,
  );
  expect(
    application.metadata.annotations?.['argocd.argoproj.io/refresh'],
  ).toBeUndefined();
  // The card loads the view again as the controller answers: no reload needed.
  await expect(
    card.locator(
      `time[datetime="${new Date(reconciledAt(view)!).toISOString()}"]`,
    ),
  ).toBeVisible();
});

test('an owner reconciles a Kustomization from the Model fleet page, in the service and cluster it opens', async ({
  page,
  request,
}) => {
  await pollBackend<{ actions?: { offered: boolean } }>(
    request,
    '/api/modelkit/deployments/fleet',
    body => body.actions?.offered === true,
  );
  await openPage(page, '/modelkit-fleet');
  const matrix = page.getByRole('table', { name: 'Services by cluster' });
  await matrix
    .getByRole('button', {
      name: `Delivery actions: ${SERVICE} on ${CLUSTER}`,
    })
    .click();
  const objects = page.getByRole('dialog', {
    name: `Delivery of ${SERVICE} on ${CLUSTER}`,
  });
  await expect(objects).toBeVisible();

  const started = Date.now();
  await objects.getByRole('button', { name: `Actions on ${OBJECT}` }).click();
  await page.getByRole('menuitem', { name: 'Reconcile now' }).click();
  const confirm = page.getByRole('dialog', {
    name: `Reconcile now: ${OBJECT}`,
  });
  await expect(confirm).toContainText(CLUSTER);
  await confirm.getByRole('button', { name: 'Reconcile now' }).click();
  await expect(confirm).toBeHidden();

  const reconciled = await clusterObject(request);
  const requestedAt =
    reconciled.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
  expect(requestedAt, 'the reconcile annotation on the cluster').toBeTruthy();
  expect(Date.parse(requestedAt!)).toBeGreaterThanOrEqual(started - 1000);
  expect(reconciled.status?.lastHandledReconcileAt).toBe(requestedAt);
  // The open dialog is kept current: it shows the reconcile Flux handled.
  await expect(
    objects.locator(`time[datetime="${new Date(requestedAt!).toISOString()}"]`),
  ).toBeVisible({ timeout: 10_000 });
});
