import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { configure, screen, within } from '@testing-library/react';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import { FixtureModelKitApi } from '@kitstage/plugin-modelkit-react/testUtils';
import {
  fineTunedModelKit,
  minimalModelKit,
} from '../../__fixtures__/modelkits';
import { GroupModelKitsCard } from './GroupModelKitsCard';

configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

function render(items: Entity[], api = new FixtureModelKitApi()) {
  const catalogApi = { getEntities: jest.fn(async () => ({ items })) };
  const rendered = renderInTestApp(
    <EntityProvider entity={group}>
      <GroupModelKitsCard />
    </EntityProvider>,
    {
      apis: [
        [modelkitApiRef, api],
        [catalogApiRef, catalogApi as any],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { rendered, catalogApi };
}

describe('GroupModelKitsCard', () => {
  it('lists the ModelKits the group owns with their newest version, size and policy', async () => {
    const api = new FixtureModelKitApi();
    const { catalogApi } = render(
      [
        fineTunedModelKit,
        {
          ...minimalModelKit,
          metadata: {
            ...minimalModelKit.metadata,
            annotations: {
              'kitstage.dev/latest-version': 'v3.0.0',
              'kitstage.dev/latest-size': '2048',
            },
          },
        },
      ],
      api,
    );
    const link = await screen.findByRole('link', {
      name: 'Support sentiment (fine-tune)',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/modelkit/support-sentiment',
    );
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'ModelKit',
          'relations.ownedBy': 'group:default/nlp-team',
        },
      }),
    );
    const row = link.closest('tr')!;
    expect(await within(row).findByText('v1.2.0')).toBeInTheDocument();
    expect(within(row).getByText('transformers')).toBeInTheDocument();
    expect(within(row).getByText('284 MiB')).toBeInTheDocument();
    expect(row.querySelector('[data-policy="missing"]')).not.toBeNull();

    // Annotations written by the catalog module are used as they are.
    const other = screen
      .getByRole('link', { name: 'fraud-detector' })
      .closest('tr')!;
    expect(within(other).getByText('v3.0.0')).toBeInTheDocument();
    expect(within(other).getByText('2 KiB')).toBeInTheDocument();
  });

  it('says when the group owns no ModelKit', async () => {
    render([]);
    expect(
      await screen.findByText('This group owns no ModelKit.'),
    ).toBeInTheDocument();
  });
});
