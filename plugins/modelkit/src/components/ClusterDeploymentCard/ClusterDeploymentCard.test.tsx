import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ComponentDeploymentCard } from '@kitstage/plugin-modelkit-common';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitDeploymentsApi,
  healthyCard,
  servingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ClusterDeploymentCard } from './ClusterDeploymentCard';

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

function renderCard(
  card: ComponentDeploymentCard,
  api = new FixtureModelKitDeploymentsApi(),
  onActionDone?: () => void,
) {
  return renderInTestApp(
    <EntityProvider entity={servingComponent}>
      <ClusterDeploymentCard card={card} onActionDone={onActionDone} />
    </EntityProvider>,
    {
      apis: [[modelkitDeploymentsApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

const kustomization = healthyCard.deliveries[0].object;
const source = healthyCard.deliveries[0].source!;
const label = (object: { kind: string; namespace?: string; name: string }) =>
  `Actions on ${object.kind} ${object.namespace}/${object.name}`;

describe('ClusterDeploymentCard actions', () => {
  it('offers the actions on the delivery object and its source, and reports a sent action', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const onActionDone = jest.fn();
    await renderCard(
      {
        ...healthyCard,
        actions: { enabled: true, permitted: true, prune: false },
      },
      api,
      onActionDone,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: label(source) }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Suspend' }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Production EU');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Suspend' }),
    );
    await waitFor(() => expect(onActionDone).toHaveBeenCalled());
    expect(api.deliveryActions).toEqual([
      {
        cluster: 'prod-eu',
        kind: source.kind,
        namespace: source.namespace,
        name: source.name,
        action: 'suspend',
      },
    ]);
    // Once the dialog has closed, the object's own menu is there as well.
    expect(
      await screen.findByRole('button', { name: label(kustomization) }),
    ).toBeInTheDocument();
  });

  it('shows no action when the portal is read-only', async () => {
    await renderCard({
      ...healthyCard,
      actions: {
        enabled: false,
        permitted: false,
        prune: false,
        reason: 'read-only',
      },
    });
    expect(
      await screen.findByRole('region', { name: 'Production EU' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: label(kustomization) }),
    ).toBeNull();
  });

  it('says why an object the backend refuses takes no action, and offers the others', async () => {
    const reason =
      'Kustomization flux-system/x is claimed by 1 other Component besides component:default/x';
    await renderCard({
      ...healthyCard,
      actions: {
        enabled: true,
        permitted: true,
        prune: false,
        refused: [{ object: kustomization, reason }],
      },
    });
    const refused = await screen.findByRole('button', {
      name: `No actions on ${kustomization.kind} ${kustomization.namespace}/${kustomization.name}: ${reason}`,
    });
    expect(refused).toBeDisabled();
    expect(
      screen.queryByRole('button', { name: label(kustomization) }),
    ).toBeNull();
    expect(screen.getByRole('button', { name: label(source) })).toBeEnabled();
  });
});

describe('ClusterDeploymentCard with the newer delivery and serving kinds', () => {
  it('shows an Argo Rollouts canary step, an LLMInferenceService model and every source of a multi-source Application', async () => {
    const rollout = {
      ...healthyCard.workloads[0],
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        namespace: 'ml',
        name: 'fraud-scoring',
      },
      rollout: {
        strategy: 'canary' as const,
        phase: 'Paused',
        paused: true,
        aborted: false,
        currentStepIndex: 1,
        stepCount: 4,
        canaryWeight: 20,
        stableHash: '6d9f',
        canaryHash: '7c4b',
      },
    };
    const llm = {
      ...healthyCard.workloads[0],
      object: {
        apiVersion: 'serving.kserve.io/v1alpha2',
        kind: 'LLMInferenceService',
        namespace: 'llm',
        name: 'review-sentiment',
      },
      modelUri: 'oci://registry.example.com/nlp/review-sentiment:v0.3.0',
    };
    const application = {
      ...healthyCard.deliveries[0],
      controller: 'argocd' as const,
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'fraud-scoring',
      },
      source: undefined,
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      repoURL: 'https://git.example.com/ml/fraud-scoring',
      sources: [
        {
          repoURL: 'https://charts.example.com',
          chart: 'model-server',
          targetRevision: '1.4.0',
        },
        {
          repoURL: 'https://git.example.com/ml/fraud-scoring',
          targetRevision: 'main',
          ref: 'values',
        },
      ],
    };
    await renderCard({
      ...healthyCard,
      workloads: [rollout, llm],
      deliveries: [application],
    });
    const card = await screen.findByRole('region', { name: 'Production EU' });
    expect(card).toHaveTextContent(
      'Paused · canary step 2 of 4, 20 % of traffic to the canary · paused',
    );
    expect(card).toHaveTextContent(
      'oci://registry.example.com/nlp/review-sentiment:v0.3.0',
    );
    expect(card).toHaveTextContent(
      'https://charts.example.com · model-server · 1.4.0',
    );
    expect(card).toHaveTextContent(
      'https://git.example.com/ml/fraud-scoring · main · ref values',
    );
  });
});

describe('ClusterDeploymentCard shows how the controllers answered', () => {
  /** The `<time>` of a labelled field of the card. */
  const timeOf = (card: HTMLElement, field: string) =>
    within(card)
      .getByText(field, { exact: true })
      .parentElement?.querySelector('time');

  it('shows the reconcile Flux last handled, on the Kustomization and on its source', async () => {
    const [delivery] = healthyCard.deliveries;
    await renderCard({
      ...healthyCard,
      deliveries: [
        {
          ...delivery,
          lastHandledReconcileAt: '2026-12-07T10:00:00.123Z',
          source: { ...delivery.source!, lastHandledReconcileAt: '1733565600' },
        },
      ],
    });
    const card = await screen.findByRole('region', { name: 'Production EU' });
    expect(timeOf(card, 'Reconcile handled')).toHaveAttribute(
      'datetime',
      '2026-12-07T10:00:00.123Z',
    );
    // A request written as something other than a time shows as written.
    expect(
      within(card).getByText('Source reconcile handled').parentElement,
    ).toHaveTextContent('1733565600');
  });

  it('shows when Argo CD last compared an Application and its last operation', async () => {
    const application = {
      controller: 'argocd' as const,
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'fraud-scoring',
      },
      suspended: false,
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
      reconciledAt: '2026-12-07T10:05:00Z',
      lastOperation: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: '2026-12-07T10:00:00Z',
        finishedAt: '2026-12-07T10:00:04Z',
        revision: 'abc123',
        initiatedBy: 'user:default/alice',
      },
    };
    await renderCard({ ...healthyCard, deliveries: [application] });
    const card = await screen.findByRole('region', { name: 'Production EU' });
    expect(timeOf(card, 'Last compared')).toHaveAttribute(
      'datetime',
      '2026-12-07T10:05:00.000Z',
    );
    const operation = within(card).getByText('Last operation').parentElement!;
    expect(operation).toHaveTextContent(
      'Succeeded · successfully synced (all tasks run) ·',
    );
    expect(operation.querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-12-07T10:00:04.000Z',
    );
  });
});
