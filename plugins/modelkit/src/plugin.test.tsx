import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  attestationApiData,
  FixtureModelKitApi,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit, serviceComponent } from './__fixtures__/modelkits';
import { isModelKitEntity } from './index';
import {
  EntityModelKitAboutCard,
  EntityModelKitRelationsCard,
  modelkitPlugin,
} from './legacy';

// The cards are loaded lazily; the first load compiles their modules, which
// takes longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 10_000;

describe('legacy modelkit plugin', () => {
  it('has the modelkit plugin id', () => {
    expect(modelkitPlugin.getId()).toBe('modelkit');
  });

  it('tells ModelKits apart for EntitySwitch', () => {
    expect(isModelKitEntity(fineTunedModelKit)).toBe(true);
    expect(isModelKitEntity(serviceComponent)).toBe(false);
  });

  it('renders the ModelKit cards in an app on the legacy frontend system', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[[modelkitApiRef, new FixtureModelKitApi(attestationApiData)]]}
      >
        <EntityProvider entity={fineTunedModelKit}>
          <EntityModelKitAboutCard />
          <EntityModelKitRelationsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByRole(
        'heading',
        { name: 'About' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    const baseModel = screen.getByText('Base model', { selector: 'dt' })
      .nextElementSibling as HTMLElement;
    expect(within(baseModel).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/modelkit/sentiment-base',
    );
    expect(
      await screen.findByRole(
        'region',
        { name: 'Built from' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    // The About card asks the backend API (here the fixture) for the newest version's policy.
    expect(
      await screen.findByText(
        'Policy failed',
        {},
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
  });
});
