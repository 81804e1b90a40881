import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import {
  commitApplied,
  degradedCard,
  digests,
  FixtureModelKitDeploymentsApi,
  fluxFailureMessage,
  forbiddenCard,
  healthyCard,
  progressingCard,
  servingComponent,
  timeoutCard,
  unannotatedServingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { backendError } from '../../__fixtures__/errors';
import { captureClipboard } from '../../testUtils/captureClipboard';
import { ComponentDeploymentsContent } from './ComponentDeploymentsContent';

function renderContent(
  api = new FixtureModelKitDeploymentsApi(),
  entity: Entity = servingComponent,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ComponentDeploymentsContent />
    </EntityProvider>,
    {
      apis: [[modelkitDeploymentsApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The text of a status chip. */
const CHIP = '[data-status] > .MuiChip-label';

/** The card of the cluster with the given title. */
function card(title: string): HTMLElement {
  return screen.getByRole('region', { name: title });
}

/** The value (`dd`) of a labelled field inside an element. */
function field(container: HTMLElement, label: string): HTMLElement {
  const term = within(container).getByText(label, { selector: 'dt' });
  return term.nextElementSibling as HTMLElement;
}

// The first render of each file compiles the card modules, which takes
// longer than the default wait of one second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

/** Whether the page shows: the views ask the backend again every 2 s only while it does. */
function setPageVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
}

describe('ComponentDeploymentsContent', () => {
  // Only the tests of live refresh let the page show; the others count requests.
  beforeEach(() => setPageVisibility('hidden'));
  afterAll(() => setPageVisibility('visible'));

  it('renders one card per cluster, each with its status', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getComponentDeployments = jest.spyOn(api, 'getComponentDeployments');
    await renderContent(api);

    expect(
      await screen.findByRole('region', { name: 'Production EU' }),
    ).toBeInTheDocument();
    const statuses = Object.fromEntries(
      [
        'Production EU',
        'Production US',
        'Staging',
        'Edge',
        'Development',
        'Production AP',
        'Production SA',
      ].map(title => [
        title,
        card(title).querySelector('[data-status]')?.getAttribute('data-status'),
      ]),
    );
    expect(statuses).toEqual({
      'Production EU': 'healthy',
      'Production US': 'degraded',
      Staging: 'progressing',
      Edge: 'suspended',
      Development: 'not-deployed',
      'Production AP': 'unknown',
      'Production SA': 'unknown',
    });
    expect(
      within(card('Production EU')).getByText('Healthy', { selector: CHIP }),
    ).toBeVisible();
    expect(
      within(card('Production US')).getByText('Degraded', { selector: CHIP }),
    ).toBeVisible();
    expect(
      within(card('Staging')).getByText('Progressing', { selector: CHIP }),
    ).toBeVisible();
    expect(
      within(card('Edge')).getByText('Suspended', { selector: CHIP }),
    ).toBeVisible();
    expect(
      within(card('Development')).getByText(
        'Nothing of this service was found on this cluster.',
      ),
    ).toBeVisible();
    expect(
      within(card('Production AP')).getByText('Unknown', { selector: CHIP }),
    ).toBeVisible();
    expect(getComponentDeployments).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'support-sentiment-api',
    });
  });

  it('sums the clusters up: worst status, counts and the selector', async () => {
    await renderContent();

    const counts = await screen.findByRole('list', {
      name: 'Clusters by status',
    });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '1 Degraded',
      '1 Suspended',
      '1 Progressing',
      '2 Unknown',
      '1 Healthy',
      '1 Not deployed',
    ]);
    expect(screen.getByText('Deployed on 4 of 7 clusters')).toBeInTheDocument();
    expect(
      screen.getByText('backstage.io/kubernetes-id=support-sentiment-api'),
    ).toBeInTheDocument();
  });

  it('lists the reasons with their message, object and severity', async () => {
    await renderContent();

    const prodUs = await screen.findByRole('region', { name: 'Production US' });
    const reasons = within(prodUs).getByRole('region', { name: 'Reasons' });
    const items = within(reasons).getAllByRole('listitem');
    expect(items.map(item => item.getAttribute('data-code'))).toEqual([
      'flux-not-ready',
      'pod-crash-looping',
      'modelkit-mutable-tag',
    ]);
    expect(within(items[0]).getByText(fluxFailureMessage)).toBeInTheDocument();
    expect(
      within(items[0]).getByText(
        'Kustomization flux-system/support-sentiment-api · ReconciliationFailed',
      ),
    ).toBeInTheDocument();
    expect(within(items[0]).getByRole('img', { name: 'Error' })).toBeVisible();
    expect(
      within(items[1]).getByText(
        'Pod nlp/support-sentiment-api-7c9d-2xk4q · CrashLoopBackOff',
      ),
    ).toBeInTheDocument();
    expect(
      within(items[2]).getByRole('img', { name: 'Warning' }),
    ).toBeVisible();
    expect(
      within(card('Staging')).getByRole('img', { name: 'Info' }),
    ).toBeVisible();
  });

  it('shows the Flux source and revisions, and the Argo CD application', async () => {
    await renderContent();

    const prodUs = await screen.findByRole('region', { name: 'Production US' });
    const delivery = within(prodUs).getByRole('region', { name: 'Delivery' });
    expect(within(delivery).getByText('Flux')).toBeInTheDocument();
    expect(
      within(delivery).getByText(
        'Kustomization flux-system/support-sentiment-api',
      ),
    ).toBeInTheDocument();
    expect(field(delivery, 'Source')).toHaveTextContent(
      'GitRepository flux-system/ml-deploy · https://git.example.com/ml/deploy.git',
    );
    expect(field(delivery, 'Applied revision')).toHaveTextContent(
      'main@sha1:5f0e2c1d9a8b',
    );
    expect(
      within(field(delivery, 'Applied revision')).getByTitle(commitApplied),
    ).toBeInTheDocument();
    expect(field(delivery, 'Last attempted revision')).toHaveTextContent(
      'main@sha1:9b8a7c6d5e4f',
    );
    expect(field(delivery, 'Fetched revision')).toHaveTextContent(
      'main@sha1:9b8a7c6d5e4f',
    );
    expect(field(delivery, 'Ready')).toHaveTextContent(
      'False (ReconciliationFailed)',
    );

    const argo = within(card('Staging')).getByRole('region', {
      name: 'Delivery',
    });
    expect(within(argo).getByText('Argo CD')).toBeInTheDocument();
    expect(
      within(argo).getByText('Application argocd/support-sentiment-api'),
    ).toBeInTheDocument();
    expect(field(argo, 'Sync')).toHaveTextContent('OutOfSync');
    expect(field(argo, 'Health')).toHaveTextContent('Progressing');
    expect(field(argo, 'Applied revision')).toHaveTextContent('3d1f0e9c8b7a');
    expect(field(argo, 'Repository')).toHaveTextContent(
      'https://git.example.com/ml/deploy.git · apps/support-sentiment-api/staging',
    );

    expect(
      within(
        within(card('Edge')).getByRole('region', { name: 'Delivery' }),
      ).getByText('Suspended'),
    ).toBeVisible();
  });

  it('shows replicas, pods and the canary traffic split', async () => {
    await renderContent();

    const prodUs = await screen.findByRole('region', { name: 'Production US' });
    const workloads = within(prodUs).getByRole('region', { name: 'Workloads' });
    expect(field(workloads, 'Replicas')).toHaveTextContent('1/3 ready');
    expect(field(workloads, 'Pods')).toHaveTextContent(
      '1/3 ready · 2 crash-looping · 14 restarts',
    );
    expect(
      field(
        within(card('Production EU')).getByRole('region', {
          name: 'Workloads',
        }),
        'Replicas',
      ),
    ).toHaveTextContent('3/3 ready');

    const staging = within(card('Staging')).getByRole('region', {
      name: 'Workloads',
    });
    expect(
      within(field(staging, 'Traffic'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      '10 % to support-sentiment-api-predictor-00002 (latest)',
      '90 % to support-sentiment-api-predictor-00001',
    ]);
  });

  it('shows the ModelKit version, digest and policy badge, linked to the ModelKit', async () => {
    const clipboard = captureClipboard();
    try {
      const user = userEvent.setup();
      await renderContent();

      const prodEu = await screen.findByRole('region', {
        name: 'Production EU',
      });
      const modelKits = within(prodEu).getByRole('region', {
        name: 'ModelKits',
      });
      expect(
        within(modelKits).getByRole('link', {
          name: 'Support sentiment (fine-tune)',
        }),
      ).toHaveAttribute('href', '/catalog/default/modelkit/support-sentiment');
      expect(
        within(modelKits).getByText('sha256:dd9a77c1861b'),
      ).toHaveAttribute('title', digests.v120);
      expect(within(modelKits).getByText('Policy passed')).toBeVisible();
      expect(
        within(modelKits).queryByText('Runs by a mutable tag'),
      ).not.toBeInTheDocument();
      expect(
        within(modelKits).getByText(
          '3 pods · Found in Deployment nlp/support-sentiment-api (kit unpack)',
        ),
      ).toBeInTheDocument();
      await user.click(
        within(modelKits).getByRole('button', {
          name: 'Copy digest sha256:dd9a77c1861b',
        }),
      );
      expect(clipboard.copied).toEqual([digests.v120]);
    } finally {
      clipboard.restore();
    }

    const prodUs = within(card('Production US')).getByRole('region', {
      name: 'ModelKits',
    });
    expect(within(prodUs).getByText('Policy failed')).toBeVisible();
    expect(
      within(prodUs).getByText(
        'Rule evaluation-passed failed: no evaluation attestation with accuracy >= 0.9.',
      ),
    ).toBeVisible();
    expect(within(prodUs).getByText('v1.1.0')).toBeVisible();
    expect(within(prodUs).getByText('Runs by a mutable tag')).toBeVisible();

    const staging = within(card('Staging')).getByRole('region', {
      name: 'ModelKits',
    });
    // Evidence is missing: shown as such, never as passed.
    expect(staging.querySelector('[data-policy]')).toHaveAttribute(
      'data-policy',
      'missing',
    );
    expect(within(staging).queryByText('Policy passed')).toBeNull();
    expect(
      within(staging).getByText(/^Serves 10 % of traffic · 1 pod · Found in/),
    ).toBeInTheDocument();
  });

  it('copies the exact flux and kubectl commands the backend wrote', async () => {
    const clipboard = captureClipboard();
    try {
      const user = userEvent.setup();
      await renderContent();

      const prodEu = await screen.findByRole('region', {
        name: 'Production EU',
      });
      await user.click(
        within(prodEu).getByRole('button', {
          name: 'Copy command: Kustomization status',
        }),
      );
      await user.click(
        within(prodEu).getByRole('button', { name: 'Copy command: Workloads' }),
      );
      await user.click(
        within(card('Staging')).getByRole('button', {
          name: 'Copy command: Application status',
        }),
      );

      expect(clipboard.copied).toEqual([
        'flux get kustomizations support-sentiment-api --namespace flux-system',
        'kubectl get deployments,pods --namespace nlp --selector backstage.io/kubernetes-id=support-sentiment-api',
        "kubectl get applications.argoproj.io support-sentiment-api --namespace argocd --output 'jsonpath={.status.sync.status} {.status.health.status}'",
      ]);
      expect(clipboard.copied).toEqual([
        healthyCard.commands[0].command,
        healthyCard.commands[1].command,
        progressingCard.commands[0].command,
      ]);
    } finally {
      clipboard.restore();
    }
  });

  it('shows each unreadable cluster as its own card with its error while the others render', async () => {
    const api = new FixtureModelKitDeploymentsApi({
      cards: [timeoutCard, healthyCard, forbiddenCard, degradedCard],
    });
    await renderContent(api);

    const timeout = await screen.findByRole('region', {
      name: 'Production AP',
    });
    expect(within(timeout).getByText('Cluster timed out')).toBeVisible();
    expect(
      within(timeout).getByText(
        'Cluster prod-ap did not answer within 10 s (GET /apis/apps/v1/deployments)',
      ),
    ).toBeVisible();
    const forbidden = card('Production SA');
    expect(
      within(forbidden).getByText('Access forbidden (HTTP 403)'),
    ).toBeVisible();
    expect(
      within(forbidden).getByText(/^Cluster prod-sa answered 403: /),
    ).toBeVisible();
    expect(
      within(forbidden).queryByRole('region', { name: 'Reasons' }),
    ).toBeNull();

    // The clusters that could be read render in full.
    expect(
      within(card('Production EU')).getByText('Healthy', { selector: CHIP }),
    ).toBeVisible();
    expect(
      within(card('Production US')).getByText(fluxFailureMessage),
    ).toBeVisible();
    expect(screen.getAllByRole('region', { name: /^Production/ })).toHaveLength(
      4,
    );
  });

  it('marks a stale cluster with the age of its data, and shows the change a refresh brings', async () => {
    setPageVisibility('visible');
    const api = new FixtureModelKitDeploymentsApi({
      cards: [healthyCard, degradedCard],
    });
    const stale = {
      since: '2026-01-01T00:00:00.000Z',
      ageSeconds: 42,
      message: 'The watch of pods on cluster prod-eu stayed silent for 2 s',
    };
    jest
      .spyOn(api, 'getComponentDeployments')
      .mockImplementationOnce(async entity =>
        new FixtureModelKitDeploymentsApi({
          cards: [healthyCard, degradedCard],
        }).getComponentDeployments(entity),
      )
      .mockImplementation(async entity => {
        const response = await new FixtureModelKitDeploymentsApi({
          cards: [healthyCard, degradedCard],
        }).getComponentDeployments(entity);
        response.clusters[0] = { ...response.clusters[0], stale };
        return response;
      });
    await renderContent(api);

    const eu = await screen.findByRole('region', { name: 'Production EU' });
    expect(within(eu).queryByTestId('cluster-stale')).toBeNull();
    // The view asks again every 2 s while it shows.
    const alert = await within(eu).findByTestId(
      'cluster-stale',
      {},
      { timeout: 6_000 },
    );
    expect(alert).toHaveTextContent('Stale, data from 42 s ago');
    expect(alert).toHaveTextContent(stale.message);
    // Its data is still shown, and the other cluster is not marked.
    expect(within(eu).getByText('Healthy', { selector: CHIP })).toBeVisible();
    expect(
      within(card('Production US')).queryByTestId('cluster-stale'),
    ).toBeNull();
  });

  it('shows resource types a cluster would not list', async () => {
    await renderContent();

    const staging = await screen.findByRole('region', { name: 'Staging' });
    expect(
      within(staging).getByText('Some resources could not be listed'),
    ).toBeVisible();
    expect(within(staging).getByText('replicasets.apps')).toBeVisible();
  });

  it('labels a simulated cluster', async () => {
    await renderContent();

    const edge = await screen.findByRole('region', { name: 'Edge' });
    expect(within(edge).getByText('simulated')).toBeVisible();
    expect(
      within(card('Production EU')).queryByText('simulated'),
    ).not.toBeInTheDocument();
  });

  it('loads again on refresh', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getComponentDeployments = jest.spyOn(api, 'getComponentDeployments');
    const user = userEvent.setup();
    await renderContent(api);

    await user.click(await screen.findByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(getComponentDeployments).toHaveBeenCalledTimes(2),
    );
    expect(
      await screen.findByRole('region', { name: 'Staging' }),
    ).toBeVisible();
  });

  it('names the missing annotation instead of asking the backend', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getComponentDeployments = jest.spyOn(api, 'getComponentDeployments');
    await renderContent(api, unannotatedServingComponent);

    expect(await screen.findByText('Missing Annotation')).toBeInTheDocument();
    expect(
      screen.getAllByText('backstage.io/kubernetes-id').length,
    ).toBeGreaterThan(0);
    expect(getComponentDeployments).not.toHaveBeenCalled();
  });

  it('shows the message of the backend when the request fails', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    jest.spyOn(api, 'getComponentDeployments').mockRejectedValue(
      await backendError({
        status: 404,
        statusText: 'Not Found',
        name: 'NotFoundError',
        message: 'No Component default/support-sentiment-api in the catalog',
        url: '/api/modelkit/deployments/components/default/support-sentiment-api',
      }),
    );
    await renderContent(api);

    expect(
      await screen.findByText(
        'Error: Could not load the deployments: No Component default/support-sentiment-api in the catalog',
      ),
    ).toBeInTheDocument();
  });
});
