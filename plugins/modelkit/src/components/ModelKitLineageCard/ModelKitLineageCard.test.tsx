import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { configure, screen } from '@testing-library/react';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  FixtureModelKitApi,
  sentimentApiLineage,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { serviceComponent } from '../../__fixtures__/modelkits';
import { ModelKitLineageCard } from './ModelKitLineageCard';

configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

beforeAll(() => {
  (window.SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 216,
    height: 58,
  });
});

describe('ModelKitLineageCard', () => {
  it('draws the lineage of the Component from its ModelKit’s data to its cluster', async () => {
    const api = new FixtureModelKitApi({
      componentLineage: sentimentApiLineage,
    });
    const getComponentLineage = jest.spyOn(api, 'getComponentLineage');
    await renderInTestApp(
      <EntityProvider entity={serviceComponent}>
        <ModelKitLineageCard />
      </EntityProvider>,
      {
        apis: [[modelkitApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', {
        name: 'Fine-tune: Support sentiment (fine-tune)',
      }),
    ).toHaveAttribute('href', '/catalog/default/modelkit/support-sentiment');
    expect(
      screen.getByRole('link', { name: 'Base model: Sentiment base model' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Cluster: Production EU' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Model lineage')).toBeInTheDocument();
    expect(getComponentLineage).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'sentiment-api',
    });
  });
});
