import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  act,
  configure,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  modelkitApiRef,
  modelkitDeploymentsApiRef,
} from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
  FixtureModelKitDeploymentsApi,
  modelKitDeployments,
  nightlyResolveError,
  repository,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { backendError } from '../../__fixtures__/errors';
import { fineTunedModelKit } from '../../__fixtures__/modelkits';
import { ModelKitWhereItRunsContent } from './ModelKitWhereItRunsContent';

function renderContent(
  api = new FixtureModelKitDeploymentsApi(),
  props: { deploymentsPath?: string } = {},
  modelKitApi = new FixtureModelKitApi(),
) {
  return renderInTestApp(
    <EntityProvider entity={fineTunedModelKit}>
      <ModelKitWhereItRunsContent {...props} />
    </EntityProvider>,
    {
      apis: [
        [modelkitDeploymentsApiRef, api],
        [modelkitApiRef, modelKitApi],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The rows of the table of a version, as their cells' text. */
function rowsOf(version: string): string[][] {
  const table = screen.getByRole('table', { name: `Where ${version} runs` });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

describe('ModelKitWhereItRunsContent', () => {
  it('lists each running version with the services and clusters running it', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getModelKitDeployments = jest.spyOn(api, 'getModelKitDeployments');
    await renderContent(api);

    const latest = await screen.findByRole('region', {
      name: 'v1.2.0, latest',
    });
    expect(within(latest).getByText('sha256:dd9a77c1861b')).toHaveAttribute(
      'title',
      digests.v120,
    );
    expect(within(latest).getByText('Policy passed')).toBeVisible();
    expect(rowsOf('v1.2.0, latest')).toEqual([
      [
        'Support sentiment API',
        'Production EU',
        'Deployment nlp/support-sentiment-api',
        'Healthy',
        '3',
        '-',
      ],
      [
        'Support sentiment API',
        'Staging',
        'InferenceService nlp/support-sentiment-api',
        'Progressing',
        '1',
        '10 %',
      ],
    ]);
    expect(getModelKitDeployments).toHaveBeenCalledWith({
      namespace: 'default',
      name: 'support-sentiment',
    });
    expect(
      screen.getByText('3 versions running on 4 clusters'),
    ).toBeInTheDocument();
    expect(screen.getByText(repository)).toBeInTheDocument();
  });

  it('says a running digest is in no known registry when the registry does not list it', async () => {
    const modelKitApi = new FixtureModelKitApi({
      versions: [
        {
          digest: digests.v120,
          tags: ['v1.2.0', 'latest'],
          size: 1,
        },
      ],
      pageSize: 1,
    });
    const listVersions = jest.spyOn(modelKitApi, 'listVersions');
    await renderContent(undefined, {}, modelKitApi);
    const v110 = await screen.findByRole('region', { name: 'v1.1.0' });
    expect(
      await within(v110).findByText('Not in any known registry'),
    ).toBeInTheDocument();
    expect(within(v110).getByTitle(digests.v110)).toBeInTheDocument();
    const latest = screen.getByRole('region', { name: 'v1.2.0, latest' });
    expect(within(latest).queryByText('Not in any known registry')).toBeNull();
    // The cards share one listing of the ModelKit's versions.
    expect(listVersions).toHaveBeenCalledTimes(1);
  });

  it('claims nothing when the registry listing is incomplete', async () => {
    const modelKitApi = new FixtureModelKitApi();
    const listing = Promise.resolve({
      repository,
      items: [],
      truncated: true,
    });
    const listVersions = jest
      .spyOn(modelKitApi, 'listVersions')
      .mockReturnValue(listing);
    await renderContent(undefined, {}, modelKitApi);
    await screen.findByRole('region', { name: 'v1.1.0' });
    await waitFor(() => expect(listVersions).toHaveBeenCalled());
    await act(() => listing);
    expect(screen.queryByText('Not in any known registry')).toBeNull();
  });

  it('shows a failed policy with its reason', async () => {
    await renderContent();

    const v110 = await screen.findByRole('region', { name: 'v1.1.0' });
    expect(within(v110).getByText('Policy failed')).toBeVisible();
    expect(
      within(v110).getByText(
        'Rule evaluation-passed failed: no evaluation attestation with accuracy >= 0.9.',
      ),
    ).toBeVisible();
    expect(rowsOf('v1.1.0')[0][3]).toBe('Degraded');
  });

  it('shows a version whose tag could not be resolved, run by no catalog service, on a simulated cluster', async () => {
    await renderContent();

    const nightly = await screen.findByRole('region', { name: 'nightly' });
    expect(
      within(nightly).getByText(`Digest unknown: ${nightlyResolveError}`),
    ).toBeVisible();
    expect(within(nightly).getByText(`${repository}:nightly`)).toBeVisible();
    expect(rowsOf('nightly')).toEqual([
      [
        'sentiment-shadow',
        'Edgesimulated',
        'Deployment lab/sentiment-shadow',
        '-',
        '1',
        '-',
      ],
    ]);
    expect(within(nightly).getByText('simulated')).toBeVisible();
  });

  it('links each service to its Deployments tab', async () => {
    await renderContent(undefined, { deploymentsPath: '/runtime/' });

    const latest = await screen.findByRole('region', {
      name: 'v1.2.0, latest',
    });
    for (const link of within(latest).getAllByRole('link', {
      name: 'Support sentiment API',
    })) {
      expect(link).toHaveAttribute(
        'href',
        '/catalog/default/component/support-sentiment-api/runtime',
      );
    }
  });

  it('names the clusters that could not be read', async () => {
    await renderContent();

    const title = await screen.findByText(
      '2 clusters could not be read; versions running there are not shown',
    );
    const alert = title.closest('[role="alert"]') as HTMLElement;
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Production AP: Cluster prod-ap did not answer within 10 s (GET /apis/apps/v1/deployments)',
      'Production SA: Cluster prod-sa answered 403: deployments.apps is forbidden: User "system:serviceaccount:backstage:reader" cannot list resource "deployments"',
    ]);
  });

  it('says when no version runs anywhere', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const response = modelKitDeployments();
    jest
      .spyOn(api, 'getModelKitDeployments')
      .mockResolvedValue({ ...response, versions: [] });
    await renderContent(api);

    expect(await screen.findByText('Not running anywhere')).toBeVisible();
    expect(
      screen.getByText(
        `No workload on the 5 clusters read runs a version of ${repository}.`,
      ),
    ).toBeVisible();
  });

  it('shows the message of the backend when the request fails', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    jest.spyOn(api, 'getModelKitDeployments').mockRejectedValue(
      await backendError({
        status: 503,
        statusText: 'Service Unavailable',
        name: 'ServiceUnavailableError',
        message: 'The Kubernetes plugin has no clusters configured',
        url: '/api/modelkit/deployments/modelkits/default/support-sentiment',
      }),
    );
    await renderContent(api);

    expect(
      await screen.findByText(
        'Error: Could not load where this ModelKit runs: The Kubernetes plugin has no clusters configured',
      ),
    ).toBeInTheDocument();
  });
});
