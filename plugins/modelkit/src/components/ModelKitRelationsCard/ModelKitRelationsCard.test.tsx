import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import {
  fineTunedModelKit,
  minimalModelKit,
} from '../../__fixtures__/modelkits';
import { ModelKitRelationsCard } from './ModelKitRelationsCard';

function renderCard(entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelKitRelationsCard />
    </EntityProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** The hrefs of the links in the group with the given heading. */
function groupLinks(heading: string): Array<string | null> {
  const group = screen.getByRole('region', { name: heading });
  return within(group)
    .getAllByRole('link')
    .map(link => link.getAttribute('href'));
}

describe('ModelKitRelationsCard', () => {
  it('groups the relations of a ModelKit by type', async () => {
    await renderCard(fineTunedModelKit);

    expect(
      await screen.findByRole('heading', { name: 'Relations' }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('heading', { level: 4 }).map(h => h.textContent),
    ).toEqual(['Built from', 'Used by', 'Owned by', 'Part of']);
    expect(groupLinks('Built from')).toEqual([
      '/catalog/default/modelkit/sentiment-base',
      '/catalog/default/modelkit/support-tickets',
      '/catalog/research/modelkit/product-reviews',
    ]);
    expect(groupLinks('Used by')).toEqual([
      '/catalog/default/component/sentiment-api',
    ]);
    expect(groupLinks('Owned by')).toEqual(['/catalog/default/group/nlp-team']);
    expect(groupLinks('Part of')).toEqual([
      '/catalog/default/system/customer-insights',
    ]);
  });

  it('names the kind of each related entity', async () => {
    await renderCard(fineTunedModelKit);

    const usedBy = await screen.findByRole('region', { name: 'Used by' });
    expect(within(usedBy).getByRole('listitem')).toHaveTextContent(
      'sentiment-apiComponent',
    );
    const builtFrom = screen.getByRole('region', { name: 'Built from' });
    expect(
      within(builtFrom).getAllByText('ModelKit', { selector: 'span' }),
    ).toHaveLength(3);
  });

  it('shows other relation types under their own name', async () => {
    await renderCard({
      ...minimalModelKit,
      relations: [
        { type: 'hasPart', targetRef: 'resource:default/feature-store' },
      ],
    });

    expect(
      await screen.findByRole('region', { name: 'Has part' }),
    ).toBeInTheDocument();
    expect(groupLinks('Has part')).toEqual([
      '/catalog/default/resource/feature-store',
    ]);
  });

  it('says so when the ModelKit has no relations', async () => {
    await renderCard(minimalModelKit);

    expect(
      await screen.findByText('This ModelKit has no relations yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
