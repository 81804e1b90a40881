import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { modelkitPromotionApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  servingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import {
  FixtureModelKitPromotionApi,
  historyResponse,
} from '../../__fixtures__/promotion';
import { PromotionHistoryContent } from './PromotionHistoryContent';

configure({ asyncUtilTimeout: 5_000 });

/**
 * The serving Component under another name: usePermission caches answers by
 * request for the whole test file, so each permission test asks about its own
 * Component.
 */
function componentNamed(name: string): Entity {
  return {
    ...servingComponent,
    metadata: { ...servingComponent.metadata, name },
  };
}
jest.setTimeout(20_000);

/** A definitive answer of the permission API (allow or deny). */
type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

function renderContent(
  options: {
    api?: FixtureModelKitPromotionApi;
    /** Whether the permission API allows promoting; it does by default. */
    allow?: boolean;
    entity?: Entity;
  } = {},
) {
  const permissionRequests: unknown[] = [];
  const api = options.api ?? new FixtureModelKitPromotionApi();
  return {
    api,
    permissionRequests,
    ...renderInTestApp(
      <EntityProvider entity={options.entity ?? servingComponent}>
        <PromotionHistoryContent />
      </EntityProvider>,
      {
        apis: [
          [modelkitPromotionApiRef, api],
          [
            permissionApiRef,
            {
              authorize: async request => {
                permissionRequests.push(request);
                return {
                  result: options.allow === false ? 'DENY' : 'ALLOW',
                } as Decision;
              },
            },
          ],
        ],
      },
    ),
  };
}

async function environmentSection(title: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name: title });
}

describe('PromotionHistoryContent', () => {
  it('shows each environment newest first with who promoted which digest through which pull request', async () => {
    const { api } = renderContent();
    const production = await environmentSection('Production');
    const items = within(
      within(production).getByRole('list', {
        name: 'Promotions into Production',
      }),
    ).getAllByRole('listitem');
    expect(items.map(i => within(i).getByText(/^sha256:/).textContent)).toEqual(
      [digests.v120, digests.v110, digests.v100],
    );
    expect(items[0]).toHaveTextContent('2026-11-24 10:00 UTC by Ada Lovelace');
    expect(items[1]).toHaveTextContent('by Grace Hopper');
    expect(
      within(items[1]).getByRole('link', { name: /pull request #9/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/kitstage-demo/support-sentiment-api/pull/9',
    );
    const staging = await environmentSection('Staging');
    expect(within(staging).getAllByRole('listitem')).toHaveLength(1);
    // A pull request number without a URL is named, not linked.
    expect(staging).toHaveTextContent('through pull request #11');
    expect(within(staging).queryByRole('link')).toBeNull();
    expect(api.historyCalls).toEqual([
      { namespace: 'default', name: 'support-sentiment-api' },
    ]);
  });

  it('answers which model was live at a time, in UTC', async () => {
    renderContent();
    const production = await environmentSection('Production');
    const input = within(production).getByLabelText(
      'Which model was live at (UTC)',
    );
    fireEvent.change(input, { target: { value: '2026-11-23T03:00' } });
    const answer = within(production).getByRole('status');
    expect(answer).toHaveTextContent(
      'Live in production at 2026-11-23 03:00 UTC',
    );
    expect(answer).toHaveTextContent(digests.v110);
    expect(answer).toHaveTextContent('pull request #9');

    // Exactly at a commit's time, that commit is in effect.
    fireEvent.change(input, { target: { value: '2026-11-24T10:00' } });
    expect(within(production).getByRole('status')).toHaveTextContent(
      digests.v120,
    );

    fireEvent.change(input, { target: { value: '2026-11-01T00:00' } });
    expect(within(production).getByRole('status')).toHaveTextContent(
      'Nothing had been promoted into production by then.',
    );
  });

  it('offers to roll production back to the previously promoted digest, prefilled in the promote template', async () => {
    const { permissionRequests } = renderContent({
      entity: componentNamed('rollback-allowed'),
    });
    const production = await environmentSection('Production');
    const rollback = await within(production).findByRole('button', {
      name: `Roll back production to ${digests.v110}`,
    });
    const url = new URL(rollback.getAttribute('href')!, 'http://localhost');
    expect(url.pathname).toBe('/create/templates/default/promote-modelkit');
    expect(JSON.parse(url.searchParams.get('formData')!)).toEqual({
      component: 'component:default/rollback-allowed',
      environment: 'production',
      version: digests.v110,
    });
    expect(permissionRequests).toContainEqual(
      expect.objectContaining({
        permission: expect.objectContaining({
          name: 'kitstage.modelkit.promote',
        }),
        resourceRef: 'component:default/rollback-allowed',
      }),
    );
    // Staging only ever ran one version: nothing to roll back to.
    const staging = await environmentSection('Staging');
    expect(
      within(staging).queryByRole('button', { name: /Roll back/ }),
    ).toBeNull();
  });

  it('hides roll back from users who may not promote the Component', async () => {
    const { permissionRequests } = renderContent({
      allow: false,
      entity: componentNamed('rollback-denied'),
    });
    const production = await environmentSection('Production');
    await within(production).findByRole('list', {
      name: 'Promotions into Production',
    });
    // The permission was asked and answered before absence is asserted.
    await waitFor(() => expect(permissionRequests).toHaveLength(1));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(
      within(production).queryByRole('button', { name: /Roll back/ }),
    ).toBeNull();
  });

  it('says so when an environment has no promotion in the Git history', async () => {
    renderContent({
      api: new FixtureModelKitPromotionApi({
        history: historyResponse(
          historyResponse().entries.filter(e => e.environment !== 'staging'),
        ),
      }),
    });
    const staging = await environmentSection('Staging');
    expect(staging).toHaveTextContent(
      'No promotion into Staging in the Git history of deploy/overlays/staging.',
    );
  });

  it('shows the backend error when the history cannot be read', async () => {
    renderContent({
      api: new FixtureModelKitPromotionApi({
        historyError: new Error(
          'Could not read the Git history of https://github.com/x/y: not found',
        ),
      }),
    });
    expect(
      await screen.findByText(
        'Error: Could not load the promotion history: Could not read the Git history of https://github.com/x/y: not found',
      ),
    ).toBeInTheDocument();
  });
});
