import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  attestationApiData,
  digests,
  FixtureModelKitApi,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { registryUnreachable } from '../../__fixtures__/errors';
import {
  fineTunedModelKit,
  minimalModelKit,
} from '../../__fixtures__/modelkits';
import { ModelKitAboutCard } from './ModelKitAboutCard';

function renderCard(
  entity: Entity,
  api = new FixtureModelKitApi(attestationApiData),
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <ModelKitAboutCard />
    </EntityProvider>,
    {
      apis: [[modelkitApiRef, api]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** The value element (`dd`) of the field with the given label. */
function field(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: 'dt' });
  const value = term.nextElementSibling;
  if (!(value instanceof HTMLElement) || value.tagName !== 'DD') {
    throw new Error(`field ${label} has no value element`);
  }
  return value;
}

describe('ModelKitAboutCard', () => {
  it('renders every spec field of a ModelKit', async () => {
    await renderCard(fineTunedModelKit);

    expect(
      await screen.findByRole('heading', { name: 'About' }),
    ).toBeInTheDocument();
    expect(
      await within(field('Description')).findByText('support tickets', {
        selector: 'strong',
      }),
    ).toBeInTheDocument();
    expect(field('Lifecycle')).toHaveTextContent('production');
    expect(field('Type')).toHaveTextContent('model');
    expect(field('Framework')).toHaveTextContent('transformers');
    expect(field('License')).toHaveTextContent('Apache-2.0');
    expect(field('Repository')).toHaveTextContent(
      'registry.example.com:5000/kitstage-demo/support-sentiment',
    );
    expect(field('Pull the latest version')).toHaveTextContent(
      'kit pull registry.example.com:5000/kitstage-demo/support-sentiment:latest',
    );
    expect(within(field('Tags')).getByText('nlp')).toBeInTheDocument();
    expect(within(field('Tags')).getByText('fine-tune')).toBeInTheDocument();
  });

  it('links the owner, system, base model and datasets to their entity pages', async () => {
    await renderCard(fineTunedModelKit);

    expect(
      within(field('Owner')).getByRole('link', { name: 'nlp-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/nlp-team');
    expect(
      within(field('System')).getByRole('link', { name: 'customer-insights' }),
    ).toHaveAttribute('href', '/catalog/default/system/customer-insights');
    expect(
      within(field('Base model')).getByRole('link', { name: 'sentiment-base' }),
    ).toHaveAttribute('href', '/catalog/default/modelkit/sentiment-base');

    const datasets = within(field('Datasets')).getAllByRole('link');
    expect(datasets.map(link => link.getAttribute('href'))).toEqual([
      '/catalog/default/modelkit/support-tickets',
      '/catalog/research/modelkit/product-reviews',
    ]);
  });

  it('offers the edit and source links of the entity', async () => {
    await renderCard(fineTunedModelKit);

    expect(
      await screen.findByRole('link', { name: /^Edit metadata/ }),
    ).toHaveAttribute(
      'href',
      'https://git.example.com/ml/models/edit/main/catalog-info.yaml',
    );
    expect(screen.getByRole('link', { name: /^View source/ })).toHaveAttribute(
      'href',
      'https://git.example.com/ml/models/tree/main/',
    );
  });

  it('does not link annotations that are not web addresses', async () => {
    await renderCard({
      ...minimalModelKit,
      metadata: {
        ...minimalModelKit.metadata,
        annotations: {
          // eslint-disable-next-line no-script-url
          'backstage.io/edit-url': 'javascript:alert(1)',
          'backstage.io/source-location': 'file:/srv/catalog/modelkits.yaml',
        },
      },
    });

    expect(
      await screen.findByRole('heading', { name: 'About' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /^Edit metadata/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /^View source/ }),
    ).not.toBeInTheDocument();
  });

  it('leaves out the optional rows of a ModelKit with only required fields', async () => {
    await renderCard(minimalModelKit);

    expect(
      await screen.findByRole('heading', { name: 'About' }),
    ).toBeInTheDocument();
    const labels = screen.getAllByRole('term').map(term => term.textContent);
    expect(labels).toEqual([
      'Description',
      'Owner',
      'Lifecycle',
      'Policy (latest version)',
      'Repository',
      'Pull the latest version',
    ]);
    expect(field('Description')).toHaveTextContent('No description');
    expect(
      within(field('Owner')).getByRole('link', { name: 'jdoe' }),
    ).toHaveAttribute('href', '/catalog/default/user/jdoe');
    expect(field('Lifecycle')).toHaveTextContent('experimental');
    expect(
      screen.queryByRole('link', { name: /^Edit metadata/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /^View source/ }),
    ).not.toBeInTheDocument();
  });

  it('resolves references without a namespace against the entity namespace', async () => {
    await renderCard({
      ...minimalModelKit,
      metadata: { name: 'fraud-detector', namespace: 'risk' },
      spec: {
        ...minimalModelKit.spec,
        owner: 'risk-team',
        baseModel: 'default/tabular-base',
      },
    });

    expect(
      within(await waitForField('Owner')).getByRole('link'),
    ).toHaveAttribute('href', '/catalog/risk/group/risk-team');
    expect(within(field('Base model')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/modelkit/tabular-base',
    );
  });

  it('shows a reference that does not parse as text instead of a link', async () => {
    await renderCard({
      ...minimalModelKit,
      spec: { ...minimalModelKit.spec, baseModel: 'modelkit:' },
    });

    const baseModel = await waitForField('Base model');
    expect(baseModel).toHaveTextContent('modelkit:');
    expect(within(baseModel).queryByRole('link')).not.toBeInTheDocument();
  });

  it('offers no pull command for a repository that is not a plain OCI repository', async () => {
    await renderCard({
      ...minimalModelKit,
      spec: {
        ...minimalModelKit.spec,
        repository: 'registry.example.com/risk/x; rm -rf ~',
      },
    });

    expect(await waitForField('Repository')).toHaveTextContent(
      'registry.example.com/risk/x; rm -rf ~',
    );
    expect(
      screen.queryByText('Pull the latest version'),
    ).not.toBeInTheDocument();
  });

  it('copies the pull command', async () => {
    const copied: string[] = [];
    const execCommand = jest.fn((command: string) => {
      if (command === 'copy') {
        copied.push(document.getSelection()?.toString() ?? '');
      }
      return true;
    });
    Object.defineProperty(document, 'execCommand', {
      configurable: true,
      value: execCommand,
    });
    try {
      const user = userEvent.setup();
      await renderCard(minimalModelKit);
      await user.click(
        await screen.findByRole('button', { name: 'Copy pull command' }),
      );
      expect(copied).toEqual([
        'kit pull registry.example.com/risk/fraud-detector:latest',
      ]);
    } finally {
      delete (document as { execCommand?: unknown }).execCommand;
    }
  });

  describe('policy of the latest version', () => {
    it('shows the badge of the newest version from one request', async () => {
      const api = new FixtureModelKitApi(attestationApiData);
      const getLatestPolicyStatus = jest.spyOn(api, 'getLatestPolicyStatus');
      const getPolicyStatus = jest.spyOn(api, 'getPolicyStatus');
      await renderCard(fineTunedModelKit, api);

      const policy = await waitForField('Policy (latest version)');
      await waitFor(() =>
        expect(policy).toHaveTextContent('Policy failedof v1.2.0'),
      );
      expect(
        within(policy).getByText('Policy failed').closest('[data-policy]'),
      ).toHaveAttribute('data-policy', 'failed');
      expect(getLatestPolicyStatus).toHaveBeenCalledTimes(1);
      expect(getLatestPolicyStatus).toHaveBeenCalledWith({
        namespace: 'default',
        name: 'support-sentiment',
      });
      // The fixture answers through its batched route; the card never lists versions.
      expect(getPolicyStatus).toHaveBeenCalledWith(expect.anything(), [
        digests.v120,
      ]);
    });

    it('says when the ModelKit has no versions yet', async () => {
      await renderCard(
        minimalModelKit,
        new FixtureModelKitApi({ ...attestationApiData, versions: [] }),
      );

      const policy = await waitForField('Policy (latest version)');
      await waitFor(() => expect(policy).toHaveTextContent('No versions yet'));
      expect(policy.querySelector('[data-policy]')).toBeNull();
    });

    it('keeps the card when the status cannot be loaded', async () => {
      const api = new FixtureModelKitApi(attestationApiData);
      jest
        .spyOn(api, 'getLatestPolicyStatus')
        .mockRejectedValue(
          await registryUnreachable(
            '/api/modelkit/modelkits/default/support-sentiment/policy/latest',
          ),
        );
      await renderCard(fineTunedModelKit, api);

      const policy = await waitForField('Policy (latest version)');
      const note = await within(policy).findByText('Policy status unavailable');
      expect(note).toHaveAttribute(
        'title',
        'Registry registry.example.com:5000 could not be reached: connect ECONNREFUSED 10.0.0.12:5000',
      );
      expect(field('Lifecycle')).toHaveTextContent('production');
    });
  });
});

async function waitForField(label: string): Promise<HTMLElement> {
  await screen.findByText(label, { selector: 'dt' });
  return field(label);
}
