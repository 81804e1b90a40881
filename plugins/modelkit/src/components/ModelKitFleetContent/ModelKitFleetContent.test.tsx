import { renderInTestApp } from '@backstage/frontend-test-utils';
import { useAppLocation } from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { FleetDeploymentsQuery } from '@kitstage/plugin-modelkit-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitDeploymentsApi,
  fleetResponse,
  fleetServiceName,
  fleetServices,
  invalidSelectorMessage,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { backendError } from '../../__fixtures__/errors';
import { ModelKitFleetContent } from './ModelKitFleetContent';

/** Shows the query of the current address, for assertions. */
function LocationProbe() {
  const location = useAppLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderFleet(
  api = new FixtureModelKitDeploymentsApi(),
  search = '',
  props: { pageSize?: number } = {},
) {
  return renderInTestApp(
    <>
      <ModelKitFleetContent {...props} />
      <LocationProbe />
    </>,
    {
      apis: [[modelkitDeploymentsApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      mountPath: '/modelkit-fleet',
      initialRouteEntries: [`/modelkit-fleet${search}`],
    },
  );
}

/** The query parameters of the current address. */
function currentParams(): URLSearchParams {
  return new URLSearchParams(screen.getByTestId('location').textContent ?? '');
}

/** The service rows of the matrix, by the name of each service. */
function serviceNames(): string[] {
  const table = screen.getByRole('table', { name: 'Services by cluster' });
  return within(table)
    .getAllByRole('rowheader')
    .map(cell => within(cell).getByRole('link').textContent ?? '');
}

/** The overall status of each shown service. */
function overallStatuses(): string[] {
  const table = screen.getByRole('table', { name: 'Services by cluster' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(
      row =>
        row
          .querySelectorAll('td')[0]
          .querySelector('[data-status]')
          ?.getAttribute('data-status') ?? '',
    );
}

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(30_000);

/** Whether the page shows: the views ask the backend again every 2 s only while it does. */
function setPageVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
}

describe('ModelKitFleetContent', () => {
  // Only the tests of live refresh let the page show; the others count requests.
  beforeEach(() => setPageVisibility('hidden'));
  afterAll(() => setPageVisibility('visible'));

  it('shows the services × clusters matrix with a status per placement', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
    await renderFleet(api);

    const table = await screen.findByRole('table', {
      name: 'Services by cluster',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(header => header.textContent);
    expect(headers[0]).toBe('Service');
    expect(headers[1]).toBe('Overall');
    expect(headers[2]).toMatch(/^Production EU/);
    expect(headers[3]).toMatch(/^Production US/);
    expect(headers[4]).toMatch(/^Labsimulated/);
    expect(serviceNames()).toEqual(
      Array.from({ length: 12 }, (_, i) => fleetServiceName(i)),
    );
    expect(screen.getByText('12 of 12 services')).toBeInTheDocument();
    expect(getFleetDeployments).toHaveBeenCalledWith({ limit: 50, offset: 0 });

    // Each cell shows the status of the service on that cluster.
    const rows = fleetServices(12);
    const firstRow = within(table).getAllByRole('row')[1];
    const cells = within(firstRow).getAllByRole('cell');
    expect(
      cells
        .slice(1)
        .map(c =>
          c.querySelector('[data-status]')?.getAttribute('data-status'),
        ),
    ).toEqual(rows[0].cells.map(c => c.status));
    expect(within(firstRow).getByRole('rowheader')).toHaveTextContent(
      'svc-000nlp-team · customer-insights',
    );
  });

  it('links each service and each placement to the Deployments tab of the service', async () => {
    await renderFleet();

    const table = await screen.findByRole('table', {
      name: 'Services by cluster',
    });
    expect(
      within(table).getByRole('link', { name: 'svc-003' }),
    ).toHaveAttribute('href', '/catalog/default/component/svc-003/deployments');
    const placement = within(table).getByRole('link', {
      name: /^svc-009 on Production EU: Degraded/,
    });
    expect(placement).toHaveAttribute(
      'href',
      '/catalog/default/component/svc-009/deployments',
    );
  });

  it('explains a placement in a tooltip with its worst reason', async () => {
    const user = userEvent.setup();
    await renderFleet();

    const placement = await screen.findByRole('link', {
      name: 'svc-009 on Production EU: Degraded, svc-009:v1.1.0',
    });
    await user.hover(placement);

    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('Production EU: Degraded');
    expect(tooltip).toHaveTextContent(
      'Pod ml/svc-009-0 on prod-eu: container server is crash-looping',
    );
    expect(tooltip).toHaveTextContent('2 more reasons');
    expect(tooltip).toHaveTextContent('svc-009:v1.1.0 · Policy failed');
  });

  it('counts services per status and filters by status through the address', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
    const expected = fleetResponse(fleetServices(12)).counts;
    const user = userEvent.setup();
    await renderFleet(api);

    const toggles = await screen.findByRole('list', {
      name: 'Filter by status',
    });
    expect(
      within(toggles)
        .getAllByRole('button')
        .map(b => b.getAttribute('aria-label')),
    ).toEqual([
      `Degraded: ${expected.services.degraded}`,
      `Suspended: ${expected.services.suspended}`,
      `Progressing: ${expected.services.progressing}`,
      `Unknown: ${expected.services.unknown}`,
      `Healthy: ${expected.services.healthy}`,
      `Not deployed: ${expected.services['not-deployed']}`,
    ]);
    expect(expected.services.degraded).toBeGreaterThan(0);
    expect(expected.services.degraded).toBeLessThan(12);
    expect(
      screen.getByText(
        `Placements by status: Degraded ${expected.cells.degraded} · Suspended ${expected.cells.suspended} · Progressing ${expected.cells.progressing} · Healthy ${expected.cells.healthy} · Not deployed ${expected.cells['not-deployed']}`,
      ),
    ).toBeInTheDocument();

    await user.click(
      within(toggles).getByRole('button', {
        name: `Degraded: ${expected.services.degraded}`,
      }),
    );

    await waitFor(() =>
      expect(currentParams().getAll('status')).toEqual(['degraded']),
    );
    await waitFor(() =>
      expect(overallStatuses()).toEqual(
        Array(expected.services.degraded).fill('degraded'),
      ),
    );
    expect(getFleetDeployments).toHaveBeenLastCalledWith({
      status: ['degraded'],
      limit: 50,
      offset: 0,
    });
    expect(
      within(toggles).getByRole('button', {
        name: `Degraded: ${expected.services.degraded}`,
      }),
    ).toHaveAttribute('aria-pressed', 'true');
    // Counts are taken before the status filter, so they stay.
    expect(
      screen.getByText(`${expected.services.degraded} of 12 services`),
    ).toBeInTheDocument();

    await user.click(
      within(toggles).getByRole('button', {
        name: `Degraded: ${expected.services.degraded}`,
      }),
    );
    await waitFor(() => expect(currentParams().has('status')).toBe(false));
    await waitFor(() => expect(serviceNames()).toHaveLength(12));
  });

  it('reads the filters from the address', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
    await renderFleet(
      api,
      '?owner=group:default/risk-team&system=system:default/fraud&status=bogus',
    );

    await screen.findByRole('table', { name: 'Services by cluster' });
    const expected: FleetDeploymentsQuery = {
      owner: ['group:default/risk-team'],
      system: ['system:default/fraud'],
    };
    expect(getFleetDeployments).toHaveBeenCalledWith({
      ...expected,
      limit: 50,
      offset: 0,
    });
    // Services 1, 7: risk-team owns every third, fraud holds every odd one.
    expect(serviceNames()).toEqual(['svc-001', 'svc-007']);
    expect(screen.getByText('2 of 2 services')).toBeInTheDocument();
    expect(screen.getAllByText('risk-team').length).toBeGreaterThan(0);
  });

  it('filters by owner with the picker and clears the filters', async () => {
    const user = userEvent.setup();
    await renderFleet();

    await screen.findByRole('table', { name: 'Services by cluster' });
    await user.click(screen.getByLabelText('Owner'));
    await user.click(await screen.findByRole('option', { name: 'nlp-team' }));

    await waitFor(() =>
      expect(currentParams().getAll('owner')).toEqual([
        'group:default/nlp-team',
      ]),
    );
    await waitFor(() =>
      expect(serviceNames()).toEqual([
        'svc-000',
        'svc-003',
        'svc-006',
        'svc-009',
      ]),
    );

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(currentParams().toString()).toBe(''));
    await waitFor(() => expect(serviceNames()).toHaveLength(12));
  });

  it('pages through 500 services, keeping the page in the address', async () => {
    const api = new FixtureModelKitDeploymentsApi({ fleetSize: 500 });
    const user = userEvent.setup();
    await renderFleet(api);

    await screen.findByRole('table', { name: 'Services by cluster' });
    expect(serviceNames()).toEqual(
      Array.from({ length: 50 }, (_, i) => fleetServiceName(i)),
    );
    expect(screen.getByText('1–50 of 500')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(currentParams().get('page')).toBe('2'));
    expect(serviceNames()[0]).toBe('svc-050');
    expect(serviceNames()).toHaveLength(50);

    // A new filter starts again from the first page.
    const toggles = screen.getByRole('list', { name: 'Filter by status' });
    await user.click(within(toggles).getAllByRole('button')[0]);
    await waitFor(() => expect(currentParams().has('page')).toBe(false));
  });

  it('opens the page named in the address', async () => {
    await renderFleet(
      new FixtureModelKitDeploymentsApi({ fleetSize: 60 }),
      '?page=2',
      { pageSize: 25 },
    );

    await screen.findByRole('table', { name: 'Services by cluster' });
    expect(serviceNames()[0]).toBe('svc-025');
    expect(screen.getByText('26–50 of 60')).toBeInTheDocument();
  });

  it('shows an unreadable cluster as an error column while the others render', async () => {
    await renderFleet(
      new FixtureModelKitDeploymentsApi({ unreachableCluster: 'prod-us' }),
    );

    const table = await screen.findByRole('table', {
      name: 'Services by cluster',
    });
    const header = within(table).getAllByRole('columnheader')[3];
    expect(header).toHaveTextContent('Production USCluster unreachable');
    expect(
      screen.getByText('1 cluster could not be read; its cells show Unknown'),
    ).toBeVisible();
    expect(
      screen.getByText(/could not be reached: connect ECONNREFUSED/),
    ).toBeVisible();
    const rows = within(table).getAllByRole('row').slice(1);
    for (const row of rows) {
      const cells = within(row).getAllByRole('cell');
      expect(
        cells[2].querySelector('[data-status]')?.getAttribute('data-status'),
      ).toBe('unknown');
    }
    // The other clusters still show what they run.
    expect(
      within(table).getByRole('link', {
        name: /^svc-009 on Production EU: Degraded/,
      }),
    ).toBeInTheDocument();
  });

  it('names a stale cluster with the age of its data while its cells still show', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const fixture = new FixtureModelKitDeploymentsApi();
    jest
      .spyOn(api, 'getFleetDeployments')
      .mockImplementation(async (query?: FleetDeploymentsQuery) => {
        const response = await fixture.getFleetDeployments(query);
        response.clusters[1] = {
          ...response.clusters[1],
          stale: {
            since: '2026-01-01T00:00:00.000Z',
            ageSeconds: 17,
            message: 'The watch of pods on cluster prod-us stayed silent',
          },
        };
        return response;
      });
    await renderFleet(api);

    const alert = await screen.findByTestId('stale-clusters');
    expect(alert).toHaveTextContent('1 cluster is stale');
    expect(alert).toHaveTextContent(
      'stale, data from 17 s ago. The watch of pods on cluster prod-us stayed silent',
    );
    expect(
      screen.queryByText(/could not be read; its cells show Unknown/),
    ).toBeNull();
    const table = screen.getByRole('table', { name: 'Services by cluster' });
    expect(
      within(table).getByRole('link', {
        name: /^svc-009 on Production EU: Degraded/,
      }),
    ).toBeInTheDocument();
  });

  it("shows why a service's cells are unknown when its label selector is invalid", async () => {
    await renderFleet(
      new FixtureModelKitDeploymentsApi({ invalidSelector: 2 }),
    );

    const table = await screen.findByRole('table', {
      name: 'Services by cluster',
    });
    const row = within(table).getByRole('rowheader', { name: /^svc-002/ })
      .parentElement as HTMLElement;
    expect(within(row).getByText(invalidSelectorMessage)).toBeVisible();
    expect(
      Array.from(row.querySelectorAll('td [data-status]')).map(chip =>
        chip.getAttribute('data-status'),
      ),
    ).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });

  it('says when no service matches the filters', async () => {
    await renderFleet(
      new FixtureModelKitDeploymentsApi(),
      '?owner=group:default/nobody',
    );

    expect(
      await screen.findByText('No service matches these filters'),
    ).toBeVisible();
  });

  it('shows the message of the backend when the fleet cannot be loaded', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    jest.spyOn(api, 'getFleetDeployments').mockRejectedValue(
      await backendError({
        status: 403,
        statusText: 'Forbidden',
        name: 'NotAllowedError',
        message: 'You may not read the fleet',
        url: '/api/modelkit/deployments/fleet',
      }),
    );
    await renderFleet(api);

    expect(
      await screen.findByText(
        'Error: Could not load the fleet: You may not read the fleet',
      ),
    ).toBeInTheDocument();
  });
});
