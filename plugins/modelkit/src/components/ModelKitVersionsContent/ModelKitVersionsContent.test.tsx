import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  formatRelativeTime,
  modelkitApiRef,
} from '@kitstage/plugin-modelkit-react';
import {
  attestationApiData,
  digests,
  FixtureModelKitApi,
  repository,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { registryUnreachable } from '../../__fixtures__/errors';
import {
  fineTunedModelKit,
  minimalModelKit,
} from '../../__fixtures__/modelkits';
import { captureClipboard } from '../../testUtils/captureClipboard';
import { ModelKitVersionsContent } from './ModelKitVersionsContent';

const entityName = { namespace: 'default', name: 'support-sentiment' };

function renderContent(
  api: FixtureModelKitApi,
  entity: Entity = fineTunedModelKit,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelKitVersionsContent pageSize={3} />
    </EntityProvider>,
    { apis: [[modelkitApiRef, api]] },
  );
}

/** The table row of the version with the given tag. */
async function rowOf(tag: string): Promise<HTMLElement> {
  const tags = await screen.findByRole('list', { name: `Tags of ${tag}` });
  const row = tags.closest('tr');
  if (!row) {
    throw new Error(`no table row holds the tags of ${tag}`);
  }
  return row;
}

// The first render of each file compiles the table and picker modules, which
// takes longer than the default wait of one second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(15_000);

describe('ModelKitVersionsContent', () => {
  it('lists the first page of versions newest first', async () => {
    const api = new FixtureModelKitApi();
    const listVersions = jest.spyOn(api, 'listVersions');
    renderContent(api);

    const newest = await rowOf('v1.2.0');
    expect(within(newest).getByText('latest')).toBeInTheDocument();
    expect(within(newest).getByText('1.2.0')).toBeInTheDocument();
    expect(within(newest).getByText('sha256:dd9a77c1861b')).toHaveAttribute(
      'title',
      digests.v120,
    );
    expect(within(newest).getByText('284 MiB')).toBeInTheDocument();
    expect(newest.querySelector('time')).toHaveAttribute(
      'dateTime',
      '2025-05-20T09:30:00.000Z',
    );
    expect(newest.querySelector('time')).toHaveTextContent(
      formatRelativeTime(new Date('2025-05-20T09:30:00Z')),
    );

    const labels = screen
      .getAllByRole('list', { name: /^Tags of / })
      .map(list => list.getAttribute('aria-label'));
    expect(labels).toEqual([
      'Tags of v1.2.0',
      'Tags of v1.1.0',
      'Tags of v1.0.0',
    ]);
    expect(listVersions).toHaveBeenCalledTimes(1);
    expect(listVersions).toHaveBeenCalledWith(entityName, { limit: 3 });
    expect(screen.getByText(repository)).toBeInTheDocument();
  });

  it('loads older versions with the cursor of the previous page', async () => {
    const api = new FixtureModelKitApi();
    const listVersions = jest.spyOn(api, 'listVersions');
    const user = userEvent.setup();
    renderContent(api);

    await rowOf('v1.0.0');
    expect(screen.queryByRole('list', { name: 'Tags of v0.9.0' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    const early = await rowOf('v0.1.0-rc1');
    expect(listVersions).toHaveBeenLastCalledWith(entityName, {
      cursor: 'page-3',
      limit: 3,
    });
    // A version without a recorded creation time or package version.
    expect(within(early).getByText('3 KiB')).toBeInTheDocument();
    expect(early.querySelector('time')).toBeNull();
    expect(screen.getAllByRole('list', { name: /^Tags of / })).toHaveLength(5);
    // The last page has no cursor: nothing more to load.
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(listVersions).toHaveBeenCalledTimes(2);
  });

  it('copies kit pull and kit unpack commands pinned to the digest', async () => {
    const clipboard = captureClipboard();
    try {
      const user = userEvent.setup();
      renderContent(new FixtureModelKitApi());

      await user.click(
        await screen.findByRole('button', {
          name: 'Copy kit pull command for v1.1.0',
        }),
      );
      await user.click(
        screen.getByRole('button', {
          name: 'Copy kit unpack command for v1.1.0',
        }),
      );
      await user.click(
        screen.getByRole('button', {
          name: 'Copy digest sha256:dd9a77c1861b',
        }),
      );

      expect(clipboard.copied).toEqual([
        `kit pull registry.example.com:5000/kitstage-demo/support-sentiment@${digests.v110}`,
        `kit unpack registry.example.com:5000/kitstage-demo/support-sentiment@${digests.v110} -d support-sentiment`,
        digests.v120,
      ]);
    } finally {
      clipboard.restore();
    }
  });

  it('writes commands from the repository the backend reports when the spec has no valid one', async () => {
    renderContent(new FixtureModelKitApi(), {
      ...minimalModelKit,
      spec: {
        ...minimalModelKit.spec,
        repository: 'registry.example.com/risk/x; rm -rf ~',
      },
    });

    const row = await rowOf('v1.2.0');
    expect(
      within(row).getByText(
        `kit pull registry.example.com:5000/kitstage-demo/support-sentiment@${digests.v120}`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/rm -rf/)).toBeNull();
  });

  it('offers no commands when no repository parses', async () => {
    const api = new FixtureModelKitApi();
    const page = await api.listVersions(entityName, { limit: 3 });
    jest
      .spyOn(api, 'listVersions')
      .mockResolvedValue({ ...page, repository: 'Not A Repository' });
    renderContent(api, {
      ...minimalModelKit,
      spec: { ...minimalModelKit.spec, repository: 'registry.example.com/a b' },
    });

    const row = await rowOf('v1.2.0');
    expect(
      within(row).getByText(
        'No commands: the repository is not a valid OCI repository',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Copy kit pull command/ }),
    ).toBeNull();
  });

  it('lists tags that are not ModelKits quietly', async () => {
    const user = userEvent.setup();
    renderContent(new FixtureModelKitApi());

    const summary = await screen.findByText('2 tags are left out');
    expect(screen.getByText('serve-1.2.0')).not.toBeVisible();
    await user.click(summary);
    expect(screen.getByText('serve-1.2.0')).toBeVisible();
    expect(
      screen.getByText(/config media type application\/vnd.oci.image.config/),
    ).toBeInTheDocument();
    // Skipped tags are not versions.
    expect(
      screen.queryByRole('list', { name: 'Tags of serve-1.2.0' }),
    ).toBeNull();
  });

  it('says when the backend read only part of a very large repository', async () => {
    const api = new FixtureModelKitApi();
    const page = await api.listVersions(entityName, { limit: 3 });
    jest
      .spyOn(api, 'listVersions')
      .mockResolvedValue({ ...page, nextCursor: undefined, truncated: true });
    renderContent(api);

    expect(
      await screen.findByText(
        'The repository has more tags than the registry settings allow to read; older versions may be missing.',
      ),
    ).toBeInTheDocument();
  });

  it('says when the registry holds no version yet', async () => {
    const api = new FixtureModelKitApi({
      versions: [],
      details: [],
      diffs: [],
      pageSize: 3,
    });
    renderContent(api);

    expect(await screen.findByText('No versions yet')).toBeInTheDocument();
    expect(
      screen.getByText(
        `The registry holds no ModelKit in ${repository} yet. Push one with kit push.`,
      ),
    ).toBeInTheDocument();
  });

  it('shows the message of the backend when the registry cannot be reached', async () => {
    const api = new FixtureModelKitApi();
    jest
      .spyOn(api, 'listVersions')
      .mockRejectedValue(
        await registryUnreachable(
          '/api/modelkit/modelkits/default/support-sentiment/versions?limit=3',
        ),
      );
    renderContent(api);

    expect(
      await screen.findByText(
        'Error: Could not list the versions: Registry registry.example.com:5000 could not be reached: connect ECONNREFUSED 10.0.0.12:5000',
      ),
    ).toBeInTheDocument();
  });

  it('shows the message of an error that is not a response of the backend', async () => {
    const api = new FixtureModelKitApi();
    jest
      .spyOn(api, 'listVersions')
      .mockRejectedValue(new TypeError('Failed to fetch'));
    renderContent(api);

    expect(
      await screen.findByText(
        'Error: Could not list the versions: Failed to fetch',
      ),
    ).toBeInTheDocument();
  });

  it('keeps the versions it has when a further page fails', async () => {
    const api = new FixtureModelKitApi();
    const listVersions = api.listVersions.bind(api);
    jest
      .spyOn(api, 'listVersions')
      .mockImplementation(async (entity, options) => {
        if (options?.cursor) {
          throw await registryUnreachable('/versions?cursor=page-3');
        }
        return listVersions(entity, options);
      });
    const user = userEvent.setup();
    renderContent(api);

    await rowOf('v1.0.0');
    await user.click(screen.getByRole('button', { name: 'Load more' }));

    expect(
      await screen.findByText(/^Error: Could not load more versions: Registry/),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('list', { name: /^Tags of / })).toHaveLength(3);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Load more' })).toBeEnabled(),
    );
  });

  describe('policy badges', () => {
    /** The policy cell of a version's row. */
    async function policyOf(tag: string): Promise<HTMLElement> {
      const row = await rowOf(tag);
      const cell = row.querySelectorAll('td')[5];
      if (!(cell instanceof HTMLElement)) {
        throw new Error(`the row of ${tag} has no policy cell`);
      }
      return cell;
    }

    it('shows the policy status of every version from one request per page', async () => {
      const api = new FixtureModelKitApi(attestationApiData);
      const getPolicyStatus = jest.spyOn(api, 'getPolicyStatus');
      const getAttestations = jest.spyOn(api, 'getAttestations');
      renderContent(api);

      expect(
        await screen.findByRole('columnheader', { name: 'Policy' }),
      ).toBeInTheDocument();
      await waitFor(async () =>
        expect(await policyOf('v1.2.0')).toHaveTextContent('Policy failed'),
      );
      expect(
        (await policyOf('v1.2.0')).querySelector('[data-policy]'),
      ).toHaveAttribute('data-policy', 'failed');
      expect(await policyOf('v1.1.0')).toHaveTextContent('Evidence missing');
      expect(await policyOf('v1.0.0')).toHaveTextContent('Policy passed');
      expect(getPolicyStatus).toHaveBeenCalledTimes(1);
      expect(getPolicyStatus).toHaveBeenCalledWith(entityName, [
        digests.v120,
        digests.v110,
        digests.v100,
      ]);
      // Badges never cost a request per version.
      expect(getAttestations).not.toHaveBeenCalled();
    });

    it('asks only for the versions of a further page', async () => {
      const user = userEvent.setup();
      const api = new FixtureModelKitApi(attestationApiData);
      const getPolicyStatus = jest.spyOn(api, 'getPolicyStatus');
      renderContent(api);

      await waitFor(async () =>
        expect(await policyOf('v1.0.0')).toHaveTextContent('Policy passed'),
      );
      await user.click(screen.getByRole('button', { name: 'Load more' }));

      await waitFor(async () =>
        expect(await policyOf('v0.9.0')).toHaveTextContent('Evidence missing'),
      );
      expect(getPolicyStatus).toHaveBeenCalledTimes(2);
      expect(getPolicyStatus).toHaveBeenLastCalledWith(entityName, [
        digests.v090,
        digests.v010,
      ]);
    });

    it('explains the status in a tooltip, with why it could not be checked', async () => {
      const user = userEvent.setup();
      const api = new FixtureModelKitApi(attestationApiData);
      renderContent(api);
      await user.click(
        await screen.findByRole('button', { name: 'Load more' }),
      );

      const badge = await waitFor(async () => {
        const found = within(await policyOf('v0.9.0')).getByText(
          'Evidence missing',
        );
        return found;
      });
      await user.hover(badge);
      expect(
        await screen.findByText(
          'Policy for production — Rule scan-clean has no evidence: No verified scan evaluation from scanner Could not check: Registry registry.example.com:5000 could not be reached: connect ECONNREFUSED 10.0.0.12:5000',
        ),
      ).toBeInTheDocument();
    });

    it('shows a lifecycle without rules as no policy, never as passed', async () => {
      const api = new FixtureModelKitApi({
        ...attestationApiData,
        lifecycle: 'experimental',
        policyStatuses: [
          {
            digest: digests.v120,
            status: 'passed',
            applies: false,
            message: 'No attestations are required for lifecycle experimental',
            counts: {
              verified: 0,
              'untrusted-signer': 0,
              'invalid-signature': 0,
              'subject-mismatch': 0,
              unsigned: 0,
              malformed: 0,
              'not-checked': 0,
            },
            complete: true,
          },
        ],
      });
      renderContent(api);

      await waitFor(async () =>
        expect(await policyOf('v1.2.0')).toHaveTextContent('No policy'),
      );
      expect(await policyOf('v1.2.0')).not.toHaveTextContent('Policy passed');
    });

    it('keeps the versions and says so when the policy status cannot be loaded', async () => {
      const api = new FixtureModelKitApi(attestationApiData);
      jest
        .spyOn(api, 'getPolicyStatus')
        .mockRejectedValue(
          await registryUnreachable(
            '/api/modelkit/modelkits/default/support-sentiment/policy',
          ),
        );
      renderContent(api);

      expect(
        await screen.findByText(
          /^Error: Could not check the policy status of the versions: Registry/,
        ),
      ).toBeInTheDocument();
      expect(
        within(await policyOf('v1.2.0')).getByLabelText(
          'Policy status unavailable',
        ),
      ).toHaveTextContent('-');
      expect(screen.getAllByRole('list', { name: /^Tags of / })).toHaveLength(
        3,
      );
    });
  });
});
