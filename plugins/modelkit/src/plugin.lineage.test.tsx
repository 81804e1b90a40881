import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
  modelCardV120,
  supportSentimentLineage,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit } from './__fixtures__/modelkits';
import {
  EntityGroupModelKitsCard,
  EntityModelKitLineageContent,
  EntityModelKitModelCardContent,
  modelkitPlugin,
} from './index';

const LAZY_LOAD_TIMEOUT = 10_000;
jest.setTimeout(30_000);

beforeAll(() => {
  (window.SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 216,
    height: 58,
  });
});

describe('legacy lineage, model card and Models card exports', () => {
  it('are routable extensions of the plugin', () => {
    expect(Object.keys(modelkitPlugin.routes)).toEqual(
      expect.arrayContaining(['lineage', 'modelCard']),
    );
  });

  it('draws the lineage tab of the version in the address', async () => {
    const api = new FixtureModelKitApi({ lineage: [supportSentimentLineage] });
    const getLineage = jest.spyOn(api, 'getLineage');
    await renderInTestApp(
      <TestApiProvider apis={[[modelkitApiRef, api]]}>
        <EntityProvider entity={fineTunedModelKit}>
          <Routes>
            <Route
              path="/lineage/*"
              element={<EntityModelKitLineageContent />}
            />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: [`/lineage?version=${digests.v120}`],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole(
        'link',
        { name: 'Base model: Sentiment base model' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toHaveAttribute('href', '/catalog/default/modelkit/sentiment-base');
    expect(getLineage).toHaveBeenCalledWith(
      { namespace: 'default', name: 'support-sentiment' },
      { version: digests.v120 },
    );
  });

  it('renders the model card tab', async () => {
    const api = new FixtureModelKitApi({ modelCards: [modelCardV120] });
    await renderInTestApp(
      <TestApiProvider apis={[[modelkitApiRef, api]]}>
        <EntityProvider entity={fineTunedModelKit}>
          <Routes>
            <Route
              path="/model-card/*"
              element={<EntityModelKitModelCardContent />}
            />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: ['/model-card'] },
    );
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Evaluation' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
  });

  it('lists the ModelKits of a group', async () => {
    const catalogApi = {
      getEntities: jest.fn(async () => ({ items: [fineTunedModelKit] })),
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [modelkitApiRef, new FixtureModelKitApi()],
          [catalogApiRef, catalogApi as any],
        ]}
      >
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Group',
            metadata: { name: 'nlp-team' },
            spec: { type: 'team' },
          }}
        >
          <EntityGroupModelKitsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      await screen.findByRole(
        'link',
        { name: 'Support sentiment (fine-tune)' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('v1.2.0')).toBeInTheDocument();
  });
});
