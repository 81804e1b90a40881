import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  diffV110ToV120,
  digests,
  FixtureModelKitApi,
  versionSummaries,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { backendError } from '../../__fixtures__/errors';
import { fineTunedModelKit } from '../../__fixtures__/modelkits';
import { ModelKitDiffContent } from './ModelKitDiffContent';

const entityName = { namespace: 'default', name: 'support-sentiment' };

function renderContent(api: FixtureModelKitApi, path = '/') {
  return renderInTestApp(
    <EntityProvider entity={fineTunedModelKit}>
      <ModelKitDiffContent />
    </EntityProvider>,
    { apis: [[modelkitApiRef, api]], initialRouteEntries: [path] },
  );
}

/** The cells of each body row of the table with the given title, as text. */
function tableRows(title: string): string[][] {
  const table = screen
    .getByRole('heading', { name: title })
    .closest('.MuiPaper-root') as HTMLElement;
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

function searchParams(apis: ReturnType<typeof renderContent>['apis']) {
  return new URLSearchParams(
    apis.get(coreApis.appHistory)!.getSnapshot().location.search,
  );
}

// The first render of each file compiles the table and picker modules, which
// takes longer than the default wait of one second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(15_000);

describe('ModelKitDiffContent', () => {
  it('compares the previous version with the newest by default', async () => {
    const api = new FixtureModelKitApi();
    const diff = jest.spyOn(api, 'diff');
    renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'Kitfile changes' }),
    ).toBeInTheDocument();
    expect(diff).toHaveBeenCalledTimes(1);
    expect(diff).toHaveBeenCalledWith(entityName, digests.v110, digests.v120);
    expect(screen.getByRole('combobox', { name: 'From' })).toHaveValue(
      digests.v110,
    );
    expect(screen.getByRole('combobox', { name: 'To' })).toHaveValue(
      digests.v120,
    );
    expect(
      screen.getByText('256.3 MiB to 284 MiB (+27.7 MiB)'),
    ).toBeInTheDocument();

    expect(tableRows('Kitfile changes')).toEqual([
      ['package.version', 'Changed', '1.1.0', '1.2.0'],
      ['package.authors[1]', 'Added', 'absent', 'Dana Ortiz'],
      [
        'model.parts[0]',
        'Added',
        'absent',
        '{"name":"lora-adapter","path":"adapters/lora.safetensors","type":"lora-adapter"}',
      ],
      ['model.version', 'Removed', '2025.03', 'absent'],
      [
        'datasets[0].path',
        'Changed',
        'data/train.jsonl',
        'data/validation.jsonl',
      ],
    ]);
    expect(tableRows('Annotation changes')).toEqual([
      [
        'org.opencontainers.image.created',
        'Added',
        'absent',
        '2025-05-20T09:30:00Z',
      ],
    ]);
    expect(tableRows('Parts')).toEqual([
      [
        'Changed',
        'Model',
        'model/',
        'sha256:77a7748f647a256 MiB',
        'sha256:3caab6db68e0268 MiB',
        '+12 MiB',
      ],
      [
        'Added',
        'Model part',
        'adapters/lora.safetensors',
        'absent',
        'sha256:ad0c48e4114c16 MiB',
        '+16 MiB',
      ],
      [
        'Removed',
        'Dataset',
        'data/train.jsonl',
        'sha256:0a4bdee07ba9300 KiB',
        'absent',
        '-300 KiB',
      ],
      [
        'Added',
        'Dataset',
        'data/validation.jsonl',
        'absent',
        'sha256:7077f4061ae317 KiB',
        '+17 KiB',
      ],
      [
        'Changed',
        'Docs',
        'README.md',
        'sha256:2983ae23f56c3.8 KiB',
        'sha256:5e6889d5f8474 KiB',
        '+228 B',
      ],
    ]);
    expect(
      screen.getByText('1 unchanged part is not shown'),
    ).toBeInTheDocument();
  });

  it('shows unchanged parts on request', async () => {
    const user = userEvent.setup();
    renderContent(new FixtureModelKitApi());

    await user.click(
      await screen.findByRole('checkbox', { name: 'Show unchanged parts' }),
    );

    expect(tableRows('Parts').find(row => row[0] === 'Unchanged')).toEqual([
      'Unchanged',
      'Code',
      'src/',
      'sha256:31d87df89aa218 KiB',
      'sha256:31d87df89aa218 KiB',
      '0 B',
    ]);
    expect(
      screen.queryByText('1 unchanged part is not shown'),
    ).not.toBeInTheDocument();
  });

  it('says two references to the same manifest are identical', async () => {
    const api = new FixtureModelKitApi();
    const diff = jest.spyOn(api, 'diff');
    renderContent(api, '/?from=latest&to=v1.2.0');

    expect(
      await screen.findByText('The versions are identical'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Both point at the same manifest, sha256:dd9a77c1861b: nothing differs.',
      ),
    ).toBeInTheDocument();
    expect(diff).toHaveBeenCalledWith(entityName, 'latest', 'v1.2.0');
    expect(
      screen.queryByRole('heading', { name: 'Kitfile changes' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'From' })).toHaveValue(
      digests.v120,
    );
  });

  it('compares a version with the one listed before it when only "to" is given', async () => {
    const api = new FixtureModelKitApi();
    const diff = jest.spyOn(api, 'diff').mockResolvedValue(diffV110ToV120);
    renderContent(api, '/?to=v1.1.0');

    await waitFor(() =>
      expect(diff).toHaveBeenCalledWith(entityName, digests.v100, 'v1.1.0'),
    );
  });

  it('writes the picked versions into the address', async () => {
    const api = new FixtureModelKitApi();
    const diff = jest.spyOn(api, 'diff').mockResolvedValue(diffV110ToV120);
    const user = userEvent.setup();
    const { apis } = renderContent(api);

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'From' }),
      digests.v100,
    );

    await waitFor(() =>
      expect(diff).toHaveBeenLastCalledWith(
        entityName,
        digests.v100,
        digests.v120,
      ),
    );
    let search = searchParams(apis);
    expect(search.get('from')).toBe(digests.v100);
    expect(search.get('to')).toBe(digests.v120);

    await user.click(screen.getByRole('button', { name: 'Swap versions' }));

    await waitFor(() =>
      expect(diff).toHaveBeenLastCalledWith(
        entityName,
        digests.v120,
        digests.v100,
      ),
    );
    search = searchParams(apis);
    expect(search.get('from')).toBe(digests.v120);
    expect(search.get('to')).toBe(digests.v100);
  });

  it('shows the message of the backend when the comparison fails', async () => {
    const api = new FixtureModelKitApi();
    jest.spyOn(api, 'diff').mockRejectedValue(
      await backendError({
        status: 400,
        statusText: 'Bad Request',
        name: 'InputError',
        message: 'to: no tag v7 in the repository',
        url: '/api/modelkit/modelkits/default/support-sentiment/diff?from=v1.1.0&to=v7',
      }),
    );
    renderContent(api, '/?from=v1.1.0&to=v7');

    expect(
      await screen.findByText(
        'Error: Could not compare the versions: to: no tag v7 in the repository',
      ),
    ).toBeInTheDocument();
  });

  it('refuses versions in the address that are not tags or digests', async () => {
    const api = new FixtureModelKitApi();
    const diff = jest.spyOn(api, 'diff');
    renderContent(api, `/?from=${encodeURIComponent('$(id)')}&to=v1.2.0`);

    expect(
      await screen.findByText(
        'Error: "$(id)" in the address is not a tag or a digest of this ModelKit.',
      ),
    ).toBeInTheDocument();
    expect(diff).not.toHaveBeenCalled();
  });

  it('has nothing to compare with a single version', async () => {
    const api = new FixtureModelKitApi({
      versions: versionSummaries.slice(0, 1),
      details: [],
      diffs: [],
      pageSize: 3,
    });
    const diff = jest.spyOn(api, 'diff');
    renderContent(api);

    expect(
      await screen.findByText('Nothing to compare yet'),
    ).toBeInTheDocument();
    expect(diff).not.toHaveBeenCalled();
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
