import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityKindFilter,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { MockEntityListContextProvider } from '@backstage/plugin-catalog-react/testUtils';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
  noEvidenceStatus,
} from '@kitstage/plugin-modelkit-react/testUtils';
import {
  fineTunedModelKit,
  minimalModelKit,
} from '../../__fixtures__/modelkits';
import { ModelKitCatalogFilters } from './ModelKitCatalogFilters';
import { ModelKitFrameworkFilter, ModelKitPolicyStatusFilter } from './filters';

configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

function render(kind: string) {
  const updateFilters = jest.fn();
  const catalogApi = {
    getEntityFacets: jest.fn(async () => ({
      facets: {
        'spec.framework': [
          { value: 'transformers', count: 3 },
          { value: 'sklearn', count: 1 },
        ],
      },
    })),
    getEntities: jest.fn(async () => ({
      items: [fineTunedModelKit, minimalModelKit],
    })),
  };
  // support-sentiment's newest version failed its policy; fraud-detector has no evidence.
  const api = new FixtureModelKitApi({
    policyStatuses: [
      {
        ...noEvidenceStatus(digests.v120),
        status: 'failed',
        message: 'failed',
      },
    ],
  });
  jest.spyOn(api, 'getLatestPolicyStatus').mockImplementation(async entity => {
    const { items } = await api.getPolicyStatus(entity, [
      entity.name === 'support-sentiment' ? digests.v120 : digests.v010,
    ]);
    return { repository: 'r', lifecycle: 'production', policy: items[0] };
  });
  const rendered = renderInTestApp(
    <MockEntityListContextProvider
      value={{
        filters: { kind: new EntityKindFilter(kind, kind) },
        updateFilters,
        queryParameters: {},
      }}
    >
      <ModelKitCatalogFilters />
    </MockEntityListContextProvider>,
    {
      apis: [
        [catalogApiRef, catalogApi as any],
        [modelkitApiRef, api],
      ],
    },
  );
  return { rendered, updateFilters };
}

describe('ModelKitCatalogFilters', () => {
  it('filters by a framework the catalog has', async () => {
    const { updateFilters } = render('modelkit');
    const group = await screen.findByRole('group', { name: 'Framework' });
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'transformers' }),
    );
    expect(group).toBeInTheDocument();
    await waitFor(() =>
      expect(updateFilters).toHaveBeenLastCalledWith({
        modelkitFramework: new ModelKitFrameworkFilter(['transformers']),
      }),
    );
  });

  it('filters by the policy status of the newest version', async () => {
    const { updateFilters } = render('modelkit');
    await userEvent.click(
      await screen.findByRole('checkbox', { name: 'Failed' }),
    );
    await waitFor(() => {
      const call = updateFilters.mock.calls
        .map(([arg]) => arg.modelkitPolicy)
        .filter(Boolean)
        .pop() as ModelKitPolicyStatusFilter;
      expect(call.values).toEqual(['failed']);
      expect([...call.matching]).toEqual([
        'modelkit:default/support-sentiment',
      ]);
    });
  });

  it('shows nothing for other kinds', async () => {
    const { updateFilters } = render('component');
    await waitFor(() =>
      expect(updateFilters).toHaveBeenCalledWith({ modelkitPolicy: undefined }),
    );
    expect(screen.queryByRole('group', { name: 'Framework' })).toBeNull();
    expect(screen.queryByRole('group', { name: 'Policy status' })).toBeNull();
  });
});
