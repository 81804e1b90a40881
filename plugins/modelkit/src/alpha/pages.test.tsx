import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import { FixtureModelKitDeploymentsApi } from '@kitstage/plugin-modelkit-react/testUtils';
import modelkitPlugin from './plugin';
import { fleetPageRouteRef } from './routes';

const LAZY_LOAD_TIMEOUT = 15_000;
const TEST_TIMEOUT = 2 * LAZY_LOAD_TIMEOUT;

describe('Model fleet page', () => {
  it('is the page:modelkit/fleet extension at /modelkit-fleet, titled for the nav', () => {
    const extension = modelkitPlugin.getExtension('page:modelkit/fleet');
    const tester = createExtensionTester(extension, {
      apis: [mockApis.translation()],
    });

    expect(tester.get(coreExtensionData.routePath)).toBe('/modelkit-fleet');
    expect(tester.get(coreExtensionData.title)).toBe('Model fleet');
    expect(tester.get(coreExtensionData.routeRef)).toBe(fleetPageRouteRef);
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(modelkitPlugin.routes.fleet).toBe(fleetPageRouteRef);
  });

  it('lets apps move the page through config', () => {
    const extension = modelkitPlugin.getExtension('page:modelkit/fleet');
    const tester = createExtensionTester(extension, {
      apis: [mockApis.translation()],
      config: { path: '/fleet', title: 'Serving fleet' },
    });

    expect(tester.get(coreExtensionData.routePath)).toBe('/fleet');
    expect(tester.get(coreExtensionData.title)).toBe('Serving fleet');
  });

  it(
    'shows the fleet matrix with the filters of the address',
    async () => {
      const api = new FixtureModelKitDeploymentsApi();
      const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
      renderTestApp({
        features: [modelkitPlugin],
        apis: [[modelkitDeploymentsApiRef, api]],
        // The catalog plugin mounts the entity pages the rows link to.
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        initialRouteEntries: ['/modelkit-fleet?status=degraded'],
      });

      expect(
        await screen.findByRole(
          'table',
          { name: 'Services by cluster' },
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(getFleetDeployments).toHaveBeenCalledWith({
        status: ['degraded'],
        limit: 50,
        offset: 0,
      });
      expect(screen.getAllByText('Model fleet').length).toBeGreaterThan(0);
      const table = screen.getByRole('table', { name: 'Services by cluster' });
      expect(
        within(table).getByRole('link', { name: 'svc-009' }),
      ).toHaveAttribute(
        'href',
        '/catalog/default/component/svc-009/deployments',
      );
    },
    TEST_TIMEOUT,
  );
});
