import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ModelKitLineageResponse,
  ModelKitModelCardResponse,
  readModelCard,
} from '@kitstage/plugin-modelkit-common';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import {
  DemoPortalBackend,
  startDemoPortalBackend,
} from '../__testUtils__/startDemoPortalBackend';

jest.setTimeout(150_000);

// The demo portal's app-config.yaml with the real catalog, the demo OCI image layout ingested on
// schedule and the hand-written Components of examples/entities.yaml. No Kubernetes plugin runs
// here, so where the demo services run is missing, with a warning.
describe('the lineage of the demo fine-tune', () => {
  let demo: DemoPortalBackend;

  beforeAll(async () => {
    demo = await startDemoPortalBackend();
  }, 120_000);

  afterAll(async () => {
    await demo?.stop();
  }, 60_000);

  const get = (path: string) =>
    request(demo.backend.server)
      .get(path)
      .set('authorization', mockCredentials.user.header());

  it('shows support-sentiment with its base model, dataset and serving Component, and its model card', async () => {
    const body = await eventually(
      'the demo lineage',
      async () => {
        const response = await get(
          '/api/modelkit/modelkits/default/support-sentiment/lineage',
        );
        const lineage = response.body as ModelKitLineageResponse;
        return response.status === 200 &&
          lineage.graph.nodes.some(
            n => n.id === 'component:default/support-sentiment-api',
          ) &&
          lineage.graph.nodes.length >= 4
          ? lineage
          : undefined;
      },
      120_000,
    );
    const byId = new Map(body.graph.nodes.map(n => [n.id, n]));
    expect(byId.get('modelkit:default/support-sentiment')?.kind).toBe(
      'fine-tune',
    );
    expect(byId.get('modelkit:default/sentiment-base')).toMatchObject({
      kind: 'base-model',
      depth: -1,
      title: 'Sentiment base model',
    });
    expect(byId.get('modelkit:default/support-tickets')).toMatchObject({
      kind: 'dataset',
      depth: -1,
    });
    expect(byId.get('component:default/support-sentiment-api')?.depth).toBe(1);
    expect(body.graph.edges.map(e => `${e.type} ${e.to}`)).toEqual(
      expect.arrayContaining([
        'fine-tuned-from modelkit:default/sentiment-base',
        'trained-on modelkit:default/support-tickets',
        'served-by component:default/support-sentiment-api',
      ]),
    );
    expect(body.version?.digest).toMatch(/^sha256:/);

    const card = await get(
      `/api/modelkit/modelkits/default/support-sentiment/versions/${
        body.version!.reference
      }/model-card`,
    );
    expect(card.status).toBe(200);
    const model = card.body as ModelKitModelCardResponse;
    expect(model.source).toMatchObject({
      type: 'docs-layer',
      path: 'README.md',
    });
    // A Hugging Face-style card: YAML front matter, then the Markdown body.
    expect(model.markdown).toMatch(/^---\n/);
    const document = readModelCard(model.markdown ?? '');
    expect(document.problems).toEqual([]);
    expect(document.frontMatter).toBeDefined();
    expect(document.body.trimStart()).toMatch(/^# /);
    expect(model.truncated).toBe(false);
  });
});
