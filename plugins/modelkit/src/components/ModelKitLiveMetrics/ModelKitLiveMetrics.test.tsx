import { Entity } from '@backstage/catalog-model';
import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  ComponentLiveMetricsResponse,
  DeployedModelKit,
} from '@kitstage/plugin-modelkit-common';
import { configure, screen, waitFor, within } from '@testing-library/react';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  attestationsOf,
  CANARY,
  canaryMetrics,
  canaryModelKits,
  STABLE,
  versionOf,
} from './__fixtures__/liveMetrics';
import { ModelKitLiveMetrics } from './ModelKitLiveMetrics';

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'support-sentiment-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:nlp-team', lifecycle: 'production' },
};

function render(
  answer: { status: number; body: unknown },
  modelKits: DeployedModelKit[] = canaryModelKits,
) {
  const urls: string[] = [];
  const fetchApi = {
    fetch: jest.fn(async (url: RequestInfo | URL) => {
      urls.push(String(url));
      return new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  };
  const modelkitApi = {
    getAttestations: jest.fn(async (_e: unknown, digest: string) =>
      attestationsOf(digest),
    ),
    getVersion: jest.fn(async (_e: unknown, digest: string) =>
      versionOf(digest),
    ),
  };
  const rendered = renderInTestApp(
    <EntityProvider entity={component}>
      <ModelKitLiveMetrics modelKits={modelKits} />
    </EntityProvider>,
    {
      apis: [
        [
          discoveryApiRef,
          { getBaseUrl: async (id: string) => `http://backend.test/api/${id}` },
        ],
        [fetchApiRef, fetchApi],
        [modelkitApiRef, modelkitApi as any],
      ],
    },
  );
  return { rendered, urls, modelkitApi };
}

/** The first cell (the metric name) of the row whose name starts with a label. */
function rowHeader(label: string): HTMLElement | undefined {
  return screen
    .queryAllByRole('row')
    .map(r => r.firstElementChild as HTMLElement)
    .find(cell => cell?.textContent?.startsWith(label));
}

/** The value cells of a table row, by its metric name. */
function row(label: string): string[] {
  const header = rowHeader(label);
  if (!header) throw new Error(`No row ${label}`);
  return [...header.parentElement!.children]
    .slice(1)
    .map(cell => cell.textContent ?? '');
}

describe('ModelKitLiveMetrics', () => {
  it('shows the two versions of a canary side by side, from the backend only', async () => {
    const { urls } = render({ status: 200, body: canaryMetrics });
    const table = await screen.findByRole('table', {
      name: 'Live metrics per ModelKit version',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Metric',
      `v1.2.0 (${STABLE.slice(7, 19)})`,
      `v1.3.0 (${CANARY.slice(7, 19)})`,
    ]);
    expect(row('Traffic share')).toEqual(['90 %', '10 %']);
    expect(row('Requests')).toEqual(['81.0/s', '9.00/s']);
    expect(row('Error ratio')).toEqual(['1.11 %', '20.00 %']);
    expect(row('Latency p50')).toEqual(['42.0 ms', '110.0 ms']);
    expect(row('Latency p99')).toEqual(['610.0 ms', '–']);
    expect(
      screen.getByText(/Rates over 5m, by the Prometheus label/),
    ).toBeInTheDocument();
    expect(urls).toEqual([
      'http://backend.test/api/modelkit/metrics/components/default/support-sentiment-api',
    ]);
  });

  it('marks metrics from a source the configuration calls simulated, and only those', async () => {
    render({
      status: 200,
      body: {
        ...canaryMetrics,
        source: { title: 'Demo Prometheus', simulated: true },
      },
    });
    const table = await screen.findByRole('table', {
      name: 'Simulated live metrics per ModelKit version',
    });
    expect(within(table).getAllByRole('columnheader')).toHaveLength(3);
    expect(screen.getByText('simulated')).toBeInTheDocument();
    expect(
      screen.getByText('Simulated metrics: Demo Prometheus'),
    ).toBeInTheDocument();
    // The canary's two versions still differ.
    expect(row('Error ratio')).toEqual(['1.11 %', '20.00 %']);
  });

  it("shows each version's traffic share on this card's cluster, not its largest share anywhere", async () => {
    render({
      status: 200,
      body: {
        ...canaryMetrics,
        versions: canaryMetrics.configured
          ? canaryMetrics.versions.map(v =>
              v.digest === STABLE ? { ...v, trafficPercent: 100 } : v,
            )
          : [],
      },
    });
    await screen.findByRole('table', {
      name: 'Live metrics per ModelKit version',
    });
    expect(row('Traffic share')).toEqual(['90 %', '10 %']);
  });

  describe('an Argo Rollouts canary', () => {
    const side = (digest: string): 'stable' | 'canary' =>
      digest === STABLE ? 'stable' : 'canary';
    const rolloutModelKits = canaryModelKits.map(m => ({
      ...m,
      rolloutRole: side(m.digest!),
    }));
    const rolloutMetrics = canaryMetrics.configured
      ? {
          ...canaryMetrics,
          versions: canaryMetrics.versions.map(v => ({
            ...v,
            rolloutRole: side(v.digest),
          })),
        }
      : canaryMetrics;
    /** The column header of a version, by its digest. */
    const header = (table: HTMLElement, digest: string) =>
      within(table)
        .getAllByRole('columnheader')
        .find(h => h.getAttribute('data-digest') === digest)!;

    it('labels the stable and the canary column', async () => {
      render({ status: 200, body: rolloutMetrics }, rolloutModelKits);
      const table = await screen.findByRole('table', {
        name: 'Live metrics per ModelKit version',
      });
      expect(header(table, STABLE)).toHaveTextContent(
        `v1.2.0 (${STABLE.slice(7, 19)})stable`,
      );
      expect(header(table, CANARY)).toHaveTextContent(
        `v1.3.0 (${CANARY.slice(7, 19)})canary`,
      );
      expect(within(header(table, STABLE)).getByText('stable')).toBeVisible();
      expect(within(header(table, CANARY)).getByText('canary')).toBeVisible();
      expect(row('Traffic share')).toEqual(['90 %', '10 %']);
    });

    it("labels the sides the versions have on this card's cluster only", async () => {
      // The versions run without a Rollout canary here, though another cluster gives them sides.
      render({ status: 200, body: rolloutMetrics }, canaryModelKits);
      const table = await screen.findByRole('table', {
        name: 'Live metrics per ModelKit version',
      });
      expect(within(table).queryByText('stable')).toBeNull();
      expect(within(table).queryByText('canary')).toBeNull();
    });
  });

  it('shows no simulated label for a real source', async () => {
    render({
      status: 200,
      body: { ...canaryMetrics, source: { title: 'Prod', simulated: false } },
    });
    await screen.findByRole('table', {
      name: 'Live metrics per ModelKit version',
    });
    expect(screen.queryByText('simulated')).toBeNull();
    expect(screen.queryByText(/Simulated metrics/)).toBeNull();
  });

  it('puts training-time metrics next to them: verified scans only, Kitfile values labelled as declared', async () => {
    render({ status: 200, body: canaryMetrics });
    await screen.findByText('At training time');
    // The canary's scan evaluation is not verified: no value in its column.
    await screen.findByText(/^accuracy/);
    expect(rowHeader('accuracy')).toHaveTextContent(
      'accuracy (verified scan evaluation)',
    );
    expect(row('accuracy')).toEqual(['0.94', '–']);
    expect(rowHeader('f1')).toHaveTextContent('f1 (declared in the Kitfile)');
    expect(row('f1')).toEqual(['0.91', '0.93']);
    expect(rowHeader('note')).toBeUndefined();
  });

  it('shows nothing when live metrics are not configured', async () => {
    const body: ComponentLiveMetricsResponse = { configured: false };
    const { urls } = render({ status: 200, body });
    await waitFor(() => expect(urls).toHaveLength(1));
    await waitFor(() =>
      expect(screen.queryByText('Live metrics')).not.toBeInTheDocument(),
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('names a version whose metrics Prometheus could not give, keeping the other', async () => {
    const body = structuredClone(canaryMetrics);
    if (!body.configured) throw new Error('fixture');
    delete body.versions[1].metrics;
    body.versions[1].error = {
      kind: 'timeout',
      message:
        'Prometheus at http://prometheus.test did not answer within 5000 ms',
    };
    render({ status: 200, body });
    expect(
      await screen.findByText(
        /v1\.3\.0 .*: Prometheus at http:\/\/prometheus\.test did not answer within 5000 ms/,
      ),
    ).toBeInTheDocument();
    expect(row('Requests')).toEqual(['81.0/s', '–']);
  });

  it('shows the backend error in the card instead of failing the view', async () => {
    render({
      status: 500,
      body: { error: { name: 'Error', message: 'boom from backend' } },
    });
    expect(
      await screen.findByText(/Live metrics could not be loaded/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
