import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { configure, screen, within } from '@testing-library/react';
import { modelkitPromotionApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  servingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { FixtureModelKitPromotionApi } from '../../__fixtures__/promotion';
import { PromotionSummaryCard } from './PromotionSummaryCard';

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

describe('PromotionSummaryCard', () => {
  it('shows the promoted digest of each environment, roll back where an earlier version exists, and links to the history', async () => {
    await renderInTestApp(
      <EntityProvider
        entity={{
          ...servingComponent,
          metadata: { ...servingComponent.metadata, name: 'summary-card' },
        }}
      >
        <PromotionSummaryCard />
      </EntityProvider>,
      {
        apis: [
          [modelkitPromotionApiRef, new FixtureModelKitPromotionApi()],
          [
            permissionApiRef,
            { authorize: async () => ({ result: 'ALLOW' as any }) },
          ],
        ],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const card = await screen.findByRole('region', { name: 'Promotions' });
    const rows = within(card).getAllByRole('listitem');
    expect(rows.map(r => r.getAttribute('data-environment'))).toEqual([
      'staging',
      'production',
    ]);
    expect(rows[0]).toHaveTextContent(digests.v120);
    expect(rows[1]).toHaveTextContent(digests.v120);
    expect(
      await within(rows[1]).findByRole('button', {
        name: `Roll back production to ${digests.v110}`,
      }),
    ).toBeInTheDocument();
    expect(within(rows[0]).queryByRole('button')).toBeNull();
    expect(
      within(card).getByRole('link', { name: 'Promotion history' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/summary-card/promotions',
    );
  });

  it('renders nothing in an app without the promotion API', async () => {
    await renderInTestApp(
      <EntityProvider entity={servingComponent}>
        <div data-testid="host">
          <PromotionSummaryCard />
        </div>
      </EntityProvider>,
    );
    expect(await screen.findByTestId('host')).toBeEmptyDOMElement();
  });
});
