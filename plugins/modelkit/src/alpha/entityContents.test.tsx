import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  attestationApiData,
  FixtureModelKitApi,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit, serviceComponent } from '../__fixtures__/modelkits';
import modelkitPlugin from './plugin';

// The tabs are loaded lazily; the first load compiles their modules, which
// takes longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 10_000;
const TEST_TIMEOUT = 2 * LAZY_LOAD_TIMEOUT;

describe('ModelKit entity contents', () => {
  it.each([
    ['entity-content:modelkit/versions', '/versions', 'Versions'],
    ['entity-content:modelkit/contents', '/contents', 'Contents'],
    ['entity-content:modelkit/diff', '/diff', 'Diff'],
    ['entity-content:modelkit/security', '/security', 'Security'],
  ] as const)('%s is the %s tab of ModelKits', (id, path, title) => {
    const extension = modelkitPlugin.getExtension(id);
    const tester = createExtensionTester(extension);

    expect(tester.query(extension).node.spec.id).toBe(id);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'development',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(fineTunedModelKit)).toBe(true);
    expect(filter(serviceComponent)).toBe(false);
    expect(tester.get(coreExtensionData.routePath)).toBe(path);
  });

  it('lets apps move a tab through config', () => {
    const extension = modelkitPlugin.getExtension(
      'entity-content:modelkit/diff',
    );
    const tester = createExtensionTester(extension, {
      config: { path: '/compare', title: 'Compare', group: false },
    });
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Compare');
    expect(tester.get(coreExtensionData.routePath)).toBe('/compare');
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(undefined);
  });

  function renderEntityPage(path: string, api = new FixtureModelKitApi()) {
    return renderTestApp({
      features: [modelkitPlugin],
      extensions: [createTestEntityPage({ entity: fineTunedModelKit })],
      apis: [[modelkitApiRef, api]],
      initialRouteEntries: [path],
    });
  }

  it(
    'shows the versions of the ModelKit under /versions',
    async () => {
      const api = new FixtureModelKitApi();
      const listVersions = jest.spyOn(api, 'listVersions');
      renderEntityPage('/versions', api);

      expect(
        await screen.findByRole(
          'list',
          { name: 'Tags of v1.2.0' },
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(listVersions).toHaveBeenCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        { limit: undefined },
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'shows the version named in the address under /contents',
    async () => {
      renderEntityPage('/contents?version=v1.1.0');

      expect(
        await screen.findByText(
          '4 layers, 256.3 MiB in total',
          {},
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
    },
    TEST_TIMEOUT,
  );

  it(
    'compares the versions named in the address under /diff',
    async () => {
      const api = new FixtureModelKitApi();
      const diff = jest.spyOn(api, 'diff');
      renderEntityPage('/diff?from=latest&to=v1.2.0', api);

      expect(
        await screen.findByText(
          'The versions are identical',
          {},
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(diff).toHaveBeenCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        'latest',
        'v1.2.0',
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'checks the attestations of the version named in the address under /security',
    async () => {
      const api = new FixtureModelKitApi(attestationApiData);
      const getAttestations = jest.spyOn(api, 'getAttestations');
      renderEntityPage('/security?version=v1.2.0', api);

      expect(
        await screen.findByRole(
          'article',
          { name: 'Scan evaluation: Verified' },
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(getAttestations).toHaveBeenCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        'v1.2.0',
      );
    },
    TEST_TIMEOUT,
  );
});
