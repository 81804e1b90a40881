import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { fineTunedModelKit } from './__fixtures__/modelkits';
import {
  EntityModelKitAboutCard,
  EntityModelKitRelationsCard,
  modelkitPlugin,
} from './plugin';

describe('legacy modelkit plugin', () => {
  it('has the modelkit plugin id', () => {
    expect(modelkitPlugin.getId()).toBe('modelkit');
  });

  it('renders the ModelKit cards in an app on the legacy frontend system', async () => {
    await renderInTestApp(
      <EntityProvider entity={fineTunedModelKit}>
        <EntityModelKitAboutCard />
        <EntityModelKitRelationsCard />
      </EntityProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByRole('heading', { name: 'About' }),
    ).toBeInTheDocument();
    const baseModel = screen.getByText('Base model', { selector: 'dt' })
      .nextElementSibling as HTMLElement;
    expect(within(baseModel).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/modelkit/sentiment-base',
    );
    expect(
      await screen.findByRole('region', { name: 'Built from' }),
    ).toBeInTheDocument();
  });
});
