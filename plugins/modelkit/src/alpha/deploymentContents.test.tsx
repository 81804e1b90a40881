import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitDeploymentsApi,
  labelSelectedComponent,
  servingComponent,
  unannotatedServingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit, serviceComponent } from '../__fixtures__/modelkits';
import modelkitPlugin from './plugin';

// The tabs are loaded lazily; the first load compiles their modules, which
// takes longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 15_000;
const TEST_TIMEOUT = 2 * LAZY_LOAD_TIMEOUT;

describe('deployment entity contents', () => {
  it('adds a Deployments tab to Components that run workloads or depend on a ModelKit', () => {
    const extension = modelkitPlugin.getExtension(
      'entity-content:modelkit/deployments',
    );
    const tester = createExtensionTester(extension, {
      apis: [mockApis.translation()],
    });

    expect(tester.get(coreExtensionData.routePath)).toBe('/deployments');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Deployments',
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'deployment',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(servingComponent)).toBe(true);
    expect(filter(labelSelectedComponent)).toBe(true);
    expect(filter(unannotatedServingComponent)).toBe(true);
    expect(filter(serviceComponent)).toBe(false);
    expect(filter(fineTunedModelKit)).toBe(false);
    // An annotated entity of another kind is not a service.
    expect(
      filter({
        ...servingComponent,
        kind: 'Resource',
      } as typeof servingComponent),
    ).toBe(false);
    // Depending on something other than a ModelKit is not enough.
    expect(
      filter({
        ...serviceComponent,
        relations: [{ type: 'dependsOn', targetRef: 'resource:default/db' }],
      }),
    ).toBe(false);
  });

  it('adds a Where it runs tab to ModelKits', () => {
    const extension = modelkitPlugin.getExtension(
      'entity-content:modelkit/where-it-runs',
    );
    const tester = createExtensionTester(extension, {
      apis: [mockApis.translation()],
    });

    expect(tester.get(coreExtensionData.routePath)).toBe('/deployments');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Where it runs',
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'deployment',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(fineTunedModelKit)).toBe(true);
    expect(filter(servingComponent)).toBe(false);
  });

  it(
    'shows the clusters of a Component under /deployments',
    async () => {
      renderTestApp({
        features: [modelkitPlugin],
        extensions: [createTestEntityPage({ entity: servingComponent })],
        apis: [
          [modelkitDeploymentsApiRef, new FixtureModelKitDeploymentsApi()],
        ],
        initialRouteEntries: ['/deployments'],
      });

      const prodEu = await screen.findByRole(
        'region',
        { name: 'Production EU' },
        { timeout: LAZY_LOAD_TIMEOUT },
      );
      expect(
        within(prodEu).getByRole('button', {
          name: 'Copy command: Kustomization status',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: 'Production AP' }),
      ).toHaveTextContent('Cluster timed out');
    },
    TEST_TIMEOUT,
  );

  it(
    'shows where each version of a ModelKit runs under /deployments',
    async () => {
      renderTestApp({
        features: [modelkitPlugin],
        extensions: [createTestEntityPage({ entity: fineTunedModelKit })],
        apis: [
          [modelkitDeploymentsApiRef, new FixtureModelKitDeploymentsApi()],
        ],
        initialRouteEntries: ['/deployments'],
      });

      expect(
        await screen.findByRole(
          'table',
          { name: 'Where v1.2.0, latest runs' },
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );
});
