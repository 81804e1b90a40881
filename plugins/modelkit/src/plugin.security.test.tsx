import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  attestationApiData,
  digests,
  FixtureModelKitApi,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit } from './__fixtures__/modelkits';
import { EntityModelKitSecurityContent, modelkitPlugin } from './index';

// The tab is loaded lazily; the first load compiles its modules, which takes
// longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 10_000;
const TEST_TIMEOUT = 2 * LAZY_LOAD_TIMEOUT;

describe('legacy ModelKit Security tab', () => {
  it('is a routable extension of the plugin', () => {
    expect(Object.keys(modelkitPlugin.routes)).toContain('security');
  });

  it(
    'reads and writes the checked version in the address',
    async () => {
      const api = new FixtureModelKitApi(attestationApiData);
      const getAttestations = jest.spyOn(api, 'getAttestations');
      const user = userEvent.setup();
      await renderInTestApp(
        <TestApiProvider apis={[[modelkitApiRef, api]]}>
          <EntityProvider entity={fineTunedModelKit}>
            <Routes>
              <Route
                path="/security/*"
                element={<EntityModelKitSecurityContent />}
              />
            </Routes>
          </EntityProvider>
        </TestApiProvider>,
        { routeEntries: ['/security?version=v1.1.0'] },
      );

      expect(
        await screen.findByText(
          'No attestations',
          {},
          { timeout: LAZY_LOAD_TIMEOUT },
        ),
      ).toBeInTheDocument();
      expect(getAttestations).toHaveBeenCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        'v1.1.0',
      );

      await user.selectOptions(
        await screen.findByRole('combobox', { name: 'Version' }),
        digests.v120,
      );
      expect(
        await screen.findByRole('article', {
          name: 'Vulnerability scan: Verified',
        }),
      ).toBeInTheDocument();
      expect(getAttestations).toHaveBeenLastCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        digests.v120,
      );
    },
    TEST_TIMEOUT,
  );
});
