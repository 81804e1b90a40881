import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  configure,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  cycleGraph,
  digests,
  FixtureModelKitApi,
  largeLineageGraph,
  supportSentimentLineage,
  supportSentimentLineageV110,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit } from '../../__fixtures__/modelkits';
import { ModelKitLineageContent } from './ModelKitLineageContent';

configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);

beforeAll(() => {
  // jsdom has no layout; DependencyGraph measures nodes with getBBox.
  (window.SVGElement.prototype as any).getBBox = () => ({
    x: 0,
    y: 0,
    width: 216,
    height: 58,
  });
});

function renderContent(api: FixtureModelKitApi, path = '/') {
  return renderInTestApp(
    <EntityProvider entity={fineTunedModelKit}>
      <ModelKitLineageContent />
    </EntityProvider>,
    {
      apis: [[modelkitApiRef, api]],
      initialRouteEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

describe('ModelKitLineageContent', () => {
  it('draws the lineage with links to entity pages, kinds, edge labels and warnings', async () => {
    const api = new FixtureModelKitApi({
      lineage: [supportSentimentLineage, supportSentimentLineageV110],
    });
    const getLineage = jest.spyOn(api, 'getLineage');
    await renderContent(api);

    const base = await screen.findByRole('link', {
      name: 'Base model: Sentiment base model',
    });
    expect(base).toHaveAttribute(
      'href',
      '/catalog/default/modelkit/sentiment-base',
    );
    expect(
      screen.getByRole('link', { name: 'Dataset: Support tickets dataset' }),
    ).toHaveAttribute('href', '/catalog/default/modelkit/support-tickets');
    expect(
      screen.getByRole('link', { name: 'Component: Sentiment API' }),
    ).toHaveAttribute('href', '/catalog/default/component/sentiment-api');
    // A source links to its repository, in a new tab.
    const source = screen.getByRole('link', {
      name: 'Source: git.example.com/ml/models',
    });
    expect(source).toHaveAttribute(
      'href',
      'https://git.example.com/ml/models/commit/4f2a9c1',
    );
    expect(source).toHaveAttribute('target', '_blank');
    // The cluster's javascript: address is not linked.
    expect(
      screen.getByRole('img', { name: 'Cluster: Production EU' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Production EU/ })).toBeNull();
    // The missing dataset is drawn and named as missing.
    expect(
      screen.getByRole('link', { name: 'Dataset: product-reviews (missing)' }),
    ).toBeInTheDocument();
    // Edges say what they are.
    const graph = screen.getByTestId('lineage-graph');
    for (const label of ['fine-tuned into', 'served by', 'runs on', 'builds']) {
      expect(within(graph).getByText(label)).toBeInTheDocument();
    }
    expect(within(graph).getAllByText('trains')).toHaveLength(2);
    expect(
      screen.getByRole('alert', { name: 'Lineage warnings' }),
    ).toHaveTextContent('product-reviews, which is not in the catalog');
    expect(
      screen.getByText(/Lineage as of v1.2.0, latest/),
    ).toBeInTheDocument();
    expect(getLineage).toHaveBeenCalledWith(
      { namespace: 'default', name: 'support-sentiment' },
      {},
    );
  });

  it('shows the lineage as of the version picked', async () => {
    const api = new FixtureModelKitApi({
      lineage: [supportSentimentLineage, supportSentimentLineageV110],
    });
    const getLineage = jest.spyOn(api, 'getLineage');
    await renderContent(api);
    expect(
      await screen.findByRole('link', {
        name: 'Source: git.example.com/ml/models',
      }),
    ).toBeInTheDocument();

    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Version' }),
      digests.v110,
    );

    await waitFor(() =>
      expect(getLineage).toHaveBeenLastCalledWith(
        { namespace: 'default', name: 'support-sentiment' },
        { version: digests.v110 },
      ),
    );
    expect(await screen.findByText(/Lineage as of v1.1.0/)).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Source: git.example.com/ml/models' }),
    ).toBeNull();
    expect(
      screen.queryByRole('alert', { name: 'Lineage warnings' }),
    ).toBeNull();
  });

  it('opens the version named in the address', async () => {
    const api = new FixtureModelKitApi({
      lineage: [supportSentimentLineage, supportSentimentLineageV110],
    });
    const getLineage = jest.spyOn(api, 'getLineage');
    await renderContent(api, `/?version=${digests.v110}`);
    expect(await screen.findByText(/Lineage as of v1.1.0/)).toBeInTheDocument();
    expect(getLineage).toHaveBeenCalledWith(
      { namespace: 'default', name: 'support-sentiment' },
      { version: digests.v110 },
    );
  });

  it('shows a cycle as a warning and draws each member once', async () => {
    const api = new FixtureModelKitApi({
      lineage: [{ ...supportSentimentLineage, graph: cycleGraph }],
    });
    await renderContent(api);
    const warnings = await screen.findByRole('alert', {
      name: 'Lineage warnings',
    });
    expect(warnings).toHaveTextContent('fine-tuned from each other');
    expect(
      await screen.findAllByRole('link', { name: /Model A/ }),
    ).toHaveLength(1);
    expect(screen.getAllByRole('link', { name: /Model B/ })).toHaveLength(1);
  });

  it('collapses large groups of a 200-node lineage and lists every node in the table', async () => {
    const api = new FixtureModelKitApi({
      lineage: [{ ...supportSentimentLineage, graph: largeLineageGraph(200) }],
    });
    await renderContent(api);
    expect(await screen.findByText(/200 nodes/)).toBeInTheDocument();
    const graph = screen.getByTestId('lineage-graph');
    const group = await within(graph).findByRole('button', {
      name: 'Show 93 Components',
    });
    expect(
      within(graph).queryByRole('link', { name: 'Component: Service 0' }),
    ).toBeNull();
    // d3-zoom takes mouse-downs on the canvas; a click alone expands a group.
    fireEvent.click(group);
    expect(
      await within(graph).findByRole('link', { name: 'Component: Service 0' }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Table' }));
    const table = await screen.findByRole('table', { name: 'Lineage nodes' });
    // A header row and one row per node.
    expect(within(table).getAllByRole('row')).toHaveLength(201);
    expect(
      within(table).getByRole('link', { name: 'Service 92' }),
    ).toHaveAttribute('href', '/catalog/default/component/service-092');
  });

  it('names the error when the lineage cannot be loaded', async () => {
    const api = new FixtureModelKitApi({ lineage: [] });
    await renderContent(api);
    expect(
      await screen.findByText(/The lineage could not be loaded/),
    ).toBeInTheDocument();
  });
});
