import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit } from './__fixtures__/modelkits';
import {
  EntityModelKitContentsContent,
  EntityModelKitDiffContent,
  EntityModelKitVersionsContent,
  modelkitPlugin,
} from './index';

// The tabs are loaded lazily; the first load compiles their modules, which
// takes longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 10_000;
const TEST_TIMEOUT = 2 * LAZY_LOAD_TIMEOUT;

/**
 * Renders a tab the way the entity page of a legacy app mounts it: as the
 * element of a route, here at `/tab`.
 */
function renderLegacy(
  element: ReactElement,
  url: string,
  api = new FixtureModelKitApi(),
) {
  return renderInTestApp(
    <TestApiProvider apis={[[modelkitApiRef, api]]}>
      <EntityProvider entity={fineTunedModelKit}>
        <Routes>
          <Route path="/tab/*" element={element} />
        </Routes>
      </EntityProvider>
    </TestApiProvider>,
    { routeEntries: [url] },
  );
}

describe('legacy ModelKit entity contents', () => {
  it('provides clients for the ModelKit, deployments and promotion APIs', () => {
    const factories = [...modelkitPlugin.getApis()];
    expect(factories.map(f => f.api.id)).toEqual([
      'plugin.modelkit.service',
      'plugin.modelkit.deployments',
      'plugin.modelkit.promotion',
    ]);
  });

  it(
    'lists the versions with a page size of its own',
    async () => {
      const api = new FixtureModelKitApi();
      const listVersions = jest.spyOn(api, 'listVersions');
      await renderLegacy(
        <EntityModelKitVersionsContent pageSize={2} />,
        '/tab',
        api,
      );

      expect(
        await screen.findByRole(
          'list',
          { name: 'Tags of v1.1.0' },
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(listVersions).toHaveBeenCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        { limit: 2 },
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'reads and writes the selected version in the address',
    async () => {
      const api = new FixtureModelKitApi();
      const getVersion = jest.spyOn(api, 'getVersion');
      const user = userEvent.setup();
      await renderLegacy(
        <EntityModelKitContentsContent />,
        '/tab?version=v1.1.0',
        api,
      );

      expect(
        await screen.findByText(
          '4 layers, 256.3 MiB in total',
          {},
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(getVersion).toHaveBeenCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        'v1.1.0',
      );

      await user.selectOptions(
        await screen.findByRole('combobox', { name: 'Version' }),
        digests.v120,
      );
      expect(
        await screen.findByText('5 layers, 284 MiB in total'),
      ).toBeInTheDocument();
      expect(getVersion).toHaveBeenLastCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        digests.v120,
      );
    },
    TEST_TIMEOUT,
  );

  it(
    'compares the versions named in the address',
    async () => {
      await renderLegacy(
        <EntityModelKitDiffContent />,
        `/tab?from=v1.1.0&to=${digests.v120}`,
      );

      const parts = await screen.findByRole(
        'heading',
        { name: 'Parts' },
        { timeout: LAZY_LOAD_TIMEOUT },
      );
      expect(parts).toBeInTheDocument();
      expect(
        within(screen.getByRole('combobox', { name: 'To' })).getByRole(
          'option',
          {
            selected: true,
          },
        ),
      ).toHaveValue(digests.v120);
    },
    TEST_TIMEOUT,
  );
});
