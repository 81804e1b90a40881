import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ModelKitDeploymentsClient } from '@kitstage/plugin-modelkit-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { Route, Routes, useLocation } from 'react-router-dom';
import {
  modelkitApiRef,
  modelkitDeploymentsApiRef,
  modelkitPromotionApiRef,
} from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitApi,
  FixtureModelKitDeploymentsApi,
  servingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { FixtureModelKitPromotionApi } from './__fixtures__/promotion';
import { fineTunedModelKit } from './__fixtures__/modelkits';
import {
  EntityModelKitDeploymentsContent,
  EntityModelKitWhereItRunsContent,
  modelkitPlugin,
  ModelKitFleetPage,
} from './index';

// The views are loaded lazily; the first load compiles their modules, which
// takes longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 15_000;
const TEST_TIMEOUT = 2 * LAZY_LOAD_TIMEOUT;

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

/** Renders an element the way a legacy app mounts it: as a route's element. */
function renderLegacy(
  element: ReactElement,
  url: string,
  api = new FixtureModelKitDeploymentsApi(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [modelkitDeploymentsApiRef, api],
        // The Deployments tab also shows what was promoted to each environment.
        [modelkitPromotionApiRef, new FixtureModelKitPromotionApi()],
        // Roll back is offered to those who may promote.
        [
          permissionApiRef,
          { authorize: async () => ({ result: 'ALLOW' as const }) },
        ],
        // and, per cluster, live metrics (not configured here) next to the versions' own.
        [modelkitApiRef, new FixtureModelKitApi()],
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://backend.test/api/${id}` },
        ],
        [
          fetchApiRef,
          {
            fetch: async () =>
              new Response(JSON.stringify({ configured: false }), {
                headers: { 'content-type': 'application/json' },
              }),
          },
        ],
      ]}
    >
      <Routes>
        <Route path="/tab/*" element={element} />
      </Routes>
      <LocationProbe />
    </TestApiProvider>,
    {
      routeEntries: [url],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('legacy deployment views', () => {
  it('provides a ModelKitDeploymentsClient for the deployments API', async () => {
    const factory = [...modelkitPlugin.getApis()].find(
      f => f.api.id === 'plugin.modelkit.deployments',
    )!;
    const fetch = jest.fn(
      async (_input: RequestInfo | URL) =>
        ({ ok: true, json: async () => ({ versions: [] }) } as Response),
    );
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://localhost:7007/api/${id}`,
      },
      fetchApi: { fetch },
    });

    expect(client).toBeInstanceOf(ModelKitDeploymentsClient);
    await (client as ModelKitDeploymentsClient).getModelKitDeployments({
      namespace: 'default',
      name: 'support-sentiment',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/modelkit/deployments/modelkits/default/support-sentiment',
    );
  });

  it(
    'renders the Deployments tab of a Component',
    async () => {
      await renderLegacy(
        <EntityProvider entity={servingComponent}>
          <EntityModelKitDeploymentsContent />
        </EntityProvider>,
        '/tab',
      );

      const prodUs = await screen.findByRole(
        'region',
        { name: 'Production US' },
        { timeout: LAZY_LOAD_TIMEOUT },
      );
      expect(within(prodUs).getByText('Policy failed')).toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: 'Production SA' }),
      ).toHaveTextContent('Access forbidden (HTTP 403)');
    },
    TEST_TIMEOUT,
  );

  it(
    'renders the Where it runs tab of a ModelKit with links to a moved Deployments tab',
    async () => {
      await renderLegacy(
        <EntityProvider entity={fineTunedModelKit}>
          <EntityModelKitWhereItRunsContent deploymentsPath="kubernetes-health" />
        </EntityProvider>,
        '/tab',
      );

      const latest = await screen.findByRole(
        'region',
        { name: 'v1.2.0, latest' },
        { timeout: LAZY_LOAD_TIMEOUT },
      );
      expect(
        within(latest).getAllByRole('link', {
          name: 'Support sentiment API',
        })[0],
      ).toHaveAttribute(
        'href',
        '/catalog/default/component/support-sentiment-api/kubernetes-health',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'renders the fleet page with its header and keeps the filters in the address',
    async () => {
      const user = userEvent.setup();
      await renderLegacy(
        <ModelKitFleetPage pageSize={25} />,
        '/tab?system=fraud',
      );

      expect(
        await screen.findByRole(
          'heading',
          { name: 'Model fleet' },
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      const table = await screen.findByRole('table', {
        name: 'Services by cluster',
      });
      expect(
        within(table)
          .getAllByRole('rowheader')
          .map(cell => within(cell).getByRole('link').textContent),
      ).toEqual([
        'svc-001',
        'svc-003',
        'svc-005',
        'svc-007',
        'svc-009',
        'svc-011',
      ]);

      const toggles = screen.getByRole('list', { name: 'Filter by status' });
      await user.click(within(toggles).getAllByRole('button')[0]);
      await waitFor(() =>
        expect(screen.getByTestId('location')).toHaveTextContent(
          '?system=fraud&status=degraded',
        ),
      );
    },
    TEST_TIMEOUT,
  );
});
