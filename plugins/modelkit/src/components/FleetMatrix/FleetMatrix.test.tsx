import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  FleetDeploymentsResponse,
  ModelKitDeploymentsApi,
} from '@kitstage/plugin-modelkit-common';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitDeploymentsApi,
  fleetResponse,
  fleetServices,
  healthyCard,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FleetMatrix } from './FleetMatrix';

const rows = fleetServices(60);

function renderMatrix(
  response: FleetDeploymentsResponse,
  page: number,
  paged: boolean,
) {
  const onPageChange = jest.fn();
  const onRowsPerPageChange = jest.fn();
  const rendered = renderInTestApp(
    <FleetMatrix
      clusters={response.clusters}
      services={response.services}
      matched={paged ? response.page.matched : undefined}
      page={page}
      rowsPerPage={25}
      rowsPerPageOptions={[25, 50]}
      onPageChange={onPageChange}
      onRowsPerPageChange={onRowsPerPageChange}
      deploymentsLink={ref => `/catalog/${ref}/deployments`}
    />,
  );
  return { ...rendered, onPageChange, onRowsPerPageChange };
}

/** The services of the shown rows. */
async function shownServices(): Promise<string[]> {
  const table = await screen.findByRole('table', {
    name: 'Services by cluster',
  });
  return within(table)
    .getAllByRole('rowheader')
    .map(cell => within(cell).getByRole('link').textContent ?? '');
}

describe('FleetMatrix', () => {
  it('shows the page the backend answered and counts every matching service', async () => {
    const second = fleetResponse(rows, { limit: 25, offset: 25 });
    const { onPageChange } = renderMatrix(second, 1, true);

    const names = await shownServices();
    expect(names).toHaveLength(25);
    expect(names[0]).toBe('svc-025');
    expect(names[24]).toBe('svc-049');
    expect(screen.getByText('26–50 of 60')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenLastCalledWith(2);
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(onPageChange).toHaveBeenLastCalledWith(0);
  });

  it('counts a filtered fleet by what matches, not by the rows of the page', async () => {
    const degraded = fleetResponse(rows, {
      status: ['degraded'],
      limit: 25,
      offset: 0,
    });
    renderMatrix(degraded, 0, true);
    const names = await shownServices();
    expect(names).toEqual(degraded.services.map(s => s.entity.name));
    expect(
      screen.getByText(`1–${names.length} of ${degraded.page.matched}`),
    ).toBeInTheDocument();
  });

  it('asks for the last page when the page asked for is past it', async () => {
    const past = fleetResponse(rows, { limit: 25, offset: 100 });
    expect(past.services).toEqual([]);
    const { onPageChange } = renderMatrix(past, 4, true);
    await screen.findByRole('table', { name: 'Services by cluster' });
    expect(onPageChange).toHaveBeenCalledWith(2);
  });

  it('pages every row itself when the backend answered them all', async () => {
    const all = fleetResponse(rows);
    expect(all.services).toHaveLength(60);
    renderMatrix(all, 2, false);
    expect(await shownServices()).toEqual(
      rows.slice(50).map(r => r.entity.name),
    );
    expect(screen.getByText('51–60 of 60')).toBeInTheDocument();
  });
});

describe('FleetMatrix actions on delivery objects', () => {
  const page = fleetResponse(rows, { limit: 25, offset: 0 });
  // A service that runs on prod-eu, and one that is not deployed there.
  const deployed = page.services.find(
    s => s.cells[0].status !== 'not-deployed',
  )!;
  const notDeployed = page.services.find(
    s => s.cells[0].status === 'not-deployed',
  )!;
  const buttonName = (service: string) =>
    `Delivery actions: ${service} on Production EU`;

  function renderWithActions(offered: boolean, api: ModelKitDeploymentsApi) {
    return renderInTestApp(
      <FleetMatrix
        clusters={page.clusters}
        services={page.services}
        matched={page.page.matched}
        page={0}
        rowsPerPage={25}
        rowsPerPageOptions={[25]}
        onPageChange={jest.fn()}
        onRowsPerPageChange={jest.fn()}
        deploymentsLink={ref => `/catalog/${ref}/deployments`}
        actions={{ offered }}
      />,
      { apis: [[modelkitDeploymentsApiRef, api]] },
    );
  }

  it('opens the delivery objects of a service on a cluster and acts on one, as on its cluster card', async () => {
    const api = new FixtureModelKitDeploymentsApi({
      cards: [
        {
          ...healthyCard,
          actions: { enabled: true, permitted: true, prune: false },
        },
      ],
    });
    renderWithActions(true, api);
    expect(
      await screen.findByRole('button', {
        name: buttonName(deployed.entity.name),
      }),
    ).toBeInTheDocument();
    // Not where the service does not run.
    expect(
      screen.queryByRole('button', {
        name: buttonName(notDeployed.entity.name),
      }),
    ).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: buttonName(deployed.entity.name) }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Delivery of ${deployed.entity.name} on Production EU`,
    });
    const kustomization = healthyCard.deliveries[0].object;
    await userEvent.click(
      await within(dialog).findByRole('button', {
        name: `Actions on ${kustomization.kind} ${kustomization.namespace}/${kustomization.name}`,
      }),
    );
    await userEvent.click(screen.getByRole('menuitem', { name: 'Suspend' }));
    const confirm = await screen.findByRole('dialog', {
      name: `Suspend: ${kustomization.kind} ${kustomization.namespace}/${kustomization.name}`,
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Suspend' }),
    );
    await waitFor(() =>
      expect(api.deliveryActions).toEqual([
        {
          cluster: 'prod-eu',
          kind: kustomization.kind,
          namespace: kustomization.namespace,
          name: kustomization.name,
          action: 'suspend',
        },
      ]),
    );
  });

  it('says why the caller may not act on the service', async () => {
    const reason =
      'Acting on the delivery objects of component:default/x needs the permission kitstage.deployments.operate';
    const api = new FixtureModelKitDeploymentsApi({
      cards: [
        {
          ...healthyCard,
          actions: { enabled: true, permitted: false, prune: false, reason },
        },
      ],
    });
    renderWithActions(true, api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: buttonName(deployed.entity.name),
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByText(`Read-only: ${reason}`),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('button', { name: /^Actions on / }),
    ).toBeNull();
  });

  it('offers nothing when the page does not offer actions', async () => {
    renderWithActions(false, new FixtureModelKitDeploymentsApi());
    await screen.findByRole('table', { name: 'Services by cluster' });
    expect(
      screen.queryByRole('button', { name: /^Delivery actions: / }),
    ).toBeNull();
  });
});
