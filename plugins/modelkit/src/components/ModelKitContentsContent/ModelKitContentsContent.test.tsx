import { coreApis } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
  versionV110,
  versionV120,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { backendError } from '../../__fixtures__/errors';
import { fineTunedModelKit } from '../../__fixtures__/modelkits';
import { captureClipboard } from '../../testUtils/captureClipboard';
import { ModelKitContentsContent } from './ModelKitContentsContent';

const entityName = { namespace: 'default', name: 'support-sentiment' };

function renderContent(api: FixtureModelKitApi, path = '/') {
  return renderInTestApp(
    <EntityProvider entity={fineTunedModelKit}>
      <ModelKitContentsContent />
    </EntityProvider>,
    { apis: [[modelkitApiRef, api]], initialRouteEntries: [path] },
  );
}

/** The value element (`dd`) of the field with the given label. */
function field(label: string): HTMLElement {
  const value = screen.getByText(label, { selector: 'dt' }).nextElementSibling;
  if (!(value instanceof HTMLElement)) {
    throw new Error(`field ${label} has no value`);
  }
  return value;
}

/** The cells of each body row of the layers table, as text. */
function layerRows(): string[][] {
  const table = screen
    .getByRole('heading', { name: 'Layers' })
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

// The first render of each file compiles the table and picker modules, which
// takes longer than the default wait of one second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(15_000);

describe('ModelKitContentsContent', () => {
  it('shows the newest version when the address names none', async () => {
    const api = new FixtureModelKitApi();
    const getVersion = jest.spyOn(api, 'getVersion');
    renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'Kitfile' }),
    ).toBeInTheDocument();
    expect(getVersion).toHaveBeenCalledTimes(1);
    expect(getVersion).toHaveBeenCalledWith(entityName, digests.v120);
    expect(screen.getByRole('combobox', { name: 'Version' })).toHaveValue(
      digests.v120,
    );

    expect(field('Name')).toHaveTextContent('support-sentiment');
    expect(field('Version')).toHaveTextContent('1.2.0');
    expect(field('Authors')).toHaveTextContent(
      'NLP team <nlp@example.com>, Dana Ortiz',
    );
    expect(field('License')).toHaveTextContent('Apache-2.0');
    expect(field('Description')).toHaveTextContent(
      'sentiment-base fine-tuned on support tickets, with a LoRA adapter',
    );
    expect(field('Size')).toHaveTextContent('284 MiB');
    expect(field('Format')).toHaveTextContent('KitOps');
    expect(
      within(field('Digest')).getByText('sha256:dd9a77c1861b'),
    ).toBeInTheDocument();

    expect(screen.getByText('5 layers, 284 MiB in total')).toBeInTheDocument();
    expect(layerRows()).toEqual([
      [
        'Model',
        'model/',
        'support-sentiment',
        'application/vnd.kitops.modelkit.model.v1.tar+gzip',
        'gzip',
        '268 MiB',
        'sha256:3caab6db68e0',
      ],
      [
        'Model part',
        'adapters/lora.safetensors',
        'lora-adapter',
        'application/vnd.kitops.modelkit.modelpart.v1.tar',
        'none',
        '16 MiB',
        'sha256:ad0c48e4114c',
      ],
      [
        'Code',
        'src/',
        '-',
        'application/vnd.kitops.modelkit.code.v1.tar+gzip',
        'gzip',
        '18 KiB',
        'sha256:31d87df89aa2',
      ],
      [
        'Dataset',
        'data/validation.jsonl',
        'validation',
        'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
        'gzip',
        '17 KiB',
        'sha256:7077f4061ae3',
      ],
      [
        'Docs',
        'README.md',
        '-',
        'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
        'gzip',
        '4 KiB',
        'sha256:5e6889d5f847',
      ],
    ]);
  });

  it('opens the version named in the address', async () => {
    const api = new FixtureModelKitApi();
    const getVersion = jest.spyOn(api, 'getVersion');
    renderContent(api, '/?version=v1.1.0');

    expect(
      await screen.findByText('4 layers, 256.3 MiB in total'),
    ).toBeInTheDocument();
    expect(getVersion).toHaveBeenCalledTimes(1);
    expect(getVersion).toHaveBeenCalledWith(entityName, 'v1.1.0');
    expect(field('Version')).toHaveTextContent('1.1.0');
    expect(
      await screen.findByRole('combobox', { name: 'Version' }),
    ).toHaveValue(digests.v110);
  });

  it('writes the picked version into the address', async () => {
    const api = new FixtureModelKitApi();
    const getVersion = jest.spyOn(api, 'getVersion');
    const user = userEvent.setup();
    const { apis } = renderContent(api, '/?tab=layers');

    const picker = await screen.findByRole('combobox', { name: 'Version' });
    await user.selectOptions(picker, digests.v110);

    await waitFor(() =>
      expect(getVersion).toHaveBeenLastCalledWith(entityName, digests.v110),
    );
    expect(
      await screen.findByText('4 layers, 256.3 MiB in total'),
    ).toBeInTheDocument();
    const search = new URLSearchParams(
      apis.get(coreApis.appHistory)!.getSnapshot().location.search,
    );
    expect(search.get('version')).toBe(digests.v110);
    expect(search.get('tab')).toBe('layers');
  });

  it('copies the commands the backend wrote for the version', async () => {
    const clipboard = captureClipboard();
    try {
      const user = userEvent.setup();
      renderContent(new FixtureModelKitApi());

      await user.click(
        await screen.findByRole('button', { name: 'Copy kit pull command' }),
      );
      await user.click(
        screen.getByRole('button', { name: 'Copy kit unpack command' }),
      );
      await user.click(
        screen.getByRole('button', { name: 'Copy kit inspect command' }),
      );

      expect(clipboard.copied).toEqual([
        versionV120.commands.pull,
        versionV120.commands.unpack,
        versionV120.commands.inspect,
      ]);
      expect(clipboard.copied[1]).toBe(
        'kit unpack registry.example.com:5000/kitstage-demo/support-sentiment:v1.2.0 -d support-sentiment',
      );
    } finally {
      clipboard.restore();
    }
  });

  it('keeps a version that is not on the first page as an option', async () => {
    const api = new FixtureModelKitApi();
    jest.spyOn(api, 'getVersion').mockResolvedValue({
      ...versionV110,
      reference: 'v0.9.0',
      digest: digests.v090,
      tags: ['v0.9.0'],
    });
    renderContent(api, '/?version=v0.9.0');

    const picker = await screen.findByRole('combobox', { name: 'Version' });
    expect(picker).toHaveValue('v0.9.0');
    expect(
      within(picker)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'v0.9.0',
      'v1.2.0, latest (1.2.0) · sha256:dd9a77c1861b',
      'v1.1.0 (1.1.0) · sha256:c416d3399f5f',
      'v1.0.0, stable (1.0.0) · sha256:4be212bcbe47',
    ]);
  });

  it('shows the message of the backend when the version cannot be read', async () => {
    const api = new FixtureModelKitApi();
    jest.spyOn(api, 'getVersion').mockRejectedValue(
      await backendError({
        status: 404,
        statusText: 'Not Found',
        name: 'NotFoundError',
        message:
          'No tag v9 in registry.example.com:5000/kitstage-demo/support-sentiment',
        url: '/api/modelkit/modelkits/default/support-sentiment/versions/v9',
      }),
    );
    renderContent(api, '/?version=v9');

    expect(
      await screen.findByText(
        'Error: Could not load this version: No tag v9 in registry.example.com:5000/kitstage-demo/support-sentiment',
      ),
    ).toBeInTheDocument();
  });

  it('refuses a version in the address that is not a tag or a digest', async () => {
    const api = new FixtureModelKitApi();
    const getVersion = jest.spyOn(api, 'getVersion');
    renderContent(api, `/?version=${encodeURIComponent('../../etc/passwd')}`);

    expect(
      await screen.findByText(
        'Error: "../../etc/passwd" in the address is not a tag or a digest of this ModelKit.',
      ),
    ).toBeInTheDocument();
    expect(getVersion).not.toHaveBeenCalled();
  });

  it('says when the registry holds no version yet', async () => {
    const api = new FixtureModelKitApi({
      versions: [],
      details: [],
      diffs: [],
      pageSize: 3,
    });
    const getVersion = jest.spyOn(api, 'getVersion');
    renderContent(api);

    expect(await screen.findByText('No versions yet')).toBeInTheDocument();
    expect(getVersion).not.toHaveBeenCalled();
    expect(screen.queryByRole('combobox')).toBeNull();
  });
});
