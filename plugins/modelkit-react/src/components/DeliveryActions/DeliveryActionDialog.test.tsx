import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { modelkitDeploymentsApiRef } from '../../api';
import { FixtureModelKitDeploymentsApi } from '../../testUtils';
import { DeliveryActionDialog } from './DeliveryActionDialog';
import { DeliveryActionsMenu } from './DeliveryActionsMenu';

const COMPONENT = { namespace: 'default', name: 'support-api' };
const CLUSTER = { name: 'prod-eu', title: 'Production EU' };
const KUSTOMIZATION = {
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'support-api',
};
const PERMITTED = { enabled: true, permitted: true, prune: false };

async function render(
  api: FixtureModelKitDeploymentsApi,
  element: JSX.Element,
) {
  await renderInTestApp(
    <TestApiProvider apis={[[modelkitDeploymentsApiRef, api]]}>
      {element}
    </TestApiProvider>,
  );
}

describe('DeliveryActionDialog', () => {
  it('names the object, the cluster and the effect, and sends the action once confirmed', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const onClose = jest.fn();
    const onDone = jest.fn();
    await render(
      api,
      <DeliveryActionDialog
        component={COMPONENT}
        cluster={CLUSTER}
        object={KUSTOMIZATION}
        action="suspend"
        onClose={onClose}
        onDone={onDone}
      />,
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Suspend: Kustomization flux-system/support-api',
    });
    expect(
      within(dialog).getByText('Kustomization flux-system/support-api'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('Production EU')).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Flux stops reconciling Kustomization flux-system/support-api until it is resumed: changes in Git are not applied.',
      ),
    ).toBeInTheDocument();
    expect(api.deliveryActions).toEqual([]);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Suspend' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(api.deliveryActions).toEqual([
      {
        cluster: 'prod-eu',
        kind: 'Kustomization',
        namespace: 'flux-system',
        name: 'support-api',
        action: 'suspend',
      },
    ]);
    expect(onDone).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'suspend', cluster: 'prod-eu' }),
    );
  });

  it('says that a sync prunes only when the backend prunes', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    await render(
      api,
      <DeliveryActionDialog
        component={COMPONENT}
        cluster={CLUSTER}
        object={{ kind: 'Application', namespace: 'argocd', name: 'api' }}
        action="sync"
        prune
        onClose={() => {}}
      />,
    );
    expect(
      await screen.findByText(
        'Argo CD syncs Application argocd/api to its target revision and deletes the resources no longer in Git.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a refusal and stays open, sending nothing else', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    api.runDeliveryAction = async () => {
      throw await ResponseError.fromResponse(
        new Response(
          JSON.stringify({
            error: {
              name: 'NotAllowedError',
              message: 'Not allowed to act on the delivery objects',
            },
            request: { method: 'POST', url: '/x' },
            response: { statusCode: 403 },
          }),
          {
            status: 403,
            statusText: 'Forbidden',
            headers: { 'content-type': 'application/json' },
          },
        ) as any,
      );
    };
    const onClose = jest.fn();
    await render(
      api,
      <DeliveryActionDialog
        component={COMPONENT}
        cluster={CLUSTER}
        object={KUSTOMIZATION}
        action="reconcile"
        onClose={onClose}
      />,
    );
    fireEvent.click(
      await screen.findByRole('button', { name: 'Reconcile now' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The action failed: Not allowed to act on the delivery objects',
    );
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('DeliveryActionsMenu', () => {
  it('offers resume for a suspended object, and confirms before sending', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    await render(
      api,
      <DeliveryActionsMenu
        component={COMPONENT}
        cluster={CLUSTER}
        object={KUSTOMIZATION}
        suspended
        availability={PERMITTED}
      />,
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Actions on Kustomization flux-system/support-api',
      }),
    );
    const items = screen.getAllByRole('menuitem').map(i => i.textContent);
    expect(items).toEqual(['Reconcile now', 'Resume']);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Resume' }));
    const dialog = await screen.findByRole('dialog');
    expect(api.deliveryActions).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Resume' }));
    await waitFor(() =>
      expect(api.deliveryActions.map(a => a.action)).toEqual(['resume']),
    );
  });

  it('shows nothing when actions are off or not permitted', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    await render(
      api,
      <>
        <p>card</p>
        <DeliveryActionsMenu
          component={COMPONENT}
          cluster={CLUSTER}
          object={KUSTOMIZATION}
          availability={{
            enabled: false,
            permitted: false,
            prune: false,
            reason: 'read-only',
          }}
        />
        <DeliveryActionsMenu
          component={COMPONENT}
          cluster={CLUSTER}
          object={KUSTOMIZATION}
        />
      </>,
    );
    expect(await screen.findByText('card')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
