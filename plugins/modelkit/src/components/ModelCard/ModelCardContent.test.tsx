import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
  modelCardFallback,
  modelCardV120,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit } from '../../__fixtures__/modelkits';
import { ModelCardContent } from './ModelCardContent';

configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

function renderContent(api: FixtureModelKitApi, path = '/') {
  return renderInTestApp(
    <EntityProvider entity={fineTunedModelKit}>
      <ModelCardContent />
    </EntityProvider>,
    { apis: [[modelkitApiRef, api]], initialRouteEntries: [path] },
  );
}

describe('ModelCardContent', () => {
  it('renders the newest version’s model card from its docs layer', async () => {
    const api = new FixtureModelKitApi({
      modelCards: [modelCardV120, modelCardFallback],
    });
    const getModelCard = jest.spyOn(api, 'getModelCard');
    await renderContent(api);
    expect(
      await screen.findByRole('heading', { name: 'Support sentiment' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Model card · README.md')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^support tickets/ }),
    ).toHaveAttribute('href', 'https://example.com/datasets/tickets');
    expect(getModelCard).toHaveBeenCalledWith(
      { namespace: 'default', name: 'support-sentiment' },
      digests.v120,
    );
  });

  it('falls back to the Kitfile descriptions when the backend says so', async () => {
    const api = new FixtureModelKitApi({
      modelCards: [modelCardV120, modelCardFallback],
    });
    await renderContent(api);
    await screen.findByRole('heading', { name: 'Support sentiment' });
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Version' }),
      digests.v110,
    );
    expect(
      await screen.findByText('Model card · from the Kitfile'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Kitfile descriptions')).toHaveTextContent(
      'Classifies the sentiment of support tickets',
    );
    expect(screen.getByText(/is not a tar archive/)).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Support sentiment' }),
    ).toBeNull();
  });

  it('renders a hostile model card inert and says when it was cut', async () => {
    const api = new FixtureModelKitApi({
      modelCards: [
        {
          ...modelCardV120,
          truncated: true,
          markdown:
            '# Card\n\n<img src=x onerror=alert(1)><script>alert(1)</script>\n\n[x](javascript:alert(1))',
        },
      ],
    });
    const { container } = await renderContent(api);
    expect(
      await screen.findByRole('heading', { name: 'Card' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/its beginning is shown/)).toBeInTheDocument();
    await waitFor(() =>
      expect(container.querySelector('script, img, iframe')).toBeNull(),
    );
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('shows the front matter next to the card, with its results and where it disagrees with the Kitfile', async () => {
    const api = new FixtureModelKitApi({
      modelCards: [
        {
          ...modelCardV120,
          markdown: [
            '---',
            'license: mit',
            'base_model: kitstage-demo/sentiment-base',
            'datasets: [kitstage-demo/support-tickets]',
            'model-index:',
            '  - name: support-sentiment',
            '    results:',
            '      - task: {type: text-classification}',
            '        dataset: {name: Support tickets, split: test}',
            '        metrics:',
            '          - {type: accuracy, name: Accuracy, value: 0.912}',
            '---',
            '# Support sentiment',
            '',
            '| Metric | Value |',
            '| --- | --- |',
            '| F1 | 0.897 |',
            '',
            '- [x] Evaluated',
            '- [ ] ~~Bias audit~~',
          ].join('\n'),
        },
      ],
    });
    await renderContent(api);
    expect(
      await screen.findByRole('heading', { name: 'Support sentiment' }),
    ).toBeInTheDocument();
    const body = await screen.findByRole('table', { name: '' });
    expect(body).toHaveTextContent('F1');
    expect(screen.getAllByRole('checkbox')).toHaveLength(2);
    expect(screen.getByText('Bias audit').tagName).toBe('DEL');
    expect(screen.queryByText(/license: mit/)).toBeNull();
    const results = screen.getByRole('table', {
      name: 'Results reported by the model card',
    });
    expect(results).toHaveTextContent('text-classification');
    expect(results).toHaveTextContent('Support tickets (test)');
    expect(results).toHaveTextContent('Accuracy');
    expect(results).toHaveTextContent('0.912');
    expect(
      screen.getByText('The model card disagrees with the Kitfile'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The model card says the license is mit; the Kitfile says Apache-2.0.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('kitstage-demo/sentiment-base'),
    ).toBeInTheDocument();
  });

  it('says what is wrong with bad front matter and still renders the card', async () => {
    const api = new FixtureModelKitApi({
      modelCards: [
        {
          ...modelCardV120,
          markdown: '---\nlicense: [mit\n---\n# Still here\n',
        },
      ],
    });
    await renderContent(api);
    expect(
      await screen.findByRole('heading', { name: 'Still here' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The front matter could not be fully read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^The front matter is not valid YAML: .*line \d+/),
    ).toBeInTheDocument();
  });
});
